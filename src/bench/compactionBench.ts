// A compacted topic at scale: a million distinct keys updated at 100,000 records/s, uniform and Zipf,
// against the same pipeline with cleanup.policy delete. The cleaner works on counts per key bucket,
// so it should cost next to nothing beside the records' own path.
import { parsePipeline, type Pipeline } from '../model';

export function compactionPipeline(
  policy: 'compact' | 'delete',
  keys: { kind: 'uniform'; count: number } | { kind: 'zipf'; count: number; exponent: number },
  durationSec: number,
): Pipeline {
  const r = parsePipeline({
    version: 1,
    name: `Compacted topic, ${keys.count} ${keys.kind} keys, ${policy}`,
    cluster: {
      config: { 'log.cleaner.backoff.ms': 5000 },
      brokers: ['k1', 'k2', 'k3'].map((id) => ({ id, hardware: { preset: 'cloud-2024' } })),
    },
    topics: [
      {
        id: 'state',
        partitions: 12,
        replicationFactor: 3,
        config: { 'cleanup.policy': policy, 'segment.bytes': 16_777_216, 'min.insync.replicas': 2 },
      },
    ],
    producers: [
      {
        id: 'writer',
        rate: { kind: 'constant', recordsPerSec: 100_000 },
        recordBytes: 200,
        keys,
        tombstoneFraction: 0.01,
        config: { 'linger.ms': 10, 'batch.size': 131_072 },
      },
    ],
    consumerGroups: [{ id: 'view', members: 4, processing: { meanMs: 0.005 } }],
    edges: [
      { from: 'writer', to: 'state' },
      { from: 'state', to: 'view' },
    ],
    run: { durationSec },
  });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.doc;
}
