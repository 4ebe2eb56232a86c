// What tiered storage shows per second and at the end: each tiered topic's bytes on the brokers'
// disks and in the object store, what the store costs a month, and each broker's remote reads.
import { hardwareObjectStorage } from '../../model/presets';
import type { Simulation } from '../engine/simulation';

/** The summary's part for one tiered topic. */
export interface TieredTopicSummary {
  /** Bytes on the brokers' disks, every replica counted (GB). */
  localGB: number;
  /** Bytes in the object store, one copy (GB). */
  remoteGB: number;
  /** Copied to the store and read back from it during the run (GB). */
  uploadedGB: number;
  remoteReadGB: number;
  /** The effective local retention (-2 resolved): -1 is no limit. */
  localRetentionMs: number;
  localRetentionBytes: number;
  /** The first broker's object store price, and what the topic's remote bytes cost a month at it. */
  pricePerGBMonth: number;
  dollarsPerMonth: number;
}

const GB = 1e9;
const MB = 1e6;

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Per tiered topic: bytes held locally (all replicas) and remotely (one copy), now. */
export function tieredBytes(sim: Simulation, topicId: string): { local: number; remote: number } {
  const topic = sim.tiered?.topics.get(topicId);
  let local = 0;
  let remote = 0;
  for (const p of topic?.partitions ?? []) {
    local += p.remote!.localBytes(p) * p.replicas.length;
    remote += p.remote!.remoteBytes(p);
  }
  return { local, remote };
}

/** The series columns: `<topic>.localBytes`, `<topic>.remoteBytes`, `<broker>.remoteReadMBps`. */
export class TieredColumns {
  readonly columns: string[] = [];
  private readonly readSeen: number[];

  constructor(private readonly sim: Simulation) {
    const tiered = sim.tiered;
    this.readSeen = sim.brokers.map(() => 0);
    if (!tiered) return;
    for (const id of tiered.topics.keys()) this.columns.push(`${id}.localBytes`, `${id}.remoteBytes`);
    for (const b of sim.brokers) this.columns.push(`${b.id}.remoteReadMBps`);
  }

  sample(row: number[], secondMs: number): void {
    const tiered = this.sim.tiered;
    if (!tiered) return;
    for (const id of tiered.topics.keys()) {
      const { local, remote } = tieredBytes(this.sim, id);
      row.push(local, remote);
    }
    this.sim.brokers.forEach((b, i) => {
      const read = b.remoteStorage?.readBytes ?? 0;
      row.push((read - this.readSeen[i]!) / MB / (secondMs / 1000));
      this.readSeen[i] = read;
    });
  }
}

export function tieredSummary(sim: Simulation): Record<string, TieredTopicSummary> {
  const out: Record<string, TieredTopicSummary> = {};
  const tiered = sim.tiered;
  if (!tiered) return out;
  const first = sim.doc.cluster.brokers[0];
  const price = first ? hardwareObjectStorage(first.hardware).pricePerGBMonth : 0;
  for (const [id, t] of tiered.topics) {
    const { local, remote } = tieredBytes(sim, id);
    let uploaded = 0;
    let read = 0;
    // Copies and reads are counted per broker; a topic's share is its partitions' own.
    for (const p of t.partitions) {
      uploaded += p.remote!.uploadedBytes;
      read += p.remote!.remoteReadBytes;
    }
    const r = t.partitions[0]?.remote;
    out[id] = {
      localGB: round(local / GB, 6),
      remoteGB: round(remote / GB, 6),
      uploadedGB: round(uploaded / GB, 6),
      remoteReadGB: round(read / GB, 6),
      localRetentionMs: r?.localRetentionMs ?? -1,
      localRetentionBytes: r?.localRetentionBytes ?? -1,
      pricePerGBMonth: price,
      dollarsPerMonth: round((remote / GB) * price, 4),
    };
  }
  return out;
}
