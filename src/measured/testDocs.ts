// Small documents for the measured tests: a producer, a topic, a Spark job (two stages), a sink.
import { parsePipeline } from '../model/parse';
import type { Pipeline } from '../model/types';

export function sparkDocument(mapCostUs: number, durationSec = 30): Pipeline {
  const parsed = parsePipeline({
    version: 1,
    name: 'fit test',
    cluster: { brokers: [{ id: 'b1' }, { id: 'b2' }, { id: 'b3' }] },
    topics: [{ id: 'clicks', partitions: 4, replicationFactor: 3 }],
    producers: [{ id: 'web', rate: { kind: 'poisson', recordsPerSec: 4000 }, recordBytes: 200 }],
    consumerGroups: [{ id: 'audit', members: 2 }],
    sparkJobs: [
      {
        id: 'job',
        batchIntervalMs: 1000,
        stages: [
          { id: 'parse', kind: 'map', costPerRecordUs: mapCostUs },
          { id: 'out', kind: 'sink', costPerRecordUs: 5 },
        ],
        config: { 'spark.executor.instances': 2 },
      },
    ],
    sinks: [{ id: 'db', kind: 'database' }],
    edges: [
      { from: 'web', to: 'clicks' },
      { from: 'clicks', to: 'job' },
      { from: 'clicks', to: 'audit' },
      { from: 'job', to: 'db' },
    ],
    run: { seed: 3, durationSec },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.doc;
}
