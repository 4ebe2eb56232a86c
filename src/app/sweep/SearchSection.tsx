// "Find the limit": bisection over one setting for the highest value the pipeline sustains (a
// producer's rate) or the fewest units meeting the criteria (partitions, members, executors,
// brokers). Shows the value with its interval, the probes on a curve with the knee marked, a table
// of the probes with why each failed, and cost against p99 when the setting changes the cost.
import { useDeferredValue, useId, useMemo } from 'react';
import {
  formatMetric,
  isIntegerSetting,
  listSettings,
  setSetting,
  type Probe,
  type SearchResult,
} from '../../whatif';
import { useDocumentStore } from '../store/documentStore';
import {
  burstWarning,
  readSearchDraft,
  runLengthWarning,
  searchBoundsFor,
  unlimitedNote,
  type SearchDraft,
} from './draft';
import { copySpecLink } from './shareSpec';
import { SweepChart, type ChartCurve } from './SweepChart';
import { Cell, Field, ReplicationFields, RunBar, SettingOptions } from './controls';
import { openBatchRun } from './openRun';
import { probeKey, startSearch, useSweepStore } from './sweepStore';
import { cellParts, errorOf, roundedText, shortNumber, significantDigits } from './sweepView';
import { useWidth } from './useWidth';

/** A count (partitions, members, executors, brokers) is searched for its fewest; a rate for its highest. */
const directionFor = (path: string): SearchDraft['direction'] =>
  isIntegerSetting(path) ? 'fewest' : 'highest';

export function SearchSection() {
  const doc = useDocumentStore((s) => s.doc);
  const draft = useSweepStore((s) => s.searchDraft)!;
  const status = useSweepStore((s) => s.status);
  const settings = useMemo(() => listSettings(doc), [doc]);
  const read = useMemo(() => readSearchDraft(draft, doc), [draft, doc]);
  const unlimited = unlimitedNote(
    doc,
    settings.find((s) => s.path === draft.setting),
  );
  const set = (d: SearchDraft) => useSweepStore.getState().setSearchDraft(d);
  const base = useId();
  const run = () => {
    if (read.ok && status !== 'running')
      void startSearch(read.spec, doc, read.spec.integer ?? isIntegerSetting(read.spec.setting));
  };
  return (
    <section aria-labelledby={`${base}-h`} className="sweep-section">
      <h2 id={`${base}-h`} className="sweep-heading">
        Find the limit
      </h2>
      <form
        className="sweep-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <fieldset>
          <legend>Setting</legend>
          <div className="sweep-row">
            <label className="sweep-field">
              <span>Setting</span>
              <select
                value={draft.setting}
                data-testid="search-setting"
                onChange={(e) => {
                  const info = settings.find((s) => s.path === e.target.value);
                  if (!info) return;
                  const direction = directionFor(info.path);
                  set({ ...draft, setting: info.path, direction, ...searchBoundsFor(doc, info) });
                }}
              >
                <SettingOptions settings={settings} chosen={draft.setting} />
              </select>
            </label>
            <label className="sweep-field">
              <span>Find</span>
              <select
                value={draft.direction}
                data-testid="search-direction"
                onChange={(e) =>
                  set({ ...draft, direction: e.target.value === 'fewest' ? 'fewest' : 'highest' })
                }
              >
                <option value="highest">the highest that meets the criteria</option>
                <option value="fewest">the fewest that meets them</option>
              </select>
            </label>
          </div>
          {unlimited && (
            <p className="sweep-hint" data-testid="search-unlimited">
              {unlimited}
            </p>
          )}
          <div className="sweep-row">
            <Field
              label="Between"
              value={draft.low}
              onChange={(low) => set({ ...draft, low })}
              testId="search-low"
            />
            <Field
              label="and"
              value={draft.high}
              onChange={(high) => set({ ...draft, high })}
              testId="search-high"
            />
            <Field
              label="Precision (%)"
              value={draft.tolerancePct}
              onChange={(tolerancePct) => set({ ...draft, tolerancePct })}
              testId="search-tolerance"
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>It meets the criteria when</legend>
          <div className="sweep-row">
            <Field
              label="lag grows by at most (% of throughput)"
              value={draft.maxLagGrowthPct}
              onChange={(maxLagGrowthPct) => set({ ...draft, maxLagGrowthPct })}
              testId="search-lag-growth"
            />
            <Field
              label="p99 at most (ms, empty: any)"
              value={draft.maxP99Ms}
              onChange={(maxP99Ms) => set({ ...draft, maxP99Ms })}
              testId="search-p99"
            />
          </div>
          <label className="sweep-check">
            <input
              type="checkbox"
              checked={draft.noLoss}
              onChange={(e) => set({ ...draft, noLoss: e.target.checked })}
              data-testid="search-no-loss"
            />
            nothing is lost, refused, dropped or expired
          </label>
        </fieldset>
        <ReplicationFields
          draft={draft}
          set={set}
          seedsLabel="Seeds per probe"
          defaultDurationSec={doc.run.durationSec}
          warning={runLengthWarning(doc, draft.durationSec)}
          note={burstWarning(doc, draft.durationSec)}
          prefix="search"
        />
        <RunBar
          kind="search"
          canRun={read.ok}
          problem={read.ok ? null : read.error}
          runLabel="Find the limit"
          onCopyLink={read.ok ? () => void copySpecLink(doc, read.spec) : undefined}
        />
      </form>
      <SearchResults />
    </section>
  );
}

