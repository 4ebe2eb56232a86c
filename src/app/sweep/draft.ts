// The sweep and search forms as the user fills them (text fields, so a half-typed number is kept),
// read into a spec for the what-if core, and filled back from a spec (a share link's). Reading
// refuses with one sentence that names the field.
import type { Pipeline } from '../../model';
import { faultTarget } from '../faults/timeline';
import {
  axisValues,
  defaultWarmupSec,
  isIntegerSetting,
  listSettings,
  parseSearchSpec,
  parseSweepSpec,
  parseWhatifSpec,
  type MetricId,
  type SearchSpec,
  type SettingInfo,
  type SweepSpec,
  type SweepValues,
} from '../../whatif';
import { MAX_VALUES, parseValueList, type ValuesDraft } from './valueInput';

export interface AxisDraft {
  setting: string;
  values: ValuesDraft;
}

export interface SweepDraft {
  axes: AxisDraft[];
  seeds: string;
  warmupSec: string;
  durationSec: string;
  metrics: MetricId[];
  /** Add seeds until every metric's 95% interval is within relErrPct % of its mean. */
  stopping: { on: boolean; relErrPct: string; maxReps: string };
  /** The first seed, when a link set one (otherwise the document's run.seed). */
  baseSeed?: number | undefined;
}

export interface SearchDraft {
  setting: string;
  direction: 'highest' | 'fewest';
  low: string;
  high: string;
  seeds: string;
  warmupSec: string;
  durationSec: string;
  /** Empty: no latency bound. */
  maxP99Ms: string;
  noLoss: boolean;
  /** Lag growth allowed over the second half, as a percentage of the throughput. */
  maxLagGrowthPct: string;
  tolerancePct: string;
  /** The first seed, when a link set one (otherwise the document's run.seed). */
  baseSeed?: number | undefined;
}

/** Most runs one sweep may ask for (points x seeds, or points x the stopping rule's maximum). */
export const MAX_RUNS = 2000;

export type Read<T> = { ok: true; spec: T } | { ok: false; error: string };

const num = (text: string): number | undefined => {
  const t = text.trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
};

/** Reads a values draft into the spec's form (a list, or a range the core expands). */
export function readValuesDraft(draft: ValuesDraft): Read<SweepValues> {
  if (draft.mode === 'list') {
    const read = parseValueList(draft.text);
    return read.ok ? { ok: true, spec: { kind: 'list', values: read.values } } : read;
  }
  const from = num(draft.from);
  const to = num(draft.to);
  const steps = num(draft.steps);
  if (from === undefined) return { ok: false, error: '"from" is not a number' };
  if (to === undefined) return { ok: false, error: '"to" is not a number' };
  if (steps === undefined || !Number.isInteger(steps) || steps < 2 || steps > MAX_VALUES)
    return { ok: false, error: `the number of points must be a whole number from 2 to ${MAX_VALUES}` };
  if (from === to) return { ok: false, error: '"from" and "to" are the same value' };
  if (draft.scale === 'log' && (from <= 0 || to <= 0))
    return { ok: false, error: 'a log scale needs both ends above 0' };
  return { ok: true, spec: { kind: 'range', from, to, steps, scale: draft.scale } };
}

/** Checks the values a setting would take against what it accepts (whole numbers, its least value). */
function checkValues(values: number[], setting: SettingInfo): string | undefined {
  for (const v of values) {
    if (setting.integer && !Number.isInteger(v))
      return `${v} is not a whole number, and ${setting.label} counts`;
    if (v < setting.min) return `${v} is below ${setting.min}, the least ${setting.label} takes`;
  }
  return undefined;
}

function whole(text: string, name: string, min: number, max: number): number | string {
  const v = num(text);
  if (v === undefined || !Number.isInteger(v) || v < min || v > max)
    return `${name} must be a whole number from ${min} to ${max}`;
  return v;
}

function seconds(text: string, name: string, min: number, optional: boolean): number | undefined | string {
  if (optional && text.trim() === '') return undefined;
  const v = num(text);
  if (v === undefined || v < min || v > 86_400)
    return `${name} must be a number of seconds from ${min} to 86400`;
  return v;
}

