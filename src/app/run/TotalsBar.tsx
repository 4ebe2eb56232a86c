// Where the run's records are: produced, acknowledged, consumed by each reader, in flight, refused,
// dropped (and lost, when the engine reports it), with the reasons on hover, and the CSV export of
// the whole series. Consumption is never summed over readers: two readers of one topic each read
// all of it, and a sum larger than what was produced would count nothing real.
import { useId, useState } from 'react';
import { usesKafka } from '../../model';
import type { ReceiverInFlight } from '../../worker/protocol';
import { useDocumentStore } from '../store/documentStore';
import { formatCount } from './format';
import { useRunStore, type RunTotals } from './runStore';
import { runClient } from './simClient';

interface TotalSpec {
  key:
    | 'produced'
    | 'acknowledged'
    | 'inFlight'
    | 'refused'
    | 'dropped'
    | 'lost'
    | 'duplicates'
    | 'replayed'
    | 'expiredUnread'
    | 'aborted'
    | 'resent'
    | 'writtenTwice';
  testId: string;
  label: string;
  hint: string;
  reasons?: 'refusedReasons' | 'droppedReasons' | 'lostReasons' | 'abortedReasons';
}

const TOTALS: TotalSpec[] = [
  {
    key: 'produced',
    testId: 'produced',
    label: 'Produced',
    hint: 'Records every producer created: the pipeline’s producers, and also a Spark job’s output to a topic and MirrorMaker 2’s copies into the other cluster (the Throughput chart sums the same); and records that arrived at receiver sources.',
  },
  {
    key: 'acknowledged',
    testId: 'acknowledged',
    label: 'Acknowledged',
    hint: 'Records the brokers confirmed (acks), from the same producers as Produced. A receiver source’s records have no broker: they count once a completed batch of their Spark job has processed them (a stored block is not safe yet: a driver failure without the write-ahead log loses it).',
  },
  {
    key: 'inFlight',
    testId: 'in-flight',
    label: 'In flight',
    hint: 'Produced and not yet acknowledged, refused, dropped or lost. For a receiver source: at the source, in the receivers’ buffers, in stored blocks, or in batches queued or running.',
  },
  {
    key: 'refused',
    testId: 'refused',
    label: 'Refused',
    hint: 'Never accepted by the producer.',
    reasons: 'refusedReasons',
  },
  {
    key: 'dropped',
    testId: 'dropped',
    label: 'Dropped',
    hint: 'Accepted, then given up on.',
    reasons: 'droppedReasons',
  },
  {
    key: 'lost',
    testId: 'lost',
    label: 'Lost',
    hint: 'Acknowledged, then gone (a leader without them took over); for a receiver source, received and stored, then gone (a Spark driver failure took blocks not in a write-ahead log).',
    reasons: 'lostReasons',
  },
  {
    key: 'duplicates',
    testId: 'duplicates',
    label: 'Reprocessed',
    hint: 'Records a consumer group processed a second time: work done after the last commit by a member that crashed or lost its partition (at-least-once).',
  },
  {
    key: 'replayed',
    testId: 'replayed',
    label: 'Replayed',
    hint: 'Records a consumer group read again because its offsets were reset back (asked for, so not counted as Reprocessed or Consumed).',
  },
  {
    key: 'expiredUnread',
    testId: 'expired-unread',
    label: 'Expired unread',
    hint: 'Records retention deleted before a consumer group or Spark job read them (retention.ms or retention.bytes shorter than the lag).',
  },
  {
    key: 'aborted',
    testId: 'aborted',
    label: 'Aborted',
    hint: 'Records of aborted transactions: written, then their transaction was aborted (timed out, fenced, or after a failed send, when the application sends them again in its next transaction). They stay in the log; read_uncommitted readers read them, read_committed readers skip them.',
    reasons: 'abortedReasons',
  },
  {
    key: 'resent',
    testId: 'resent',
    label: 'Resent',
    hint: 'Records an application sent again after a send failed inside its transaction: commitTransaction() cannot succeed then, so it aborted the transaction and sent its records in the next one. Counted in Produced again; read_committed readers get each once.',
  },
  {
    key: 'writtenTwice',
    testId: 'written-twice',
    label: 'Written twice',
    hint: 'Output a Spark job wrote again after a driver failure and its readers get twice: an at-least-once sink’s duplicates, and an at-least-once Kafka sink’s replayed batches (a transactional delivery writes none).',
  },
];

