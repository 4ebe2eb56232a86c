// What a pipeline's machines cost per hour: every broker, every client machine (a producer or a
// consumer group member that names no shared host gets one of its own, as the engine gives it),
// every shared host, and every Spark executor. Spark drivers and sinks are not modelled as machines
// and cost nothing here.
import { hardwarePricePerHour, type BrokerHardware } from '../model/presets';
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

export function costBreakdown(doc: Pipeline): CostBreakdown {
  const lines: CostLine[] = [];
  const add = (what: string, machines: number, h: BrokerHardware) => {
    if (machines <= 0) return;
    const price = hardwarePricePerHour(h);
    lines.push({ what, machines, pricePerHour: price, total: machines * price });
  };
  for (const b of doc.cluster.brokers) add(`broker ${b.id}`, 1, b.hardware);
  for (const h of doc.cluster.hosts) add(`host ${h.id}`, 1, h.hardware);
  const client = clientMachine(doc);
  for (const p of doc.producers) if (p.host === undefined) add(`producer ${p.id}`, 1, client);
  for (const g of doc.consumerGroups) if (g.hosts === undefined) add(`group ${g.id}`, g.members, client);
  for (const j of doc.sparkJobs)
    add(`Spark job ${j.id} executors`, j.config['spark.executor.instances'], j.executorHardware ?? client);
  return { perHour: round2(lines.reduce((a, l) => a + l.total, 0)), lines };
}

/** The pipeline's machines in US dollars an hour. */
export function costPerHour(doc: Pipeline): number {
  return costBreakdown(doc).perHour;
}

const round2 = (x: number) => Math.round(x * 1e4) / 1e4;
