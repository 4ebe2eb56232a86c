// Export ▾ → Stack (zip) in the document menu: the files of src/export zipped into one download. Loaded on
// demand (with fflate), so the page's first bundle carries neither.
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Pipeline } from '../../model';
import { exportStack, predictionsFromRun, type ExportPredictions } from '../../export';
import { METRIC_IDS, type HeadlineMetrics } from '../../whatif/metrics';
import type { SavedRun } from '../runs/types';

export interface StackZip {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  /** What the zip holds, in a sentence for the notice. */
  note: string;
}

/** The document as a run sees it: its canvas positions aside, which change nothing that runs. */
const runnable = (doc: Pipeline) => JSON.stringify({ ...doc, layout: {} });

/** The newest kept run of exactly this document, if there is one. */
export function lastRunOf(doc: Pipeline, runs: readonly SavedRun[]): SavedRun | undefined {
  const key = runnable(doc);
  return runs.find((r) => runnable(r.doc) === key);
}

function predictionsOf(run: SavedRun): ExportPredictions {
  const headline = Object.fromEntries(
    METRIC_IDS.map((id) => [id, run.headline[id] ?? null]),
  ) as HeadlineMetrics;
  return predictionsFromRun(
    run.doc,
    { columns: run.columns, rows: run.rows, spans: run.spans, totals: run.totals ?? undefined, headline },
    `the app's run "${run.name}" (finished ${new Date(run.finishedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
  );
}

/** A folder name from the document's name: plain letters, digits and dashes, never empty. */
function folderName(doc: Pipeline): string {
  const stem = doc.name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${stem || 'pipeline'}-stack`;
}

/** The export of `doc` as a zip, with the predictions of `run` (the last finished run of it) if given. */
export function buildStackZip(doc: Pipeline, run: SavedRun | undefined): StackZip {
  const predictions = run ? predictionsOf(run) : undefined;
  const files = exportStack(doc, predictions, {
    noPredictionsReason:
      'no finished run of this exact pipeline in the app when it was exported (run it to the end, then export again)',
  });
  const folder = folderName(doc);
  const entries: Zippable = {};
  for (const f of files)
    // Unix permissions, so the scripts unzip executable.
    entries[`${folder}/${f.path}`] = [
      strToU8(f.text),
      { os: 3, attrs: (f.executable ? 0o100755 : 0o100644) << 16 },
    ];
  const jobs = doc.sparkJobs.length;
  return {
    bytes: zipSync(entries, { level: 6 }),
    fileName: `${folder}.zip`,
    note:
      `Exported ${folder}.zip: compose.yaml, topic and load scripts${jobs > 0 ? `, ${jobs} Spark job script(s)` : ''} and a README` +
      (run
        ? ` with the predictions of ${run.name}.`
        : '. No predictions in it: this pipeline has no finished run here (run it to the end and export again to include them).') +
      ' Checked for structure only, never run on a real cluster.',
  };
}
