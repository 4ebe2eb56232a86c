// A MirrorMaker 2 in the inspector: the link between its two regions (editable), and during a run
// how far the mirror is behind, what limits it, and what a region failover did.
import { useMemo, useState } from 'react';
import type { MirrorMaker, Pipeline } from '../../../model';
import { clustersOf } from '../../../model/regions';
import { REGION_LINK_PRESET_NAMES, regionLinkSchema } from '../../../model/schema/regions';
import { useRunStore } from '../../run/runStore';
import { useDocumentStore } from '../../store/documentStore';
import { compact } from '../format';
import { mirrorLagView } from '../../cluster/mirrorLag';

const regionOf = (doc: Pipeline, cluster: string): string | undefined =>
  clustersOf(doc).find((c) => c.id === cluster)?.region;

export function MirrorPanel({ mirror }: { mirror: MirrorMaker }) {
  const live = useRunStore((s) => s.live?.mirrors?.[mirror.id]);
  const columns = useRunStore((s) => s.columns);
  const rows = useRunStore((s) => s.rows);
  const lag = useMemo(
    () => (live ? mirrorLagView(mirror.id, live, columns, rows) : undefined),
    [mirror.id, live, columns, rows],
  );
  return (
    <>
      <LinkEditor mirror={mirror} />
      {live && lag && (
        <details className="sl-section" open data-testid={`mirror-panel-${mirror.id}`}>
          <summary>Mirror</summary>
          <p>
            {lag.stranded ? 'Lag before the loss' : 'Lag'}{' '}
            <strong data-testid="mirror-lag-records">{compact(lag.lagRecords)}</strong> records,{' '}
            <strong data-testid="mirror-lag-sec">{lag.lagSec.toFixed(2)} s</strong> (peak{' '}
            {compact(lag.peakRecords)}, {lag.peakSec.toFixed(2)} s): acknowledged in the source, not yet in
            the target, and the oldest one’s age.
          </p>
          {lag.stranded && (
            <p data-testid="mirror-stranded">
              Never mirrored (source lost at {lag.stranded.atSec} s):{' '}
              <strong data-testid="mirror-stranded-records">{compact(lag.stranded.records)}</strong> records
              that will never arrive; the oldest was written {lag.stranded.oldestAgeSec.toFixed(2)} s ago,
              which is the time since the loss, not a mirror lag.
            </p>
          )}
          <p className="sl-muted">
            {live.tasks} task{live.tasks === 1 ? ' copies' : 's copy'} up to{' '}
            {compact(live.workerRecordsPerSec)} rec/s; the link carries up to{' '}
            {compact(live.linkRecordsPerSec)} rec/s ({live.link.bandwidthMBps} MB/s, {live.link.latencyMs}{' '}
            ms). {live.checkpointsEmitted} checkpoint
            {live.checkpointsEmitted === 1 ? '' : 's'} emitted.
          </p>
          {live.failover && (
            <div data-testid="mirror-failover">
              <p>
                Source region lost at {live.failover.atSec} s:{' '}
                <strong>{compact(live.failover.unmirroredRecords)}</strong> acknowledged records had not been
                mirrored and never reach the other region.
              </p>
              {Object.entries(live.failover.groups).map(([group, g]) => (
                <p key={group} data-testid={`failover-${group}`}>
                  <code>{group}</code> moved to <code>{g.movedTo}</code>, resuming from{' '}
                  {g.checkpointAtSec === null ? g.resumedFrom : `the checkpoint of ${g.checkpointAtSec} s`}:{' '}
                  <strong>{compact(g.reprocessed)}</strong> processed twice
                  {g.processedNotMirrored > 0 &&
                    `, ${compact(g.processedNotMirrored)} processed but never mirrored`}
                  {g.skipped > 0 && `, ${compact(g.skipped)} skipped (never processed)`}.
                </p>
              ))}
            </div>
          )}
        </details>
      )}
    </>
  );
}

/** The link between the mirror's two regions: a preset or latency and bandwidth. */
function LinkEditor({ mirror }: { mirror: MirrorMaker }) {
  const doc = useDocumentStore((s) => s.doc);
  const from = regionOf(doc, mirror.sourceCluster);
  const to = regionOf(doc, mirror.targetCluster);
  const index = (doc.regionLinks ?? []).findIndex(
    (l) => (l.from === from && l.to === to) || (l.from === to && l.to === from),
  );
  const link = doc.regionLinks?.[index];
  const [error, setError] = useState<string | undefined>();
  if (!from || !to || from === to) return null;
  const commit = (patch: Record<string, unknown>) => {
    const next = { from, to, ...(link ?? {}), ...patch };
    const r = regionLinkSchema.safeParse(next);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      setError(`${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    setError(undefined);
    useDocumentStore.getState().change((d) => {
      const links = [...(d.regionLinks ?? [])];
      if (index >= 0) links[index] = r.data;
      else links.push(r.data);
      return { ...d, regionLinks: links };
    }, `link:${from}:${to}`);
  };
  return (
    <details className="sl-section" open data-testid="region-link">
      <summary>
        Link {from} ↔ {to}
      </summary>
      <div className="sl-field">
        <label className="sl-field-name" htmlFor="link-preset">
          preset
        </label>
        <div className="sl-field-control">
          <select
            id="link-preset"
            data-testid="field-link.preset"
            value={link?.preset ?? ''}
            onChange={(e) =>
              e.target.value &&
              commit({ preset: e.target.value, latencyMs: undefined, bandwidthMBps: undefined })
            }
          >
            <option value="">custom numbers</option>
            {REGION_LINK_PRESET_NAMES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
      </div>
      {(['latencyMs', 'bandwidthMBps'] as const).map((key) => (
        <div className="sl-field" key={key}>
          <label className="sl-field-name" htmlFor={`link-${key}`}>
            {key}
          </label>
          <div className="sl-field-control">
            <input
              id={`link-${key}`}
              data-testid={`field-link.${key}`}
              type="number"
              defaultValue={link?.[key] ?? ''}
              key={`${key}:${link?.[key] ?? ''}`}
              onBlur={(e) => {
                const value = Number(e.target.value);
                if (e.target.value === '') return;
                if (value === link?.[key]) return setError(undefined);
                commit({ [key]: value, preset: undefined, ...otherFigure(link, key) });
              }}
            />
          </div>
          <div className="sl-field-help">
            {key === 'latencyMs'
              ? 'One way, ms: every fetch across waits a round trip.'
              : 'MB/s the mirror’s traffic gets; what is written above it piles up as mirror lag.'}
          </div>
        </div>
      ))}
      {error && (
        <div className="sl-field-error" role="alert" data-testid="link-error">
          {error}
        </div>
      )}
    </details>
  );
}

/** Leaving a preset for numbers keeps the preset's other figure. */
function otherFigure(
  link: { latencyMs: number; bandwidthMBps: number } | undefined,
  key: 'latencyMs' | 'bandwidthMBps',
): Record<string, number> {
  if (!link) return {};
  return key === 'latencyMs' ? { bandwidthMBps: link.bandwidthMBps } : { latencyMs: link.latencyMs };
}
