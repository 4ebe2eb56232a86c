// A lesson small enough to run in a test, shared by the format, app and command-line tests.

/** A lesson small enough to run in a test: one consumer member too slow for its producer. */
export function tinyLesson(): Record<string, unknown> {
  return {
    format: 'streamlab-lesson',
    version: 1,
    id: 'tiny',
    title: 'Keep up',
    concepts: ['consumer groups'],
    explanation: ['One member reads too slowly.'],
    pipeline: {
      version: 1,
      cluster: { brokers: [{ id: 'b1' }] },
      topics: [{ id: 't', partitions: 4, replicationFactor: 1 }],
      producers: [{ id: 'p', rate: { recordsPerSec: 2000 } }],
      // 1 ms a record: one member takes 1,000 records/s, so it falls behind 2,000/s.
      consumerGroups: [{ id: 'g', members: 1, processing: { meanMs: 1 } }],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'g' },
      ],
      run: { durationSec: 20 },
    },
    goal: {
      summary: 'Lag stays flat.',
      conditions: [
        {
          label: 'Lag does not grow after 5 s',
          // By position: committed lag saws up and down with auto-commits every 5 s.
          source: { kind: 'headline', metric: 'lagGrowth' },
          op: '<=',
          value: 50,
          unit: 'records/s',
          fromSec: 5,
          whenMissed: 'One member takes about 1,000 records/s; the producer writes 2,000.',
        },
        {
          label: 'Nothing lost',
          source: { kind: 'headline', metric: 'lost' },
          op: '==',
          value: 0,
          unit: 'records',
        },
        {
          label: 'No duplicates',
          source: { kind: 'summary', path: 'consumerGroups.g.duplicates' },
          op: '==',
          value: 0,
        },
      ],
      seeds: [1, 2],
    },
    editable: [{ path: 'consumerGroups[g].members' }],
    hints: ['How many records a second can one member take?'],
    solution: {
      changes: [{ path: 'consumerGroups[g].members', value: 4 }],
      why: 'Four members, one partition each, take 1,000/s a partition.',
    },
    quiz: [{ question: 'Q?', options: ['a', 'b'], answer: 1, why: 'because' }],
  };
}
