// kafka-producer-perf-test's output. Every few seconds it prints a progress line
//   <n> records sent, <rate> records/sec (<mb> MB/sec), <avg> ms avg latency, <max> ms max latency.
// and at the end one summary line that goes on with the percentiles
//   ..., <max> ms max latency, <p50> ms 50th, <p95> ms 95th, <p99> ms 99th, <p999> ms 99.9th.
// Lines are read strictly, piece by piece, so a message can say which piece was not there. The
// command that ran the test may come with its output (a shell prompt's line, or the command and its
// backslash-continued lines): its --throughput says whether the test was held to a rate.
import {
  MAX_ERRORS,
  found,
  isLogNoise,
  numberedLines,
  type ParseResult,
  type PerfCommandLine,
  type PerfProgressLine,
  type PerfSummaryLine,
  type ProducerPerfMeasurement,
} from './types';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;

class LineError extends Error {}

/** Reads one line left to right: numbers and the fixed words between them. */
class Cursor {
  private rest: string;
  constructor(text: string) {
    this.rest = text.trim();
  }

  number(what: string, after: string): number {
    this.rest = this.rest.trimStart();
    const m = NUMBER.exec(this.rest);
    if (!m) throw new LineError(`expected ${what} ${after}, found ${found(this.rest)}`);
    this.rest = this.rest.slice(m[0].length);
    return Number(m[0]);
  }

  /** The fixed text `word` (spaces are loose), or an error saying what it follows. */
  word(word: string, after: string): void {
    this.rest = this.rest.trimStart();
    const want = word.trim();
    const pattern = want
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('\\s+');
    const m = new RegExp(`^${pattern}`, 'i').exec(this.rest);
    if (!m) throw new LineError(`expected '${want}' ${after}, found ${found(this.rest)}`);
    this.rest = this.rest.slice(m[0].length);
  }

  atEnd(): boolean {
    return this.rest.trim() === '';
  }

  peek(): string {
    return this.rest.trimStart();
  }
}

/** Whether the line is meant to be one of the tool's (it starts with "<n> records sent"). */
export function looksLikePerfLine(line: string): boolean {
  return /^\s*\d+\s+records?\s+sent\b/i.test(line);
}

/** Whether the line runs the perf test (the script, or the class it starts). */
export function looksLikePerfCommand(line: string): boolean {
  return /kafka-producer-perf-test(\.sh)?(\s|$)|org\.apache\.kafka\.tools\.ProducerPerformance\b/.test(line);
}

