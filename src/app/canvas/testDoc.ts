// A small valid document for the canvas unit tests: producer -> topic -> Spark job (map, sink
// stage) -> sink, plus a consumer group on the same topic.
import { parsePipeline, type Pipeline } from '../../model';

export function testDoc(): Pipeline {
  const result = parsePipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }, { id: 'b2' }, { id: 'b3' }] },
    producers: [{ id: 'web', rate: { recordsPerSec: 500 } }],
    topics: [{ id: 'clicks', partitions: 4 }],
    consumerGroups: [{ id: 'audit' }],
    sparkJobs: [
      {
        id: 'job',
        stages: [
          { id: 'parse', kind: 'map' },
          { id: 'write', kind: 'sink' },
        ],
      },
    ],
    sinks: [{ id: 'db' }],
    edges: [
      { from: 'web', to: 'clicks' },
      { from: 'clicks', to: 'job' },
      { from: 'clicks', to: 'audit' },
      { from: 'job', to: 'db' },
    ],
    layout: { web: { x: 0, y: 0 }, clicks: { x: 250, y: 0 }, job: { x: 500, y: 0 }, db: { x: 900, y: 0 } },
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.doc;
}