/**
 * The limit in one sentence, with its interval: the estimate and the interval's ends to the
 * precision the search asked for (3 significant figures for 5%), the probes that bracket it as they
 * ran. A rate's capacity interval may reach below the last passing probe: the sentence says why.
 */
export function limitSentence(result: SearchResult, label: string): string {
  // Labels read "node: setting (unit)": "orders-in: rate (records/s)", "cluster: brokers".
  const unit = label.match(/\(([^)]+)\)$/)?.[1];
  const [node, setting] = label.replace(/ \([^)]+\)$/, '').split(': ');
  const name = setting === undefined ? node! : node === 'cluster' ? setting : `${setting} of ${node}`;
  const u = unit ? ` ${unit}` : '';
  const v = (x: number) => `${shortNumber(x)}${u}`;
  const spec = result.spec;
  const digits = significantDigits(spec.tolerance);
  switch (result.outcome) {
    case 'found': {
      if (spec.direction === 'fewest')
        return `Fewest ${name} that meets the criteria: ${v(result.high!)} (${v(result.low!)} does not).`;
      const passed = result.low!;
      const failed = result.high!;
      // The probes and the interval one figure finer than the estimate: they are what was run.
      const fine = (x: number, mode: 'down' | 'up' | 'nearest' = 'nearest') =>
        `${roundedText(x, digits + 1, mode)}${u}`;
      const head = `Highest ${name} that meets the criteria: about ${roundedText(result.value!, digits)}${u} (${fine(passed)} passed, ${fine(failed)} did not).`;
      const iv = result.interval;
      if (!iv) return head;
      // Rounded outwards, so the printed interval holds the one worked out.
      const low = fine(iv.low, 'down');
      const high = fine(iv.high, 'up');
      if (iv.low >= passed) return `${head} Interval ${low} to ${high}.`;
      const pct = +(spec.criteria.maxLagGrowth * 100).toPrecision(3);
      return `${head} The pipeline's capacity lies between ${low} and ${high}: the low end sits below the rate that passed because a passing rate's lag may still grow by up to ${pct}% of its throughput, plus the spread of that measure over the seeds.`;
    }
    case 'allPass':
      return spec.direction === 'highest'
        ? `Even ${v(spec.high)} meets the criteria: the limit is higher; search a wider range.`
        : `Even ${v(spec.low)} meets the criteria: the fewest is that or lower.`;
    case 'nonePass':
      return spec.direction === 'highest'
        ? `Not even ${v(spec.low)} meets the criteria: the limit is lower.`
        : `Not even ${v(spec.high)} meets the criteria: more is needed.`;
    default:
      return 'The search was cancelled.';
  }
}

/**
 * The throughput chart's curves: processed throughput (what the readers got through, which flattens
 * at the limit) to read, acknowledged (what the producers got in, which keeps rising with the rate)
 * faint beside it. Without readers (no processed figure) acknowledged alone.
 */
export function throughputCurves(probes: readonly Probe[]): ChartCurve[] {
  const curveOf = (metric: 'throughput' | 'processed', name: string, faint: boolean): ChartCurve => ({
    name,
    faint,
    points: probes.map((p, i) => {
      const s = p.stats[metric];
      const mean = s && Number.isFinite(s.mean) ? s.mean : null;
      return { x: p.value, mean, error: s ? errorOf(s) : [0, 0], key: `probe${i}` };
    }),
  });
  const processed = curveOf('processed', 'processed (by the slowest reader)', false);
  const acked = curveOf('throughput', 'acknowledged (by the brokers)', true);
  return processed.points.some((p) => p.mean !== null) ? [processed, acked] : [{ ...acked, faint: false }];
}