export function readSweepDraft(draft: SweepDraft, doc: Pipeline): Read<SweepSpec> {
  const settings = listSettings(doc);
  if (draft.axes.length === 0) return { ok: false, error: 'choose a setting to sweep' };
  const axes: SweepSpec['axes'] = [];
  let points = 1;
  for (const [i, axis] of draft.axes.entries()) {
    const which = i === 0 ? 'the first setting' : 'the second setting';
    const setting = settings.find((s) => s.path === axis.setting);
    if (!setting) return { ok: false, error: `choose ${which}` };
    if (i === 1 && axis.setting === draft.axes[0]!.setting)
      return { ok: false, error: 'the two settings are the same; choose another second setting' };
    const read = readValuesDraft(axis.values);
    if (!read.ok) return { ok: false, error: `${setting.label}: ${read.error}` };
    let values: number[];
    try {
      values = axisValues(read.spec, isIntegerSetting(setting.path));
    } catch (e) {
      return { ok: false, error: `${setting.label}: ${(e as Error).message}` };
    }
    // A list is checked as typed (the core would round 3.5 partitions to 4 without a word).
    const bad = checkValues(read.spec.kind === 'list' ? read.spec.values : values, setting);
    if (bad) return { ok: false, error: bad };
    points *= values.length;
    axes.push({ setting: setting.path, values: read.spec });
  }
  const seeds = whole(draft.seeds, 'Seeds', 1, 100);
  if (typeof seeds === 'string') return { ok: false, error: seeds };
  const warmupSec = seconds(draft.warmupSec, 'Warm-up', 0, false);
  if (typeof warmupSec === 'string') return { ok: false, error: warmupSec };
  const durationSec = seconds(draft.durationSec, 'Duration', 1, true);
  if (typeof durationSec === 'string') return { ok: false, error: durationSec };
  const runFor = durationSec ?? doc.run.durationSec;
  if (warmupSec! >= runFor)
    return { ok: false, error: `the warm-up (${warmupSec} s) must be shorter than the run (${runFor} s)` };
  if (draft.metrics.length === 0) return { ok: false, error: 'choose at least one metric' };
  let stopping: SweepSpec['stopping'];
  let perPoint = seeds;
  if (draft.stopping.on) {
    const rel = num(draft.stopping.relErrPct);
    if (rel === undefined || rel <= 0 || rel > 100)
      return { ok: false, error: 'the interval target must be a percentage above 0 and at most 100' };
    const maxReps = whole(draft.stopping.maxReps, 'Most seeds', Math.max(2, seeds), 100);
    if (typeof maxReps === 'string') return { ok: false, error: maxReps };
    stopping = { relErr: rel / 100, minReps: Math.max(2, seeds), maxReps };
    perPoint = maxReps;
  }
  if (points * perPoint > MAX_RUNS)
    return { ok: false, error: `that is up to ${points * perPoint} runs; at most ${MAX_RUNS} at once` };
  const input = {
    kind: 'sweep' as const,
    axes,
    seeds,
    warmupSec,
    metrics: draft.metrics,
    ...(durationSec === undefined ? {} : { durationSec }),
    ...(stopping ? { stopping } : {}),
    ...(draft.baseSeed === undefined ? {} : { baseSeed: draft.baseSeed }),
  };
  const parsed = parseSweepSpec(input);
  return parsed.ok ? { ok: true, spec: parsed.spec } : { ok: false, error: parsed.errors[0]! };
}