/** Lost is shown once the worker's totals carry it; reprocessed, replayed and expired records only once there are some. */
const shown = (spec: TotalSpec, totals: RunTotals | null) => {
  if (spec.key === 'lost') return totals?.lost !== undefined;
  if (spec.key === 'duplicates') return (totals?.duplicates ?? 0) > 0;
  if (spec.key === 'expiredUnread') return (totals?.expiredUnread ?? 0) > 0;
  if (spec.key === 'replayed') return (totals?.replayed ?? 0) > 0;
  // Aborted: whenever a producer is transactional (0 is news too); written twice: once there are some.
  if (spec.key === 'aborted') return totals?.aborted !== undefined;
  if (spec.key === 'writtenTwice') return (totals?.writtenTwice ?? 0) > 0;
  if (spec.key === 'resent') return (totals?.resent ?? 0) > 0;
  return true;
};

/**
 * A pipeline of receiver sources without Kafka (iot-receivers) in its own words: nothing is produced
 * to a broker nor acknowledged by one, so the first three totals say what happened to the records
 * that arrived at the source (the same figures, so produced = consumed + in flight + lost holds).
 */
const RECEIVER_WORDS: Partial<Record<TotalSpec['key'], Pick<TotalSpec, 'label' | 'hint'>>> = {
  produced: {
    label: 'Arrived',
    hint: 'Records that arrived at the receiver sources.',
  },
  acknowledged: {
    label: 'Processed',
    hint: 'Records a completed batch of the Spark job processed. No broker acknowledges them: until then a driver failure without the write-ahead log can lose a stored block.',
  },
  inFlight: {
    label: 'Not yet processed',
    hint: 'Arrived and not yet processed, lost or dropped: waiting at the source, in the receivers’ buffers, in stored blocks not yet in a batch (the Spark UI’s “in blocks”), or in batches queued or running.',
  },
};

/** "7,991 in batches · 771 in blocks", and what waits at the source or in receivers when some does. */
export function inFlightPartsText(p: ReceiverInFlight): string {
  const parts = [`${formatCount(p.inBatches)} in batches`, `${formatCount(p.inBlocks)} in blocks`];
  if (p.buffered > 0) parts.push(`${formatCount(p.buffered)} in receivers`);
  if (p.atSource > 0) parts.push(`${formatCount(p.atSource)} at the source`);
  return parts.join(' · ');
}

export function TotalsBar() {
  const totals = useRunStore((s) => s.totals);
  const hasRows = useRunStore((s) => s.rows.length > 0);
  const receiversOnly = useDocumentStore((s) => !usesKafka(s.doc));
  const specs = receiversOnly ? TOTALS.map((spec) => ({ ...spec, ...RECEIVER_WORDS[spec.key] })) : TOTALS;
  const [before, after] = [specs.slice(0, 2), specs.slice(2)];
  return (
    <div className="totals-bar" data-testid="totals-bar">
      <dl className="totals">
        {before.map((spec) => (
          <Total key={spec.key} spec={spec} totals={totals} />
        ))}
        <ConsumedByReader totals={totals} />
        {after
          .filter((spec) => shown(spec, totals))
          .map((spec) => (
            <Total
              key={spec.key}
              spec={spec}
              totals={totals}
              parts={receiversOnly && spec.key === 'inFlight' ? totals?.receiverInFlight : undefined}
            />
          ))}
      </dl>
      <DownloadCsv disabled={!hasRows} />
    </div>
  );
}

/** The document's readers, as one string so the selector's answer is stable: "group:id" / "job:id". */
const readersOf = (s: { doc: { consumerGroups: { id: string }[]; sparkJobs: { id: string }[] } }): string =>
  [...s.doc.consumerGroups.map((g) => `group:${g.id}`), ...s.doc.sparkJobs.map((j) => `job:${j.id}`)].join(
    '\n',
  );

