// The brokers a run will have: the cluster's own, then those addBroker events bring in, in the
// order of their events, then the brokers of further clusters. Broker indexes in the engine follow
// this order.
import type { Broker, Pipeline } from './types';

export interface BrokerOfRun {
  broker: Broker;
  /** When it joins: 0 for the cluster's own, the addBroker event's time otherwise. */
  joinsAtSec: number;
  /** Brought by an addBroker event (out of the cluster until then). */
  added?: true;
  /** The further cluster (`clusters`) it belongs to; left out, the document's own `cluster`. */
  cluster?: string;
}

export function brokersOfRun(doc: Pick<Pipeline, 'cluster' | 'faults' | 'clusters'>): BrokerOfRun[] {
  const out: BrokerOfRun[] = doc.cluster.brokers.map((broker) => ({ broker, joinsAtSec: 0 }));
  for (const f of doc.faults)
    if (f.kind === 'addBroker') out.push({ broker: f.broker, joinsAtSec: f.atSec, added: true });
  // Further clusters last, so that the indexes of the primary's brokers never change.
  for (const c of doc.clusters ?? [])
    for (const broker of c.brokers) out.push({ broker, joinsAtSec: 0, cluster: c.id });
  return out;
}

/**
 * Every broker has a rack, so placement is rack-aware (Kafka refuses a mix of brokers with and
 * without broker.rack unless told to ignore racks; here a mix places without racks).
 */
export function racksOf(brokers: readonly { rack?: string | undefined }[]): string[] | undefined {
  if (brokers.length === 0 || brokers.some((b) => !b.rack)) return undefined;
  return brokers.map((b) => b.rack!);
}
