// Documents at the schema's maxima (issue 12): what the schema lets a user write must run at least
// at real time. Each case pushes one count to its limit with the traffic of the examples around it
// (20,000 records/s of 100 bytes in all, keyed, replication factor 3), so the cost measured is that
// of the count (partitions, brokers, producers, topics and groups, members, jobs, executors).
import { MAX_PARTITIONS_IN_ALL, parsePipeline, type Pipeline, type PipelineInput } from '../model';

export interface MaximaCase {
  name: string;
  doc: Pipeline;
}

/** Records per second of all producers together, as in the examples (clickstream: 20,000/s). */
const TOTAL_RATE = 20_000;

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

function build(name: string, input: Omit<PipelineInput, 'version' | 'name'>): MaximaCase {
  const result = parsePipeline({ version: 1, name, ...input });
  if (!result.ok) throw new Error(`${name}: ${result.errors.join('; ')}`);
  return { name, doc: result.doc };
}

const producer = (id: string, recordsPerSec: number) => ({
  id,
  rate: { kind: 'poisson' as const, recordsPerSec },
  keys: { kind: 'uniform' as const, count: 100_000 },
});

export function maximaCases(durationSec: number): MaximaCase[] {
  const run = { seed: 1, durationSec };
  const threeBrokers = { brokers: ids('b', 3).map((id) => ({ id })) };
  return [
    build(`max: ${MAX_PARTITIONS_IN_ALL} partitions, RF 3`, {
      cluster: threeBrokers,
      topics: [{ id: 'wide', partitions: MAX_PARTITIONS_IN_ALL, replicationFactor: 3 }],
      producers: [producer('p', TOTAL_RATE)],
      consumerGroups: [{ id: 'g', members: 10 }],
      edges: [
        { from: 'p', to: 'wide' },
        { from: 'wide', to: 'g' },
      ],
      run,
    }),
    build(`max: 100 brokers, ${MAX_PARTITIONS_IN_ALL} partitions`, {
      cluster: { brokers: ids('b', 100).map((id) => ({ id })) },
      topics: [{ id: 'wide', partitions: MAX_PARTITIONS_IN_ALL, replicationFactor: 3 }],
      producers: [producer('p', TOTAL_RATE)],
      consumerGroups: [{ id: 'g', members: 10 }],
      edges: [
        { from: 'p', to: 'wide' },
        { from: 'wide', to: 'g' },
      ],
      run,
    }),
    build('max: 1,000 producers', {
      cluster: threeBrokers,
      topics: [{ id: 't', partitions: 64, replicationFactor: 3 }],
      producers: ids('p', 1000).map((id) => producer(id, TOTAL_RATE / 1000)),
      consumerGroups: [{ id: 'g', members: 16 }],
      edges: [...ids('p', 1000).map((from) => ({ from, to: 't' })), { from: 't', to: 'g' }],
      run,
    }),
    build('max: 1,000 topics, producers, groups', {
      cluster: threeBrokers,
      topics: ids('t', 1000).map((id) => ({ id, partitions: 1, replicationFactor: 3 })),
      producers: ids('p', 1000).map((id) => producer(id, TOTAL_RATE / 1000)),
      consumerGroups: ids('g', 1000).map((id) => ({ id })),
      edges: ids('t', 1000).flatMap((t, i) => [
        { from: `p${i + 1}`, to: t },
        { from: t, to: `g${i + 1}` },
      ]),
      run,
    }),
    build('max: a group of 1,000 members', {
      cluster: threeBrokers,
      topics: [{ id: 't', partitions: MAX_PARTITIONS_IN_ALL, replicationFactor: 3 }],
      producers: [producer('p', TOTAL_RATE)],
      consumerGroups: [{ id: 'g', members: 1000 }],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'g' },
      ],
      run,
    }),
    build('max: 100 Spark jobs', {
      cluster: threeBrokers,
      topics: [{ id: 't', partitions: 64, replicationFactor: 3 }],
      producers: [producer('p', TOTAL_RATE)],
      sparkJobs: ids('j', 100).map((id) => ({
        id,
        stages: [
          { id: `${id}-map`, kind: 'map' as const },
          { id: `${id}-agg`, kind: 'aggregate' as const },
        ],
        config: { 'spark.executor.instances': 4 },
      })),
      edges: [{ from: 'p', to: 't' }, ...ids('j', 100).map((to) => ({ from: 't', to }))],
      run,
    }),
    build('max: 10,000 executors', {
      cluster: threeBrokers,
      topics: [{ id: 't', partitions: MAX_PARTITIONS_IN_ALL, replicationFactor: 3 }],
      producers: [producer('p', TOTAL_RATE)],
      sparkJobs: [
        {
          id: 'j',
          stages: [
            { id: 'map', kind: 'map' },
            { id: 'agg', kind: 'aggregate' },
          ],
          config: { 'spark.executor.instances': 10_000 },
        },
      ],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'j' },
      ],
      run,
    }),
  ];
}