export function readSearchDraft(draft: SearchDraft, doc: Pipeline): Read<SearchSpec> {
  const setting = listSettings(doc).find((s) => s.path === draft.setting);
  if (!setting) return { ok: false, error: 'choose the setting to search' };
  const low = num(draft.low);
  const high = num(draft.high);
  if (low === undefined) return { ok: false, error: 'the lowest value is not a number' };
  if (high === undefined) return { ok: false, error: 'the highest value is not a number' };
  if (!(low < high)) return { ok: false, error: 'the lowest value must be below the highest' };
  const bad = checkValues([low, high], setting);
  if (bad) return { ok: false, error: bad };
  const seeds = whole(draft.seeds, 'Seeds', 1, 100);
  if (typeof seeds === 'string') return { ok: false, error: seeds };
  const warmupSec = seconds(draft.warmupSec, 'Warm-up', 0, false);
  if (typeof warmupSec === 'string') return { ok: false, error: warmupSec };
  const durationSec = seconds(draft.durationSec, 'Duration', 1, true);
  if (typeof durationSec === 'string') return { ok: false, error: durationSec };
  const runFor = durationSec ?? doc.run.durationSec;
  if (warmupSec! >= runFor)
    return { ok: false, error: `the warm-up (${warmupSec} s) must be shorter than the run (${runFor} s)` };
  let maxP99Ms: number | undefined;
  if (draft.maxP99Ms.trim() !== '') {
    maxP99Ms = num(draft.maxP99Ms);
    if (maxP99Ms === undefined || maxP99Ms <= 0)
      return { ok: false, error: 'the p99 bound must be a number of ms above 0' };
  }
  const growth = num(draft.maxLagGrowthPct);
  if (growth === undefined || growth < 0 || growth > 1000)
    return { ok: false, error: 'the lag growth allowed must be a percentage from 0 to 1000' };
  const tol = num(draft.tolerancePct);
  if (tol === undefined || tol <= 0 || tol > 100)
    return { ok: false, error: 'the precision must be a percentage above 0 and at most 100' };
  const input = {
    kind: 'search' as const,
    setting: setting.path,
    low,
    high,
    direction: draft.direction,
    seeds,
    warmupSec,
    tolerance: tol / 100,
    criteria: {
      maxLagGrowth: growth / 100,
      noLoss: draft.noLoss,
      ...(maxP99Ms === undefined ? {} : { maxP99Ms }),
    },
    ...(durationSec === undefined ? {} : { durationSec }),
    ...(draft.baseSeed === undefined ? {} : { baseSeed: draft.baseSeed }),
  };
  const parsed = parseSearchSpec(input);
  return parsed.ok ? { ok: true, spec: parsed.spec } : { ok: false, error: parsed.errors[0]! };
}

const text = (v: number | undefined): string => (v === undefined ? '' : String(v));

export function sweepSpecToDraft(spec: SweepSpec): SweepDraft {
  return {
    axes: spec.axes.map((a) => ({
      setting: a.setting,
      values:
        a.values.kind === 'list'
          ? { mode: 'list', text: a.values.values.join(', ') }
          : {
              mode: 'range',
              from: String(a.values.from),
              to: String(a.values.to),
              steps: String(a.values.steps),
              scale: a.values.scale,
            },
    })),
    seeds: String(spec.stopping ? spec.stopping.minReps : spec.seeds),
    warmupSec: String(spec.warmupSec),
    durationSec: text(spec.durationSec),
    metrics: [...spec.metrics],
    stopping: spec.stopping
      ? {
          on: true,
          relErrPct: String(+(spec.stopping.relErr * 100).toPrecision(12)),
          maxReps: String(spec.stopping.maxReps),
        }
      : { on: false, relErrPct: '5', maxReps: '20' },
    baseSeed: spec.baseSeed,
  };
}

export function searchSpecToDraft(spec: SearchSpec): SearchDraft {
  return {
    setting: spec.setting,
    direction: spec.direction,
    low: String(spec.low),
    high: String(spec.high),
    seeds: String(spec.seeds),
    warmupSec: String(spec.warmupSec),
    durationSec: text(spec.durationSec),
    maxP99Ms: text(spec.criteria.maxP99Ms),
    noLoss: spec.criteria.noLoss,
    maxLagGrowthPct: String(+(spec.criteria.maxLagGrowth * 100).toPrecision(12)),
    tolerancePct: String(+(spec.tolerance * 100).toPrecision(12)),
    baseSeed: spec.baseSeed,
  };
}