function SearchResults() {
  const search = useDeferredValue(useSweepStore((s) => s.search));
  const [ref, width] = useWidth<HTMLDivElement>();
  const labelOf = useMemo(() => {
    const settings = search ? listSettings(search.doc) : [];
    return (path: string) => settings.find((s) => s.path === path)?.label ?? path;
  }, [search]);
  if (!search || search.probes.length === 0) return <div ref={ref} className="sweep-results" />;
  const { spec, result } = search;
  const label = labelOf(spec.setting);
  const probes = [...search.probes].sort((a, b) => a.value - b.value);
  const found = result?.outcome === 'found' ? result : null;
  const limit =
    found && found.value !== null && found.interval
      ? {
          x: found.value,
          low: found.interval.low,
          high: found.interval.high,
          label: `limit ≈ ${roundedText(found.value, significantDigits(spec.tolerance))}`,
        }
      : undefined;
  const curve = (metric: 'p99'): ChartCurve[] => [
    {
      name: metric,
      points: probes.map((p, i) => {
        const s = p.stats[metric];
        return { x: p.value, mean: s ? s.mean : null, error: s ? errorOf(s) : [0, 0], key: `probe${i}` };
      }),
    },
  ];
  const chartWidth = width >= 900 ? Math.floor((width - 16) / 2) : width;
  const open = (key: string) => {
    const probe = probes[Number(key.replace('probe', ''))];
    const seed = probe?.runs[0]?.seed;
    const set = probe && setSetting(search.doc, spec.setting, probe.value);
    if (!probe || seed === undefined || !set?.ok) return;
    openBatchRun({
      held: search.held,
      key: probeKey(probe.value),
      doc: set.doc,
      seed,
      durationSec: spec.durationSec,
      where: `${label} = ${shortNumber(probe.value)}`,
    });
  };
  // Cost against p99, when the probes differ in cost: the cheapest passing one highlighted.
  const costly = probes.filter((p) => p.stats.costPerHour && p.stats.p99);
  const costs = new Set(costly.map((p) => p.stats.costPerHour!.mean));
  const cheapest = costly
    .filter((p) => p.passed)
    .sort((a, b) => a.stats.costPerHour!.mean - b.stats.costPerHour!.mean)[0];
  return (
    <div ref={ref} className="sweep-results" data-testid="search-results">
      {result && (
        <p
          className="sweep-limit"
          data-testid="search-limit"
          data-outcome={result.outcome}
          data-value={result.value ?? ''}
          data-low={result.interval?.low ?? ''}
          data-high={result.interval?.high ?? ''}
        >
          <strong>{limitSentence(result, label)}</strong>
        </p>
      )}
      <div className="sweep-charts">
        <SweepChart
          title="Processed throughput at each probe (records/s); acknowledged dashed"
          xLabel={label}
          yLabel="records/s"
          curves={throughputCurves(probes)}
          width={chartWidth}
          limit={limit}
          onPoint={open}
        />
        <SweepChart
          title="p99 end-to-end latency at each probe (ms)"
          xLabel={label}
          yLabel="ms"
          curves={curve('p99')}
          width={chartWidth}
          limit={limit}
          bound={
            spec.criteria.maxP99Ms === undefined
              ? undefined
              : { y: spec.criteria.maxP99Ms, label: `bound ${spec.criteria.maxP99Ms} ms` }
          }
          onPoint={open}
        />
        {costs.size > 1 && (
          <SweepChart
            title="Cost against p99 (each probe; the cheapest that meets the criteria is larger)"
            xLabel="$/h"
            yLabel="p99 ms"
            curves={[
              {
                name: 'probes',
                points: costly
                  .map((p) => ({
                    x: p.stats.costPerHour!.mean,
                    mean: p.stats.p99!.mean,
                    error: errorOf(p.stats.p99!),
                    key: `probe${probes.indexOf(p)}`,
                  }))
                  .sort((a, b) => a.x - b.x),
              },
            ]}
            width={chartWidth}
            highlight={cheapest ? `probe${probes.indexOf(cheapest)}` : undefined}
            onPoint={open}
          />
        )}
      </div>
      <div className="sweep-table-wrap sl-scroll-cue" data-testid="search-table-wrap">
        <table className="sweep-table" data-testid="search-table">
          <thead>
            <tr>
              <th scope="col">{label}</th>
              <th scope="col">Meets</th>
              <th scope="col">
                Processed<span className="sweep-unit">records/s</span>
              </th>
              <th scope="col">
                Acknowledged<span className="sweep-unit">records/s</span>
              </th>
              <th scope="col">
                p99<span className="sweep-unit">ms</span>
              </th>
              <th scope="col">
                Lag growth<span className="sweep-unit">records/s</span>
              </th>
              <th scope="col">
                Lost<span className="sweep-unit">records</span>
              </th>
              <th scope="col">Why not</th>
            </tr>
          </thead>
          <tbody>
            {probes.map((p) => (
              <tr key={p.value} className={p.passed ? 'is-pass' : 'is-fail'}>
                <td>{shortNumber(p.value)}</td>
                <td>{p.passed ? 'yes' : 'no'}</td>
                <Cell parts={cellParts('processed', p.stats.processed)} />
                <Cell parts={cellParts('throughput', p.stats.throughput)} />
                <Cell parts={cellParts('p99', p.stats.p99)} />
                <Cell parts={cellParts('lagGrowth', p.stats.lagGrowth)} />
                <td>
                  {formatMetric(
                    'lost',
                    p.runs.reduce((a, r) => a + (r.metrics.lost ?? 0), 0),
                  ).replace(/ records$/, '')}
                </td>
                <td className="sweep-why">{p.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
