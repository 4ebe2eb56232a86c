// What a pipeline's machines cost per hour: every broker, every client machine (a producer or a
// consumer group member that names no shared host gets one of its own, as the engine gives it),
// every shared host, and every Spark executor. Spark drivers and sinks are not modelled as machines
// and cost nothing here.
import { brokersOfRun } from '../model/brokers';
import {
  hardwareCrossZonePricePerGB,
  hardwareObjectStorage,
  hardwarePricePerHour,
  type BrokerHardware,
} from '../model/presets';
import type { Pipeline } from '../model/types';

export interface CostLine {
  /** What the machines are: "brokers", "client machines of producer orders", ... */
  what: string;
  machines: number;
  pricePerHour: number;
  /** machines * pricePerHour. */
  total: number;
}

export interface CostBreakdown {
  /** US dollars an hour, all lines together. */
  perHour: number;
  lines: CostLine[];
}

/** The machine a client gets when it names none: cluster.clientHardware, else the first broker's. */
function clientMachine(doc: Pipeline): BrokerHardware {
  return doc.cluster.clientHardware ?? doc.cluster.brokers[0]!.hardware;
}

/** Hours in an average month (365.25 x 24 / 12): a price per GB-month over this is per GB-hour. */
export const HOURS_PER_MONTH = 730.5;

/**
 * `crossZoneBytesPerSec`: the run's mean traffic between racks (zones), priced at the first
 * broker's crossZonePricePerGB and counted as one line; 0 (the default) leaves it out.
 * `objectStoreGB`: what tiered storage holds in the object store (at the run's end), priced at the
 * first broker's store price per GB-month, spread over the month's hours; 0 leaves it out.
 */
export function costBreakdown(doc: Pipeline, crossZoneBytesPerSec = 0, objectStoreGB = 0): CostBreakdown {
  const lines: CostLine[] = [];
  const add = (what: string, machines: number, h: BrokerHardware) => {
    if (machines <= 0) return;
    const price = hardwarePricePerHour(h);
    lines.push({ what, machines, pricePerHour: price, total: machines * price });
  };
  for (const b of doc.cluster.brokers) add(`broker ${b.id}`, 1, b.hardware);
  // A broker of an addBroker event is counted as if it ran all along: what the grown cluster costs.
  for (const { broker, joinsAtSec } of brokersOfRun(doc))
    if (joinsAtSec > 0 || !doc.cluster.brokers.includes(broker))
      add(`broker ${broker.id} (joins at ${joinsAtSec} s)`, 1, broker.hardware);
  for (const h of doc.cluster.hosts) add(`host ${h.id}`, 1, h.hardware);
  const client = clientMachine(doc);
  for (const p of doc.producers) if (p.host === undefined) add(`producer ${p.id}`, 1, client);
  for (const g of doc.consumerGroups) if (g.hosts === undefined) add(`group ${g.id}`, g.members, client);
  for (const j of doc.sparkJobs)
    add(`Spark job ${j.id} executors`, j.config['spark.executor.instances'], j.executorHardware ?? client);
  const first = doc.cluster.brokers[0];
  const perGB = first ? hardwareCrossZonePricePerGB(first.hardware) : 0;
  const gbPerHour = (crossZoneBytesPerSec * 3600) / 1e9;
  if (gbPerHour > 0 && perGB > 0)
    lines.push({
      what: `cross-zone traffic (${Number(gbPerHour.toFixed(2))} GB an hour)`,
      machines: 0,
      pricePerHour: perGB * gbPerHour,
      total: perGB * gbPerHour,
    });
  const perGBMonth = first ? hardwareObjectStorage(first.hardware).pricePerGBMonth : 0;
  if (objectStoreGB > 0 && perGBMonth > 0) {
    const perHour = (objectStoreGB * perGBMonth) / HOURS_PER_MONTH;
    lines.push({
      what: `object storage (${Number(objectStoreGB.toFixed(2))} GB at $${perGBMonth} per GB-month)`,
      machines: 0,
      pricePerHour: perHour,
      total: perHour,
    });
  }
  return { perHour: round2(lines.reduce((a, l) => a + l.total, 0)), lines };
}

/** The pipeline's machines in US dollars an hour. */
export function costPerHour(doc: Pipeline, crossZoneBytesPerSec = 0, objectStoreGB = 0): number {
  return costBreakdown(doc, crossZoneBytesPerSec, objectStoreGB).perHour;
}

const round2 = (x: number) => Math.round(x * 1e4) / 1e4;