/**
 * The run length a sweep or search starts with: the document's own, so its faults, its producers'
 * steps and spikes, and readers that start late all happen in every run as they do in the editor.
 */
export function defaultRunLengthSec(doc: Pipeline): number {
  return doc.run.durationSec;
}

/** The run length as typed (empty: the document's), or null when it is not a number yet. */
function runLengthOf(doc: Pipeline, durationSec: string): number | null {
  const runFor = durationSec.trim() === '' ? doc.run.durationSec : Number(durationSec);
  return Number.isFinite(runFor) ? runFor : null;
}

/**
 * A warning when readers start at or after the end of each run (`durationSec` as typed, empty: the
 * document's): they read nothing, so throughput, processed and lag say nothing about them.
 */
export function lateReadersWarning(doc: Pipeline, durationSec: string): string | null {
  const runFor = runLengthOf(doc, durationSec);
  if (runFor === null) return null;
  const late = [...doc.consumerGroups, ...doc.sparkJobs].filter((r) => r.startAtSec >= runFor);
  if (late.length === 0) return null;
  const names = late.map((r) => `${r.id} (starts at ${r.startAtSec} s)`).join(', ');
  return `${names} ${late.length === 1 ? 'starts' : 'start'} after each run of ${runFor} s ends, so ${late.length === 1 ? 'it reads' : 'they read'} nothing: make the run length longer to measure ${late.length === 1 ? 'it' : 'them'}.`;
}

const sec = (v: number): string => `${+v.toPrecision(6)} s`;

/**
 * What a run of `durationSec` (as typed; empty: the document's) leaves out of the document's plan:
 * faults and producer steps or spikes that start at or after its end (they never happen) or end
 * after it (they are cut short). One phrase each, in time order.
 */
export function cutByRunLength(doc: Pipeline, durationSec: string): { never: string[]; cut: string[] } {
  const runFor = runLengthOf(doc, durationSec);
  const never: { at: number; text: string }[] = [];
  const cut: { at: number; text: string }[] = [];
  if (runFor === null) return { never: [], cut: [] };
  const place = (at: number, dur: number | undefined, text: string) => {
    if (at >= runFor) never.push({ at, text });
    else if (dur !== undefined && at + dur > runFor) cut.push({ at, text });
  };
  for (const f of doc.faults) {
    const dur = (f as { durationSec?: number }).durationSec;
    const span = dur === undefined ? `at ${sec(f.atSec)}` : `at ${sec(f.atSec)}-${sec(f.atSec + dur)}`;
    place(f.atSec, dur, `${f.kind} of ${faultTarget(f)} ${span}`);
  }
  for (const p of doc.producers)
    for (const step of p.rate.schedule) {
      if (step.kind === 'spike')
        place(
          step.atSec,
          step.durationSec,
          `${p.id}'s x${+step.factor.toPrecision(4)} spike at ${sec(step.atSec)}-${sec(step.atSec + step.durationSec)}`,
        );
      else
        place(
          step.atSec,
          undefined,
          `${p.id}'s step to ${step.recordsPerSec.toLocaleString('en-US')} records/s at ${sec(step.atSec)}`,
        );
    }
  const order = (list: { at: number; text: string }[]) => list.sort((a, b) => a.at - b.at).map((x) => x.text);
  return { never: order(never), cut: order(cut) };
}

/** When the last fault or producer step or spike the document plans is over (0: none planned). */
function planEndSec(doc: Pipeline): number {
  let end = 0;
  for (const f of doc.faults)
    end = Math.max(end, f.atSec + ((f as { durationSec?: number }).durationSec ?? 0));
  for (const p of doc.producers)
    for (const step of p.rate.schedule)
      end = Math.max(end, step.atSec + (step.kind === 'spike' ? step.durationSec : 0));
  return end;
}

/**
 * Everything a run length as typed leaves out of what the document plans (faults, producer steps
 * and spikes, readers starting late), as one warning; null when nothing is left out.
 */
