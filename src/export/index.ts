// exportStack: the files that run a pipeline document on real software (Kafka in KRaft mode and
// Spark standalone in Docker Compose, Kafka's perf tools as the load, PySpark Structured Streaming
// jobs). Pure: no DOM, no Node APIs; the CLI writes the files, the app zips them.
import { targetsOf } from '../model/graph';
import type { Pipeline } from '../model/types';
import { composeYaml } from './compose';
import { consumerConfigPath, consumerProperties, createTopicsSh, loadSh, rateSegments } from './kafkaScripts';
import { planStack } from './plan';
import type { ExportPredictions } from './predictions';
import { jobScript, submitSh } from './pyspark';
import { readmeMd } from './readme';
import { needsRecordScript, recordScript, recordScriptPath } from './recordScript';
import { safeLabel } from './text';

export interface ExportedFile {
  /** Relative to the export's folder, "/" separated. */
  path: string;
  text: string;
  /** A script to chmod +x. */
  executable?: boolean;
}

export interface ExportOptions {
  /** Why there are no predictions (said in the README), when none are given. */
  noPredictionsReason?: string;
}

export function exportStack(
  input: Pipeline,
  predictions?: ExportPredictions,
  options: ExportOptions = {},
): ExportedFile[] {
  const doc: Pipeline = { ...input, name: safeLabel(input.name) || 'Untitled pipeline' };
  const plan = planStack(doc);
  const files: ExportedFile[] = [
    { path: 'README.md', text: readmeMd(doc, plan, predictions, options.noPredictionsReason) },
    { path: 'compose.yaml', text: composeYaml(doc, plan) },
    { path: 'create-topics.sh', text: createTopicsSh(doc, plan), executable: true },
    { path: 'load.sh', text: loadSh(doc, plan), executable: true },
    ...doc.consumerGroups.map((g) => ({ path: consumerConfigPath(g), text: consumerProperties(doc, g) })),
    // Producers with keys or Poisson gaps: a record script the perf test cannot stand in for.
    ...doc.producers
      .filter((p) => needsRecordScript(p) && targetsOf(doc, p.id).length > 0)
      .map((p) => ({
        path: recordScriptPath(p),
        text: recordScript(doc, p, rateSegments(doc, p)),
        executable: true,
      })),
  ];
  if (plan.jobs.length > 0) {
    files.push(...plan.jobs.map((jp) => ({ path: `jobs/${jp.file}`, text: jobScript(doc, plan, jp) })));
    files.push({ path: 'jobs/submit.sh', text: submitSh(doc, plan), executable: true });
  }
  return files;
}

export { predictionsFromRun } from './predictions';
export type { ExportPredictions, JobTimings, RunInput } from './predictions';
