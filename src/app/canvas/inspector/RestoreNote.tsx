// For a consumer group or Spark job reading a compacted topic: what a reader starting from offset 0 would read now
// (one record per key in the cleaned part, everything not yet cleaned) and how long that restore
// takes at the reader's processing cost, from the run's latest second; and for a group that started
// (or was reset) below the end, the restore the run simulated.
import { sourcesOf } from '../../../model/graph';
import { useRunStore } from '../../run/runStore';
import { useDocumentStore } from '../../store/documentStore';
import { compact } from '../format';
import { formatDuration } from '../lagFormat';

/** The latest row's value of a column, or undefined without that column or rows. */
function useLatest(column: string): number | undefined {
  return useRunStore((s) => {
    const i = s.columns.indexOf(column);
    const row = s.rows[s.rows.length - 1];
    return i < 0 || !row ? undefined : row[i];
  });
}

export function RestoreNote({ id, spark }: { id: string; spark: boolean }) {
  const topic = useDocumentStore((s) => {
    const t = sourcesOf(s.doc, id)[0];
    const doc = s.doc.topics.find((x) => x.id === t);
    return doc && doc.config['cleanup.policy'] !== 'delete' ? doc.id : undefined;
  });
  const seconds = useLatest(`${id}.restoreSec`);
  const records = useLatest(`${topic ?? ''}.logRecords`);
  const bytes = useLatest(`${topic ?? ''}.logBytes`);
  const measured = useRunStore((s) => s.live?.restores?.[id]);
  if (!topic) return null;
  return (
    <details className="sl-section" open data-testid={`restore-${id}`}>
      <summary>Restore from offset 0</summary>
      {seconds === undefined || records === undefined || bytes === undefined ? (
        <p className="sl-muted">
          {topic} is compacted: run the pipeline to see how long a reader starting from offset 0 takes to
          rebuild the latest value of every key.
        </p>
      ) : (
        <p className="sl-muted">
          {topic} is compacted: {spark ? 'the job' : 'a member'} starting from offset 0 now reads{' '}
          <strong data-testid={`restore-records-${id}`}>{compact(records)} records</strong> (
          {(bytes / 1e6).toFixed(1)} MB): one per key in the cleaned part, then everything not yet cleaned. At
          its processing cost that takes{' '}
          <strong data-testid={`restore-seconds-${id}`}>{formatDuration(seconds)}</strong> (
          {spark
            ? 'its stages’ cost over the task slots the read stage can use, no faster than maxRatePerPartition'
            : 'its members sharing the partitions; fetch round trips left out'}
          ).
        </p>
      )}
      {measured && (
        <p data-testid={`restore-measured-${id}`}>
          This run: the {spark ? 'job' : 'group'} started below the end at {compact(measured.startSec)} s and{' '}
          {measured.seconds === null ? (
            <>
              has read <strong>{compact(measured.records)} records</strong> so far, not yet up to the end it
              saw then.
            </>
          ) : (
            <>
              read <strong>{compact(measured.records)} records</strong> (the cleaned log, not every offset) to
              reach the end it saw then, in <strong>{formatDuration(measured.seconds)}</strong>,{' '}
              {spark ? 'its batches’ scheduling included' : 'fetches and polls included'}.
            </>
          )}
        </p>
      )}
    </details>
  );
}