/** --throughput's value in a command (`--throughput 20000`, `--throughput=-1`); null when absent or not a number. */
export function throughputOf(command: string): number | null {
  const m = /(?:^|\s)--throughput(?:=|\s+)(\S+)/.exec(command);
  if (!m) return null;
  const v = Number(m[1]!.replace(/^["']|["']$/g, ''));
  return Number.isFinite(v) ? v : null;
}

function readLine(text: string, line: number): PerfProgressLine | PerfSummaryLine {
  const c = new Cursor(text);
  const records = c.number('the number of records', 'at the start');
  c.word('records sent,', 'after the record count');
  const recordsPerSec = c.number('the rate', "after 'records sent,'");
  c.word('records/sec', 'after the rate');
  c.word('(', "after 'records/sec'");
  const mbPerSec = c.number('the MB/sec figure', "after '('");
  c.word('MB/sec)', 'after the MB figure');
  c.word(',', "after 'MB/sec)'");
  const avgLatencyMs = c.number('the average latency', "after 'MB/sec),'");
  c.word('ms avg latency', 'after the average latency');
  c.word(',', "after 'ms avg latency'");
  const maxLatencyMs = c.number('the maximum latency', "after 'ms avg latency,'");
  c.word('ms max latency', 'after the maximum latency');
  const base = { line, records, recordsPerSec, mbPerSec, avgLatencyMs, maxLatencyMs };
  if (c.peek().startsWith('.')) {
    c.word('.', '');
    if (!c.atEnd())
      throw new LineError(`expected the end of the line after 'max latency.', found ${found(c.peek())}`);
    return base;
  }
  c.word(',', "after 'ms max latency' (or '.' to end a progress line)");
  const pct: number[] = [];
  const names = ['50th', '95th', '99th', '99.9th'];
  for (let i = 0; i < names.length; i++) {
    const prev = i === 0 ? "'ms max latency,'" : `'${names[i - 1]}'`;
    pct.push(c.number(`the ${names[i]} percentile`, `after ${prev}`));
    c.word(`ms ${names[i]}`, `after the ${names[i]} percentile`);
    if (i < names.length - 1) c.word(',', `after '${names[i]}'`);
  }
  c.word('.', "after '99.9th'");
  if (!c.atEnd())
    throw new LineError(`expected the end of the line after '99.9th.', found ${found(c.peek())}`);
  return { ...base, p50Ms: pct[0]!, p95Ms: pct[1]!, p99Ms: pct[2]!, p999Ms: pct[3]! };
}

export function parseProducerPerf(text: string): ParseResult<ProducerPerfMeasurement> {
  const errors: string[] = [];
  const progress: PerfProgressLine[] = [];
  const skipped: number[] = [];
  let summary: PerfSummaryLine | null = null;
  let command: PerfCommandLine | null = null;
  // The command being read, while its lines end in a backslash.
  let continued: { line: number; text: string } | null = null;
  const endCommand = (c: { line: number; text: string }) => {
    if (command)
      errors.push(
        `line ${c.line}: a second kafka-producer-perf-test command (the first is on line ${command.line}); paste one run at a time`,
      );
    else command = { line: c.line, throughput: throughputOf(c.text) };
  };
  for (const { n, text: line } of numberedLines(text)) {
    if (continued) {
      continued.text += ` ${line.replace(/\\$/, '')}`;
      if (!line.endsWith('\\')) {
        endCommand(continued);
        continued = null;
      }
      continue;
    }
    if (line.trim() === '') continue;
    if (looksLikePerfCommand(line) && !looksLikePerfLine(line)) {
      const c = { line: n, text: line.replace(/\\$/, '') };
      if (line.endsWith('\\')) continued = c;
      else endCommand(c);
      continue;
    }
    if (!looksLikePerfLine(line)) {
      if (isLogNoise(line)) {
        skipped.push(n);
        continue;
      }
      errors.push(
        `line ${n}: expected a line of kafka-producer-perf-test ('<n> records sent, <rate> records/sec (...)'), found ${found(line)}`,
      );
    } else {
      try {
        const read = readLine(line, n);
        if ('p50Ms' in read) {
          if (summary)
            errors.push(
              `line ${n}: a second summary line (the first is on line ${summary.line}); paste one run at a time`,
            );
          else summary = read;
        } else {
          if (summary)
            errors.push(
              `line ${n}: a progress line after the summary on line ${summary.line}; paste one run at a time`,
            );
          else progress.push(read);
        }
      } catch (e) {
        if (!(e instanceof LineError)) throw e;
        errors.push(`line ${n}: ${e.message}`);
      }
    }
    if (errors.length >= MAX_ERRORS) break;
  }
  if (continued) endCommand(continued);
  if (errors.length) return { ok: false, errors };
  if (!summary && progress.length === 0)
    return {
      ok: false,
      errors: ['no kafka-producer-perf-test line found (expected "<n> records sent, ...")'],
    };
  return { ok: true, value: { kind: 'producerPerf', progress, summary, command, skipped } };
}

/**
 * The run's overall figures: the summary line when there is one, else the progress lines together
 * (rates weighted by the records each line covers; the largest max; no percentiles).
 */
export function perfOverall(m: ProducerPerfMeasurement): PerfProgressLine & Partial<PerfSummaryLine> {
  if (m.summary) return m.summary;
  const lines = m.progress;
  const records = lines.reduce((a, l) => a + l.records, 0);
  const seconds = lines.reduce((a, l) => a + (l.recordsPerSec > 0 ? l.records / l.recordsPerSec : 0), 0);
  const w = (f: (l: PerfProgressLine) => number) =>
    records > 0 ? lines.reduce((a, l) => a + f(l) * l.records, 0) / records : 0;
  return {
    line: lines[0]!.line,
    records,
    recordsPerSec: seconds > 0 ? records / seconds : 0,
    mbPerSec:
      seconds > 0
        ? lines.reduce(
            (a, l) => a + (l.recordsPerSec > 0 ? (l.mbPerSec * l.records) / l.recordsPerSec : 0),
            0,
          ) / seconds
        : 0,
    avgLatencyMs: w((l) => l.avgLatencyMs),
    maxLatencyMs: Math.max(...lines.map((l) => l.maxLatencyMs)),
  };
}