export function runLengthWarning(doc: Pipeline, durationSec: string): string | null {
  const runFor = runLengthOf(doc, durationSec);
  if (runFor === null) return null;
  const { never, cut } = cutByRunLength(doc, durationSec);
  const parts: string[] = [];
  if (never.length > 0)
    parts.push(
      `Each run of ${runFor} s ends before ${never.join(', ')}, so ${never.length === 1 ? 'it never happens' : 'they never happen'}.`,
    );
  if (cut.length > 0)
    parts.push(
      `Each run of ${runFor} s ends during ${cut.join(', ')}, so ${cut.length === 1 ? 'it is' : 'they are'} cut short.`,
    );
  if (parts.length > 0) parts.push(`A run longer than ${+planEndSec(doc).toPrecision(6)} s keeps them all.`);
  const late = lateReadersWarning(doc, durationSec);
  if (late) parts.push(late);
  return parts.length === 0 ? null : parts.join(' ');
}

/**
 * Finding a limit on brokers whose network is sold "up to" a rate: at full use their burst credits
 * last networkBurstSec, and a run shorter than that never meets the baseline the card sustains, so
 * a limit it finds holds for bursts only. Null when no broker has such a card or runs are longer.
 */
export function burstWarning(doc: Pipeline, durationSec: string): string | null {
  const runFor = runLengthOf(doc, durationSec);
  if (runFor === null) return null;
  const burstable = doc.cluster.brokers
    .map((b) => b.hardware)
    .filter(
      (h) =>
        h.networkBaselineMBps !== undefined &&
        h.networkBurstSec !== undefined &&
        h.networkBaselineMBps < Math.min(h.networkInMBps, h.networkOutMBps),
    );
  if (burstable.length === 0) return null;
  const creditSec = Math.min(...burstable.map((h) => h.networkBurstSec!));
  if (runFor >= creditSec) return null;
  const h = burstable.find((x) => x.networkBurstSec === creditSec)!;
  const peak = Math.min(h.networkInMBps, h.networkOutMBps).toLocaleString('en-US');
  const base = h.networkBaselineMBps!.toLocaleString('en-US');
  return (
    `The brokers' network cards run at up to ${peak} MB/s while burst credits last (${creditSec} s at ` +
    `full use) and ${base} MB/s after. Each run of ${runFor} s ends first, so a limit found here ` +
    `holds for bursts; runs longer than ${creditSec} s find the one the cards sustain.`
  );
}

/**
 * A setting whose 0 means "no limit" (a sink's write limit) and is now 0: a range around 0 would
 * sweep from no limit to almost none. The records per second the producers upstream of it send
 * instead, to centre a range on; null when nothing feeds it (or the setting is not such a one).
 */
export function unlimitedFeedRate(doc: Pipeline, info: SettingInfo): number | null {
  const m = /^sinks\[(.+)\]\.maxRecordsPerSec$/.exec(info.path);
  if (!m || info.value !== 0) return null;
  // Walk the edges back from the sink to the producers (and receiver sources) that feed it.
  const seen = new Set<string>([m[1]!]);
  const queue = [m[1]!];
  while (queue.length > 0) {
    const to = queue.shift()!;
    for (const e of doc.edges)
      if (e.to === to && !seen.has(e.from)) {
        seen.add(e.from);
        queue.push(e.from);
      }
  }
  let rate = 0;
  for (const p of doc.producers) if (seen.has(p.id)) rate += p.rate.recordsPerSec;
  for (const s of doc.sparkSources) if (seen.has(s.id)) rate += s.rate.recordsPerSec;
  return rate > 0 ? rate : null;
}

/** Said under a setting whose current 0 means "no limit": what the proposed values are. */
export function unlimitedNote(doc: Pipeline, info: SettingInfo | undefined): string | null {
  if (!info || info.value !== 0 || !/^sinks\[.+\]\.maxRecordsPerSec$/.test(info.path)) return null;
  const feed = unlimitedFeedRate(doc, info);
  return feed === null
    ? `${info.label} is now 0, which means no limit, and nothing upstream sends it a set rate: type the values to try.`
    : `${info.label} is now 0, which means no limit: the values proposed are around the ${feed.toLocaleString('en-US')} records/s its producers send.`;
}

