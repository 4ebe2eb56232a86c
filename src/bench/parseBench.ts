// How long parsing takes on the worst input we know of (issue 12): the examples damaged in 2,000
// seeded ways (lists copied thousands of times, junk nested thousands deep...), and a document of
// 100 Spark jobs each reading and writing 50 topics (10,000 edges), which the loop check once took
// 9 s over. The tests bound the work by counting; the times are here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePipeline } from '../model';
import { type Json, mutateDocument, seededRandom } from '../model/testing/mutateDocument';

function manyJobsAndTopics(): Json {
  const edges: Json[] = [];
  for (let j = 0; j < 100; j++) {
    for (let r = 0; r < 50; r++) edges.push({ from: `t${(j * 7 + r) % 1000}`, to: `j${j}` });
    for (let w = 0; w < 50; w++) edges.push({ from: `j${j}`, to: `t${(j * 13 + w * 3 + 500) % 1000}` });
  }
  return {
    version: 1,
    cluster: { brokers: [{ id: 'b' }] },
    topics: Array.from({ length: 1000 }, (_, i) => ({ id: `t${i}` })),
    sparkJobs: Array.from({ length: 100 }, (_, j) => ({ id: `j${j}` })),
    edges,
  };
}

const timed = (value: Json): number => {
  const started = performance.now();
  parsePipeline(value, { draft: true });
  return performance.now() - started;
};

export function benchParse(): void {
  const examples = readdirSync('examples')
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join('examples', f), 'utf8')) as Json);
  const random = seededRandom(20_240_612);
  const times: { ms: number; what: string[] }[] = [];
  for (let i = 0; i < 2000; i++) {
    const { doc, what } = mutateDocument(examples[i % examples.length]!, random);
    times.push({ ms: timed(doc), what });
  }
  times.sort((a, b) => b.ms - a.ms);
  const total = times.reduce((a, t) => a + t.ms, 0);
  const worst = times[0]!;
  console.log(
    `\nparse: 2,000 damaged examples in ${(total / 1000).toFixed(2)} s; slowest ${worst.ms.toFixed(1)} ms ` +
      `(${worst.what.join(', ')}); 99th slowest ${times[19]!.ms.toFixed(1)} ms`,
  );
  const graph = manyJobsAndTopics();
  timed(graph);
  console.log(
    `parse: 100 jobs x 50 read and 50 written topics (10,000 edges): ${timed(graph).toFixed(0)} ms`,
  );
}