/** One total per consumer group and Spark job: what that reader consumed. */
function ConsumedByReader({ totals }: { totals: RunTotals | null }) {
  const readers = useDocumentStore(readersOf);
  if (!readers) return null;
  return readers.split('\n').map((reader) => {
    const [kind, id] = [reader.slice(0, reader.indexOf(':')), reader.slice(reader.indexOf(':') + 1)];
    const spec: ReaderSpec = {
      testId: `consumed-${id}`,
      label: `Consumed by ${id}`,
      hint:
        kind === 'group'
          ? `Records consumer group ${id} processed, each counted once (reprocessed and replayed records are counted apart). Every reader reads the whole topic, so readers are not added up.`
          : `Records Spark job ${id} took in its completed batches, from Kafka or a receiver source, each once. Readers of one topic each read all of it, so readers are not added up.`,
    };
    return <TotalView key={reader} spec={spec} value={totals?.consumedBy?.[id] ?? 0} />;
  });
}

interface ReaderSpec {
  testId: string;
  label: string;
  hint: string;
}

function TotalView({ spec, value }: { spec: ReaderSpec; value: number }) {
  const tipId = useId();
  return (
    <div className="total" data-testid={`total-${spec.testId}`} data-value={value} aria-describedby={tipId}>
      <dt>{spec.label}</dt>
      <dd>{formatCount(value)}</dd>
      <div className="total-tip" role="tooltip" id={tipId}>
        {spec.hint}
      </div>
    </div>
  );
}

/** A tip's widest (24rem, as run.css sets it), in px at the default font size. */
const TIP_MAX_PX = 24 * 16;

/**
 * Hovered or focused: a total near the bar's right end opens its tip leftwards (anchored at its
 * right edge), so the tip is not cut off by the inspector beside the results.
 */
function openTipLeftwards(el: HTMLElement, setLeft: (left: boolean) => void): void {
  const bar = el.closest('.totals-bar');
  if (!bar) return;
  setLeft(el.getBoundingClientRect().left + TIP_MAX_PX > bar.getBoundingClientRect().right);
}

function Total({
  spec,
  totals,
  parts,
}: {
  spec: TotalSpec;
  totals: RunTotals | null;
  /** Where the records in flight are, shown beside the figure (a pipeline of receivers alone). */
  parts?: ReceiverInFlight | undefined;
}) {
  const tipId = useId();
  const [leftwards, setLeftwards] = useState(false);
  const value = totals?.[spec.key] ?? 0;
  const reasons = spec.reasons && totals ? Object.entries(totals[spec.reasons] ?? {}) : [];
  const warn =
    (spec.key === 'refused' ||
      spec.key === 'dropped' ||
      spec.key === 'lost' ||
      spec.key === 'expiredUnread' ||
      spec.key === 'writtenTwice') &&
    value > 0;
  return (
    <div
      className={`total${warn ? ' total-warn' : ''}${leftwards ? ' total-tip-leftwards' : ''}`}
      data-testid={`total-${spec.testId}`}
      data-value={value}
      tabIndex={spec.reasons ? 0 : undefined}
      aria-describedby={tipId}
      onMouseEnter={(e) => openTipLeftwards(e.currentTarget, setLeftwards)}
      onFocus={(e) => openTipLeftwards(e.currentTarget, setLeftwards)}
    >
      <dt>{spec.label}</dt>
      <dd>{formatCount(value)}</dd>
      {parts && (
        <span className="total-parts" data-testid="total-in-flight-parts">
          ({inFlightPartsText(parts)})
        </span>
      )}
      <div className="total-tip" role="tooltip" id={tipId}>
        {spec.hint}
        {spec.reasons &&
          (reasons.length === 0 ? (
            <div>None so far.</div>
          ) : (
            <ul>
              {reasons.map(([reason, n]) => (
                <li key={reason}>
                  {formatCount(n)}: {reason}
                </li>
              ))}
            </ul>
          ))}
      </div>
    </div>
  );
}

function DownloadCsv({ disabled }: { disabled: boolean }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const csv = await runClient.exportCsv();
      const { doc } = useDocumentStore.getState();
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${fileName(doc.name)}-seed-${doc.run.seed}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      useDocumentStore
        .getState()
        .setNotice({ kind: 'error', text: `The CSV could not be made: ${String(e)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      data-testid="download-csv"
      disabled={disabled || busy}
      title="The whole per-second series of this run, one column per metric and node"
      onClick={() => void download()}
    >
      Download CSV
    </button>
  );
}

/** A safe file name from the pipeline's name. */
export function fileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'pipeline';
}