/** The values a setting's sweep starts with: around its value, or around its feed when 0 means no limit. */
export function valuesDraftFor(doc: Pipeline, info: SettingInfo): ValuesDraft {
  if (unlimitedNote(doc, info) !== null) {
    const feed = unlimitedFeedRate(doc, info);
    return feed === null ? { mode: 'list', text: '' } : rangeDraftAround(feed, info.integer);
  }
  return rangeDraftAround(info.value, info.integer);
}

/** The bounds a search of a setting starts with: a quarter to four times its value (or its feed). */
export function searchBoundsFor(doc: Pipeline, info: SettingInfo): { low: string; high: string } {
  if (info.integer) return { low: '1', high: String(Math.max(2, info.value * 4)) };
  const feed = unlimitedFeedRate(doc, info);
  if (feed === null && unlimitedNote(doc, info) !== null) return { low: '', high: '' };
  const centre = feed ?? info.value;
  return { low: String(+(centre / 4).toPrecision(3)), high: String(+(centre * 4 || 1).toPrecision(3)) };
}

/** A sweep form to start from: the document's first setting around its current value. */
export function defaultSweepDraft(doc: Pipeline): SweepDraft {
  const first = listSettings(doc).find((s) => s.path.includes('rate')) ?? listSettings(doc)[0];
  return {
    axes: [
      { setting: first?.path ?? '', values: first ? valuesDraftFor(doc, first) : rangeDraftAround(1, false) },
    ],
    seeds: '3',
    warmupSec: String(defaultWarmupSec(defaultRunLengthSec(doc))),
    durationSec: String(defaultRunLengthSec(doc)),
    metrics: ['throughput', 'processed', 'p99', 'maxLagRecords'],
    stopping: { on: false, relErrPct: '5', maxReps: '20' },
  };
}

/** Half to twice the current value, five points. */
export function rangeDraftAround(value: number, integer: boolean): ValuesDraft {
  const lo = integer ? Math.max(1, Math.round(value / 2)) : +(value / 2).toPrecision(3);
  const hi = integer ? Math.max(lo + 1, Math.round(value * 2)) : +(value * 2 || 1).toPrecision(3);
  return { mode: 'range', from: String(lo), to: String(hi), steps: '5', scale: 'linear' };
}

export function defaultSearchDraft(doc: Pipeline): SearchDraft {
  const rate = listSettings(doc).find((s) => s.path.endsWith('.rate.recordsPerSec'));
  const v = rate?.value ?? 1000;
  return {
    setting: rate?.path ?? '',
    direction: 'highest',
    low: String(+(v / 4).toPrecision(3)),
    high: String(+(v * 4).toPrecision(3)),
    seeds: '3',
    warmupSec: String(defaultWarmupSec(defaultRunLengthSec(doc))),
    durationSec: String(defaultRunLengthSec(doc)),
    maxP99Ms: '',
    noLoss: true,
    maxLagGrowthPct: '1',
    tolerancePct: '5',
  };
}

/** A spec from a link, checked against the document it came with. */
export type LinkSpec =
  | { ok: true; kind: 'sweep'; spec: SweepSpec }
  | { ok: true; kind: 'search'; spec: SearchSpec }
  | { ok: false; error: string };

export function readLinkSpec(raw: unknown, doc: Pipeline): LinkSpec {
  const parsed = parseWhatifSpec(raw);
  if (!parsed.ok)
    return {
      ok: false,
      error: `The sweep in the link was not opened: ${parsed.errors.slice(0, 2).join('; ')}.`,
    };
  const spec = parsed.spec;
  // Fill the form back and read it again: the same checks as a spec typed by hand.
  const again =
    spec.kind === 'sweep'
      ? readSweepDraft(sweepSpecToDraft(spec), doc)
      : readSearchDraft(searchSpecToDraft(spec), doc);
  if (!again.ok) return { ok: false, error: `The sweep in the link was not opened: ${again.error}.` };
  return spec.kind === 'sweep' ? { ok: true, kind: 'sweep', spec } : { ok: true, kind: 'search', spec };
}
