// What kafka-producer-perf-test cannot express, and the small program that stands in for it.
// ProducerPerformance sends values only (no key option: --record-size, --payload-file and
// --payload-monotonic shape the value) at an evenly spaced --throughput. A document producer with
// keys (uniform or Zipf) or Poisson arrivals gets load/<id>.py: Python with the standard library
// only, printing "key<TAB>value" lines at the document's rate, paced to the clock, which load.sh
// pipes into kafka-console-producer.sh (parse.key=true) with the producer's settings.
import type { Pipeline, Producer } from '../model/types';
import type { RateSegment } from './kafkaScripts';
import { plainNumber, py } from './text';

/** What the perf test leaves out of this producer's load, one phrase each ([] when nothing). */
export function perfTestGaps(p: Producer): string[] {
  const gaps: string[] = [];
  if (p.keys.kind === 'uniform')
    gaps.push(`keys (uniform over ${p.keys.count} keys): the perf test sends none`);
  if (p.keys.kind === 'zipf')
    gaps.push(
      `keys (Zipf over ${p.keys.count} keys, exponent ${plainNumber(p.keys.exponent)}): the perf test sends none, so no hot keys or partition skew`,
    );
  if (p.rate.kind === 'poisson')
    gaps.push('Poisson arrivals: the perf test spaces sends evenly (--throughput)');
  return gaps;
}

/** A producer whose key model or arrival process the perf test cannot express gets a script. */
export const needsRecordScript = (p: Producer): boolean => perfTestGaps(p).length > 0;

/** The default tool for a producer in load.sh: the script when it has keys (they set the skew). */
export const scriptByDefault = (p: Producer): boolean => p.keys.kind !== 'null';

export function recordScriptPath(p: Producer): string {
  return `load/${p.id.replace(/[^A-Za-z0-9_.-]/g, '_')}.py`;
}

/** A seed for the script's random streams, from the document's seed and the producer's id. */
function scriptSeed(doc: Pipeline, p: Producer): number {
  let h = doc.run.seed >>> 0;
  for (const c of p.id) h = (Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0) % 2_147_483_647;
  return h;
}

export function recordScript(doc: Pipeline, p: Producer, segments: readonly RateSegment[]): string {
  const keys =
    p.keys.kind === 'null'
      ? '("none", 0, 0.0)'
      : p.keys.kind === 'uniform'
        ? `("uniform", ${p.keys.count}, 0.0)`
        : `("zipf", ${p.keys.count}, ${plainNumber(p.keys.exponent, 6)})`;
  const rows = segments.map(
    (s) =>
      `    (${plainNumber(s.fromSec)}, ${plainNumber(s.toSec)}, ${s.rate === null ? 'None' : plainNumber(s.rate)}),`,
  );
  const arrivals = p.rate.kind === 'max' ? 'max' : p.rate.kind;
  return [
    '#!/usr/bin/env python3',
    `# Records of producer ${py(p.id)} in ${py(doc.name)} (Streamlab export), for load.sh to pipe into`,
    '# kafka-console-producer.sh: one "key<TAB>value" line per record on standard output, at the',
    "# document's rate, paced to this machine's clock from the moment it starts. Standard library only.",
    '#',
    '# What it reproduces that kafka-producer-perf-test cannot: the key of each record, drawn as the',
    '# document draws it (key k of N with probability proportional to 1 / k^exponent for Zipf, evenly for',
    '# uniform), and the gaps between records (exponential for Poisson arrivals, even for constant).',
    "# The partition of a key is Kafka's (murmur2 of the key's bytes), so which partition is hot differs",
    "# from the simulation's; how hot it is does not. Records' timestamps are set at send: the",
    "# document's out-of-order records are not reproduced. Above some tens of thousands of records a second",
    '# one Python process falls behind its schedule; it says so on standard error when it does.',
    'import bisect',
    'import random',
    'import sys',
    'import time',
    '',
    `SEED = ${scriptSeed(doc, p)}`,
    `RECORD_BYTES = ${p.recordBytes}  # key, value and headers, as the document counts them`,
    `KEYS = ${keys}  # kind, number of distinct keys, Zipf exponent`,
    `ARRIVALS = ${py(arrivals)}  # constant, poisson, or max (as fast as this program goes)`,
    '# Stretches of the run: (from second, to second, records per second; None: as fast as it goes).',
    'SEGMENTS = [',
    ...rows,
    ']',
    '',
    '',
    'def key_drawer(rng):',
    '    kind, count, exponent = KEYS',
    '    if kind == "none":',
    '        return lambda: ""',
    '    if kind == "uniform":',
    '        return lambda: "key-%d" % rng.randint(1, count)',
    '    cumulative = []',
    '    total = 0.0',
    '    for k in range(1, count + 1):',
    '        total += 1.0 / k ** exponent',
    '        cumulative.append(total)',
    '    return lambda: "key-%d" % (bisect.bisect_left(cumulative, rng.random() * total) + 1)',
    '',
    '',
    'def main():',
    '    rng = random.Random(SEED)',
    '    draw_key = key_drawer(rng)',
    '    out = sys.stdout',
    '    start = time.monotonic()',
    '    late_said = False',
    '    for first, last, rate in SEGMENTS:',
    '        due = float(first)',
    '        while True:',
    '            if rate is None:',
    '                due = time.monotonic() - start',
    '            elif rate <= 0:',
    '                break',
    '            elif ARRIVALS == "poisson":',
    '                due += rng.expovariate(rate)',
    '            else:',
    '                due += 1.0 / rate',
    '            if due >= last:',
    '                break',
    '            now = time.monotonic() - start',
    '            if due > now + 0.002:',
    '                out.flush()',
    '                time.sleep(due - now)',
    '            elif rate is not None and now - due > 1.0 and not late_said:',
    '                late_said = True',
    '                sys.stderr.write("%.1f s behind the schedule at second %.0f\\n" % (now - due, now))',
    '            key = draw_key()',
    '            value = "v" * max(1, RECORD_BYTES - len(key))',
    '            # Without keys, the value alone (load.sh leaves parse.key off: the record has no key).',
    '            out.write("%s\\t%s\\n" % (key, value) if key else value + "\\n")',
    '        remaining = last - (time.monotonic() - start)',
    '        if remaining > 0:',
    '            out.flush()',
    '            time.sleep(remaining)',
    '    out.flush()',
    '',
    '',
    'if __name__ == "__main__":',
    '    try:',
    '        main()',
    '    except (BrokenPipeError, KeyboardInterrupt):',
    '        pass',
    '',
  ].join('\n');
}
