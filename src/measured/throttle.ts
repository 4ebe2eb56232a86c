// How a kafka-producer-perf-test was run: held to a rate (--throughput N) or as fast as it could
// (--throughput -1). The two answer different questions. A run held to a rate sends that rate if it
// can, so its records/s says what it was asked for, not what the client can do; only a run flat
// out measures the client's limit, which is what a producer fit sets. The exported stack's load.sh
// runs every producer with a rate at --throughput <its rate>, so that is the default here; the
// pasted text can say otherwise, through the command line or through the rate itself.
import type { Producer } from '../model/types';
import { perfOverall } from './producerPerf';
import type { ProducerPerfMeasurement } from './types';

/** A measured rate this close to a rate the producer is set to reads as a run held to it. */
export const RATE_MATCH = 0.03;

/** What the pasted text says about how the test ran. */
export interface PerfRunEvidence {
  /** true: held to a rate; false: as fast as it could; null: the text does not say. */
  throttled: boolean | null;
  /** The rate it was held to (records/s), when it was. */
  throughput: number | null;
  /** command: its --throughput; rate: the measured rate against the producer's; none. */
  source: 'command' | 'rate' | 'none';
  /** One sentence on what was read, or '' when nothing was. */
  reason: string;
}

/** How the comparison and the fit take the run. */
export interface PerfRunMode {
  throttled: boolean;
  /** The rate the simulated test is held to, when throttled (records/s). */
  throughput: number | null;
  /** command: the pasted command line; rate: the measured rate; user: the user's choice; default: load.sh. */
  decidedBy: 'command' | 'rate' | 'user' | 'default';
  /** One sentence: how the run is taken and why. */
  note: string;
  /** A sentence when the user's choice goes against what the text says. */
  warning: string | null;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const rateText = (x: number) => (Number.isInteger(x) ? String(x) : String(+x.toPrecision(6)));

/** The rates the producer is set to over the run: its base rate and each step's (none for 'max'). */
export function configuredRates(p: Producer): number[] {
  if (p.rate.kind === 'max') return [];
  const rates = [
    p.rate.recordsPerSec,
    ...p.rate.schedule.flatMap((s) => (s.kind === 'step' ? [s.recordsPerSec] : [])),
  ];
  return [...new Set(rates.filter((r) => r > 0))];
}

/**
 * What the text says about the run: the command's --throughput when it was pasted; else a measured
 * rate within RATE_MATCH of a rate the producer is set to (held to it), or above all of them by
 * more (not held to any of them); else nothing (below its rates: a slow client flat out, or a run
 * that could not keep up with its rate, look the same).
 */
export function perfRunEvidence(m: ProducerPerfMeasurement, producer: Producer | undefined): PerfRunEvidence {
  const cmd = m.command;
  if (cmd && cmd.throughput !== null) {
    if (cmd.throughput > 0)
      return {
        throttled: true,
        throughput: cmd.throughput,
        source: 'command',
        reason: `The command on line ${cmd.line} ran it at --throughput ${rateText(cmd.throughput)}: held to ${n0(cmd.throughput)} records/s.`,
      };
    return {
      throttled: false,
      throughput: null,
      source: 'command',
      reason: `The command on line ${cmd.line} ran it at --throughput ${rateText(cmd.throughput)}: as fast as it could.`,
    };
  }
  const none: PerfRunEvidence = { throttled: null, throughput: null, source: 'none', reason: '' };
  if (!producer) return none;
  const measured = perfOverall(m).recordsPerSec;
  const rates = configuredRates(producer);
  if (measured <= 0 || rates.length === 0) return none;
  const near = rates.map((r) => ({ r, off: Math.abs(measured - r) / r })).sort((a, b) => a.off - b.off)[0]!;
  if (near.off <= RATE_MATCH)
    return {
      throttled: true,
      throughput: near.r,
      source: 'rate',
      reason: `The measured ${n0(measured)} records/s is within ${near.off < 0.001 ? '0.1' : +(near.off * 100).toFixed(1)}% of ${producer.id}'s rate (${n0(near.r)} records/s): it reads as a run held to that rate (--throughput ${rateText(near.r)}, as the exported load.sh runs it).`,
    };
  if (rates.every((r) => measured > r * (1 + RATE_MATCH)))
    return {
      throttled: false,
      throughput: null,
      source: 'rate',
      reason: `The measured ${n0(measured)} records/s is above every rate ${producer.id} is set to (${rates.map(n0).join(', ')} records/s): it reads as a run as fast as it could (--throughput -1).`,
    };
  return none;
}

/**
 * How to take the run: the command line decides when it was pasted; then the user's choice
 * (`chosen`, null when none); then the measured rate; then what the exported load.sh does (the
 * producer's rate, or -1 for a producer with none).
 */
export function perfRunMode(
  m: ProducerPerfMeasurement,
  producer: Producer | undefined,
  chosen: boolean | null,
): PerfRunMode {
  const ev = perfRunEvidence(m, producer);
  const own =
    producer && producer.rate.kind !== 'max' && producer.rate.recordsPerSec > 0
      ? producer.rate.recordsPerSec
      : null;
  const name = producer?.id ?? 'the producer';
  if (ev.source === 'command' && ev.throttled !== null)
    return {
      throttled: ev.throttled,
      throughput: ev.throughput,
      decidedBy: 'command',
      note: ev.reason,
      warning:
        chosen !== null && chosen !== ev.throttled
          ? 'The pasted command line decides how the run is taken, whatever the box said.'
          : null,
    };
  if (chosen !== null) {
    const throughput = chosen ? (ev.throughput ?? own) : null;
    const against = ev.throttled !== null && ev.throttled !== chosen;
    return {
      throttled: chosen && throughput !== null,
      throughput: chosen ? throughput : null,
      decidedBy: 'user',
      note: chosen
        ? throughput !== null
          ? `Taken as you said: held to ${n0(throughput)} records/s (--throughput ${rateText(throughput)}).`
          : `${name} has no rate to hold the test to: taken as a run as fast as it could.`
        : 'Taken as you said: as fast as it could (--throughput -1).',
      warning: against
        ? `${ev.reason} ${chosen ? 'Yet it is taken as held to a rate' : 'Yet it is taken as a run flat out'}: check how the test ran.`
        : null,
    };
  }
  if (ev.throttled !== null)
    return {
      throttled: ev.throttled,
      throughput: ev.throughput,
      decidedBy: 'rate',
      note: ev.reason,
      warning: null,
    };
  if (own !== null)
    return {
      throttled: true,
      throughput: own,
      decidedBy: 'default',
      note: `Nothing in the text says how the test ran: taken as the exported load.sh runs it, held to ${name}'s rate (--throughput ${rateText(own)}). Paste the command line with the output to make it sure.`,
      warning: null,
    };
  return {
    throttled: false,
    throughput: null,
    decidedBy: 'default',
    note: `${name} has no rate of its own: taken as a run as fast as it could (--throughput -1), as the exported load.sh runs it.`,
    warning: null,
  };
}

/**
 * A producer fit already in the document whose measured rate is one the producer is set to: it
 * likely came from a run held to that rate (as Fit did before it refused such runs), and then holds
 * the producer near it in every simulation. The sentence says so; null when nothing points to it.
 */
export function heldCalibrationWarning(p: Producer): string | null {
  const note = p.calibration;
  if (!note || !note.source.startsWith('kafka-producer-perf-test')) return null;
  const near = configuredRates(p).find((r) => Math.abs(note.measured - r) / r <= RATE_MATCH);
  if (near === undefined) return null;
  return `The measured ${n0(note.measured)} records/s is within ${RATE_MATCH * 100}% of ${p.id}'s own rate (${n0(near)} records/s): the run was probably held to --throughput ${rateText(near)}, which says nothing about the client, and this value holds ${p.id} near that rate. Unless that run was at --throughput -1, undo the fit (or clear the setting) and fit to a run that was.`;
}
