// What the running simulation tells the canvas, about ten times a second. The worker builds it
// (src/worker/frames.ts); the run client puts the latest one in useRunStore; the canvas reads it to
// colour nodes and edges. The types live with the worker protocol so both sides share one definition.
export type { BrokerLive, LiveSnapshot, NodeLive, PartitionLive } from '../../worker/protocol';
export { edgeKey } from '../../worker/protocol';
