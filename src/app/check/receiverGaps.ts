// The pipeline check's entries for receiver sources: receivers that take every executor core (each
// holds one for the whole run, so Spark would never run a batch) and a block interval longer than
// the batch interval. checkGraph warns about both in its own words; here they come with fixes.
import type { Pipeline } from '../../model';
import type { Gap } from './gaps';

type SparkJob = Pipeline['sparkJobs'][number];

const setConfig = (jobId: string, config: Partial<SparkJob['config']>) => (doc: Pipeline) => ({
  doc: {
    ...doc,
    sparkJobs: doc.sparkJobs.map((j) => (j.id === jobId ? { ...j, config: { ...j.config, ...config } } : j)),
  },
});

export function receiverGaps(doc: Pipeline): Omit<Gap, 'key'>[] {
  const gaps: Omit<Gap, 'key'>[] = [];
  for (const s of doc.sparkSources) {
    const jobId = doc.edges.find((e) => e.from === s.id)?.to;
    const job = doc.sparkJobs.find((j) => j.id === jobId);
    if (!job || s.kind === 'file') continue;
    const c = job.config;
    const perExecutor = c['spark.executor.cores'];
    const cores = c['spark.executor.instances'] * perExecutor;
    if (s.receivers >= cores) {
      // Enough executors for every receiver and at least one core of tasks.
      const executors = Math.ceil((s.receivers + 1) / perExecutor);
      const fixes: Gap['fixes'] = [
        {
          label: `Set executors to ${executors}`,
          apply: setConfig(job.id, { 'spark.executor.instances': executors }),
        },
      ];
      if (cores > 1)
        fixes.push({
          label: `Set receivers to ${cores - 1}`,
          apply: (d) => ({
            doc: {
              ...d,
              sparkSources: d.sparkSources.map((x) => (x.id === s.id ? { ...x, receivers: cores - 1 } : x)),
            },
          }),
        });
      gaps.push({
        kind: 'receivers-hold-every-core',
        severity: 'gap',
        badge: 'No core left',
        nodeId: job.id,
        text: `Spark job "${job.id}": ${s.receivers} receivers of "${s.id}" hold ${s.receivers} of its ${cores} executor cores for the whole run, leaving none for the batches' tasks: Spark would never run a batch.`,
        fixes,
      });
    }
    const block = c['spark.streaming.blockInterval'];
    if (block > job.batchIntervalMs) {
      const fitting = Math.max(1, Math.floor(job.batchIntervalMs / 5));
      gaps.push({
        kind: 'block-interval-over-batch',
        severity: 'risk',
        nodeId: job.id,
        text: `Spark job "${job.id}": spark.streaming.blockInterval (${block} ms) is longer than the batch interval (${job.batchIntervalMs} ms), so a batch gets at most one block, one task, per receiver, and some batches none.`,
        fixes: [
          {
            label: `Set block interval to ${fitting} ms`,
            apply: setConfig(job.id, { 'spark.streaming.blockInterval': fitting }),
          },
        ],
      });
    }
  }
  return gaps;
}
