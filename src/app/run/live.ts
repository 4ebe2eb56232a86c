// What the running simulation tells the canvas, about ten times a second. Produced by the run
// controller (src/app/run) from the worker's frames; read by the canvas to colour nodes and edges.
export interface NodeLive {
  /** Records per second through this node over the last simulated second. */
  recordsPerSec: number;
  /** Total lag in records (consumer groups and Spark jobs). */
  lag?: number;
  /** Set when this node's queue or lag keeps growing: why it is the bottleneck, in one sentence. */
  bottleneck?: string;
}

export interface PartitionLive {
  /** Broker id of the partition's leader. */
  leader: string;
  recordsPerSec: number;
  /** Largest lag of any reader of this partition, in records. */
  lag: number;
}

export interface BrokerLive {
  /** Utilisation of each resource over the last simulated second, 0..1. */
  cpu: number;
  networkIn: number;
  networkOut: number;
  disk: number;
}

export interface LiveSnapshot {
  simMs: number;
  /** By node id (producers, topics, consumer groups, Spark jobs, sinks). */
  nodes: Record<string, NodeLive>;
  /** By `${from}->${to}`, the same ids as the document's edges. */
  edges: Record<string, { recordsPerSec: number }>;
  /** By topic id, one entry per partition. */
  partitions: Record<string, PartitionLive[]>;
  /** By broker id. */
  brokers: Record<string, BrokerLive>;
}

export const edgeKey = (from: string, to: string): string => `${from}->${to}`;
