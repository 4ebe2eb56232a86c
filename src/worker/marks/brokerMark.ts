// A broker's marks: down or cut off (an outage), or a resource used near its capacity, by its
// mean utilisation over the last few seconds.
import type { Pipeline } from '../../model';
import { mean, pct, type SeriesWindow } from './window';

/** Utilisation from which a resource counts as near its capacity: requests queue for it. */
export const NEAR_CAPACITY = 0.85;
/** Seconds a resource must stay that busy (on average) to be marked. */
export const SATURATION_SEC = 5;

const RESOURCE_NAMES = {
  cpu: 'CPU',
  networkIn: 'incoming network',
  networkOut: 'outgoing network',
  disk: 'disk',
  ioThreads: 'request handler threads (num.io.threads)',
  networkThreads: 'network threads (num.network.threads)',
} as const;
type Resource = keyof typeof RESOURCE_NAMES;

export interface Saturation {
  broker: string;
  resource: string;
  /** Mean utilisation over the last SATURATION_SEC seconds, 0..1. */
  busy: number;
}

/** The broker's busiest resource if it is near its capacity. */
export function saturation(w: SeriesWindow, broker: string): Saturation | undefined {
  const last = w.tail(SATURATION_SEC);
  if (last.length < SATURATION_SEC) return undefined;
  let worst: Saturation | undefined;
  for (const name of Object.keys(RESOURCE_NAMES) as Resource[]) {
    const values = last.column(`${broker}.${name}`);
    if (!values) continue;
    const busy = mean(values);
    if (busy >= NEAR_CAPACITY && (!worst || busy > worst.busy))
      worst = { broker, resource: RESOURCE_NAMES[name], busy };
  }
  return worst;
}

/** The busiest resource near its capacity over all brokers: "broker-2 outgoing network 97%". */
export function busiestBroker(doc: Pipeline, w: SeriesWindow): Saturation | undefined {
  let worst: Saturation | undefined;
  for (const b of doc.cluster.brokers) {
    const s = saturation(w, b.id);
    if (s && (!worst || s.busy > worst.busy)) worst = s;
  }
  return worst;
}

export const saturationText = (s: Saturation): string => `${s.broker} ${s.resource} ${pct(s.busy)}`;

export function brokerMark(w: SeriesWindow, broker: string): string | undefined {
  if (w.last(`${broker}.down`) > 0)
    return 'Down: it serves nothing. The controller moves the leadership of its partitions to in-sync followers once it misses broker.session.timeout.ms of heartbeats.';
  if (w.last(`${broker}.cutOff`) > 0)
    return 'Cut off from the network: clients or the other brokers cannot reach it, so the partitions it leads or follows stall until the controller acts or the cut heals.';
  const s = saturation(w, broker);
  if (!s) return undefined;
  return `Its ${s.resource} is ${pct(s.busy)} busy (mean of the last ${SATURATION_SEC} s), near its capacity, so requests queue for it.`;
}
