// The load's shape: what kafka-producer-perf-test cannot express (keys, Poisson gaps) is said in
// load.sh and the README, and a producer with either gets load/<id>.py piped into
// kafka-console-producer.sh with every producer setting. The script is run here for one simulated
// second: it writes the records the document's rate asks for, with the document's keys.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePipeline } from '../model/parse';
import type { Pipeline } from '../model/types';
import { auditNames } from './audit';
import { exportStack, type ExportedFile } from './index';
import { KAFKA_VERSION } from './plan';
import { recordScript } from './recordScript';
import { shellWords } from './shellWords';
import { everythingDoc, examples } from './testDocs';

const hasPython = spawnSync('python3', ['--version']).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'streamlab-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The everything document with two more producers: Zipf keys with Poisson gaps, and Poisson alone. */
function shapedDoc(): Pipeline {
  const base = everythingDoc();
  const parsed = parsePipeline({
    ...base,
    producers: [
      ...base.producers,
      {
        id: 'clicks',
        rate: { kind: 'poisson', recordsPerSec: 2000 },
        recordBytes: 120,
        keys: { kind: 'zipf', count: 10, exponent: 1 },
        config: { acks: 'all', 'linger.ms': 20, 'compression.type': 'lz4', 'request.timeout.ms': 20_000 },
      },
      { id: 'pings', rate: { kind: 'poisson', recordsPerSec: 50 }, recordBytes: 80 },
    ],
    edges: [...base.edges, { from: 'clicks', to: 'side' }, { from: 'pings', to: 'side' }],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.doc;
}

const file = (files: ExportedFile[], path: string) => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in the export`);
  return f.text;
};

describe('load shapes the perf test cannot express', () => {
  const doc = shapedDoc();
  const files = exportStack(doc);
  const load = file(files, 'load.sh');

  it('writes a record script for producers with keys or Poisson gaps only', () => {
    const scripts = files.filter((f) => f.path.startsWith('load/')).map((f) => f.path);
    // steady is constant without keys, flat-out is max without keys: the perf test does them.
    expect(scripts.sort()).toEqual(['load/clicks.py', 'load/pings.py']);
    // The examples with keys or Poisson producers get one per such producer, none for the rest.
    for (const { name, doc: ex } of examples()) {
      const want = ex.producers
        .filter((p) => p.keys.kind !== 'null' || p.rate.kind === 'poisson')
        .map((p) => `load/${p.id}.py`);
      const got = exportStack(ex)
        .filter((f) => f.path.startsWith('load/'))
        .map((f) => f.path);
      expect(got.sort(), name).toEqual(want.sort());
    }
  });

  it('says in load.sh what the perf test leaves out, producer by producer', () => {
    expect(load).toContain(
      '# The perf test leaves out: keys (Zipf over 10 keys, exponent 1): the perf test sends none, so no hot keys or partition skew; Poisson arrivals: the perf test spaces sends evenly (--throughput).',
    );
    expect(load).toContain('# load/clicks.py into kafka-console-producer.sh has them (the default here).');
    // Poisson alone: the perf test stays the default, the script is one variable away.
    expect(load).toContain('# load/pings.py into kafka-console-producer.sh has them (PRODUCER_TOOL=script).');
    expect(load).not.toMatch(/leaves out: .*steady/);
  });

  it('pipes the script into the console producer with every producer setting, keys parsed', () => {
    const line = load.split('\n').find((l) => l.includes('python3 load/clicks.py'))!;
    const words = shellWords(line);
    const console = words.slice(words.indexOf('|') + 1);
    expect(console.some((w) => w.endsWith('/kafka-console-producer.sh'))).toBe(true);
    const at = (flag: string) => console[console.indexOf(flag) + 1];
    expect(at('--topic')).toBe('side');
    expect(at('--compression-codec')).toBe('lz4');
    expect(at('--property')).toBe('parse.key=true');
    const props = console.flatMap((w, i) => (console[i - 1] === '--producer-property' ? [w] : []));
    // The console producer's own defaults (retries 3, request.timeout.ms 1500, linger.ms 1000) must
    // not stand in for Kafka's: every setting goes, at the document's value or Kafka's default.
    expect(props).toEqual(
      expect.arrayContaining([
        'acks=all',
        'enable.idempotence=true',
        'linger.ms=20',
        'batch.size=16384',
        'retries=2147483647',
        'request.timeout.ms=20000',
        'delivery.timeout.ms=120000',
        'buffer.memory=33554432',
      ]),
    );
    expect(props).toHaveLength(13);
    // compression.type goes as --compression-codec only (the tool overwrites the property).
    expect(props.some((p) => p.startsWith('compression.type'))).toBe(false);
    // No keys: no parse.key, so each line is a value and the record has no key.
    const pings = shellWords(load.split('\n').find((l) => l.includes('python3 load/pings.py'))!);
    expect(pings).not.toContain('--property');
    expect(pings).not.toContain('--compression-codec');
  });

  it('chooses the tool with PRODUCER_TOOL: the script by default for keys, the perf test for the rest', () => {
    const dispatch = (id: string) => {
      const start = load.indexOf(`produce_${id}() {\n  case`);
      return load.slice(start, load.indexOf('\n}', start));
    };
    expect(dispatch('clicks')).toContain('*) produce_clicks_script ;;');
    expect(dispatch('pings')).toContain('*) produce_pings_perf ;;');
    expect(dispatch('pings')).toContain('script) produce_pings_script ;;');
    expect(load).toContain('PRODUCER_TOOL="${PRODUCER_TOOL:-auto}"');
    expect(spawnSync('bash', ['-n', '-c', load]).status).toBe(0);
  });

  it('names only real settings, and the audit catches a made-up console producer name', () => {
    expect(auditNames(files)).toEqual([]);
    const bad = files.map((f) =>
      f.path === 'load.sh' ? { ...f, text: f.text.replace('parse.key=true', 'parse.keys=true') } : f,
    );
    expect(auditNames(bad).join('\n')).toMatch(/console producer property "parse.keys"/);
    const bad2 = files.map((f) =>
      f.path === 'load.sh'
        ? { ...f, text: f.text.replace('--producer-property linger.ms=20', '--producer-property linger=20') }
        : f,
    );
    expect(auditNames(bad2).join('\n')).toMatch(/producer setting "linger"/);
  });

  it("carries every example's producer back: the script's constants read as the document's keys, gaps and rates", () => {
    for (const { name, doc: ex } of [...examples(), { name: 'shaped', doc }]) {
      const files = exportStack(ex);
      for (const p of ex.producers) {
        const f = files.find((x) => x.path === `load/${p.id}.py`);
        if (!f) continue;
        const constant = (n: string) => new RegExp(`^${n} = (.*?)(  #.*)?$`, 'm').exec(f.text)?.[1];
        expect(Number(constant('RECORD_BYTES')), name).toBe(p.recordBytes);
        expect(constant('ARRIVALS'), name).toBe(`"${p.rate.kind}"`);
        const keys = /^KEYS = \("(\w+)", (\d+), ([\d.]+)\)/m.exec(f.text)!;
        const want =
          p.keys.kind === 'null'
            ? ['none', 0, 0]
            : [p.keys.kind, p.keys.count, p.keys.kind === 'zipf' ? p.keys.exponent : 0];
        expect([keys[1], Number(keys[2]), Number(keys[3])], name).toEqual(want);
        // The stretches add up to the records the document's producer sends over the run.
        const rows = [...f.text.matchAll(/^ {4}\(([\d.]+), ([\d.]+), ([\d.]+|None)\),$/gm)];
        expect(rows[0]![1], name).toBe('0');
        expect(Number(rows[rows.length - 1]![2]), name).toBe(ex.run.durationSec);
        const records = rows.reduce((a, r) => a + (Number(r[2]) - Number(r[1])) * Number(r[3]), 0);
        // Without steps or producerSpike faults: the base rate over the run, plus (factor - 1) x the
        // base rate over each spike (the documents' spikes do not overlap).
        const onlySpikes =
          p.rate.schedule.every((x) => x.kind === 'spike') &&
          !ex.faults.some((x) => x.kind === 'producerSpike' && x.producer === p.id);
        if (onlySpikes) {
          const base = p.rate.recordsPerSec;
          const extra = p.rate.schedule.reduce(
            (a, x) => (x.kind === 'spike' ? a + (x.factor - 1) * base * x.durationSec : a),
            0,
          );
          expect(records, name).toBeCloseTo(base * ex.run.durationSec + extra, 6);
        }
      }
    }
  });

  it('says so in the README', () => {
    const readme = file(files, 'README.md');
    expect(readme).toContain(
      '  - clicks: keys (Zipf over 10 keys, exponent 1): the perf test sends none, so no hot keys or partition skew; Poisson arrivals: the perf test spaces sends evenly (--throughput). `load/clicks.py` writes them (used by default).',
    );
    expect(readme).toContain('`load/pings.py` writes them (with `PRODUCER_TOOL=script ./load.sh`)');
    expect(readme).toContain('PRODUCER_TOOL=perf ./load.sh');
    expect(readme).not.toContain('Out-of-order records');
    // A producer with out-of-order records: the README says the tools cannot send them so.
    const late = {
      ...doc,
      producers: doc.producers.map((p) => (p.id === 'steady' ? { ...p, outOfOrderFraction: 0.1 } : p)),
    };
    expect(file(exportStack(late), 'README.md')).toContain(
      '- Out-of-order records (steady): neither tool sets',
    );
  });

  it('says in the README which tool each producer runs by default and what it prints', () => {
    const readme = file(files, 'README.md');
    const measure = readme.slice(
      readme.indexOf('## What to measure'),
      readme.indexOf('## What the simulator'),
    );
    // clicks has keys: the console producer, which prints neither rate nor latency.
    expect(measure).toMatch(
      /- `clicks` -> `side`: `load\/clicks\.py` piped into `kafka-console-producer\.sh`/,
    );
    expect(measure).toContain('prints no rate and no latency');
    // pings (Poisson, no keys), steady and flat-out: the perf test, at the rates load.sh gives it.
    expect(measure).toMatch(/- `pings` -> `side`: `kafka-producer-perf-test\.sh` at `--throughput 50`\./);
    // steady: 1000/s, a step to 2000 at 20 s, a x3 spike from 40 s for 10 s (6000), the document's
    // producerSpike fault x2 from 50 s for 5 s (4000), then 2000 again: each rate named once, in order.
    expect(measure).toContain(
      '- `steady` -> `in`: `kafka-producer-perf-test.sh` at `--throughput 1000`, then `--throughput 2000`, then `--throughput 6000`, then `--throughput 4000`.',
    );
    expect(measure).toMatch(/- `flat-out` -> `side`: `kafka-producer-perf-test\.sh` at `--throughput -1`/);
    // The old claim that every producer prints a latency report is gone; the way to get one is there.
    expect(measure).not.toMatch(/each `kafka-producer-perf-test\.sh` prints/);
    expect(measure).toContain('`PRODUCER_TOOL=perf ./load.sh`');
    expect(measure).toContain('It sends no keys');
  });

  it("hands kafka-consumer-perf-test.sh the group's settings with the option the image's Kafka has", () => {
    // apache/kafka:4.1.0's kafka-consumer-perf-test.sh reads a properties file given with
    // --consumer.config; --command-config only comes with Kafka 4.2 (KIP-1147), which deprecates the
    // old name. Should the image move on, this test stops the flag from staying behind.
    expect(KAFKA_VERSION).toBe('4.1.0');
    const commands = load
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => !l.startsWith('#') && l.includes('kafka-consumer-perf-test.sh'));
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) {
      const words = shellWords(c);
      expect(words[words.indexOf('--consumer.config') + 1]).toMatch(
        /^\/opt\/streamlab\/config\/.+\.properties$/,
      );
      expect(words).not.toContain('--command-config');
    }
    // The README says why the old name stays.
    expect(file(files, 'README.md')).toContain('`--consumer.config` (there `--command-config`)');
  });

  it('gives in the README a flat-out perf test per producer, with its settings, for a fit', () => {
    const readme = file(files, 'README.md');
    const commands = readme
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('docker compose exec') && l.includes('--throughput -1'));
    expect(commands).toHaveLength(doc.producers.length);
    const words = shellWords(commands.find((c) => c.includes('--record-size 120'))!);
    const at = (flag: string) => words[words.indexOf(flag) + 1];
    expect(words.some((w) => w.endsWith('/kafka-producer-perf-test.sh'))).toBe(true);
    expect(at('--topic')).toBe('side');
    expect(at('--throughput')).toBe('-1');
    const props = words.slice(words.indexOf('--producer-props') + 1);
    // clicks: acks=all, linger.ms 20, lz4 (the document's), with the brokers to reach.
    expect(props).toEqual(
      expect.arrayContaining([
        'acks=all',
        'linger.ms=20',
        'compression.type=lz4',
        'request.timeout.ms=20000',
      ]),
    );
    expect(props[0]).toMatch(/^bootstrap\.servers=\S+:\d+/);
  });

  it.skipIf(!hasPython)(
    "writes, over one second, the records the rate asks for with the document's keys",
    () => {
      // One second at 2000 records/s: a Poisson count (seeded: the same every run) near 2000, its
      // standard deviation sqrt(2000) = 45, so within 10% by far.
      const one = { ...doc, run: { ...doc.run, durationSec: 1 } };
      const clicks = one.producers.find((p) => p.id === 'clicks')!;
      const path = join(tmp, 'clicks.py');
      writeFileSync(path, recordScript(one, clicks, [{ fromSec: 0, toSec: 1, rate: 2000 }]));
      const r = spawnSync('python3', [path], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.split('\n').filter((l) => l !== '');
      expect(lines.length).toBeGreaterThan(1800);
      expect(lines.length).toBeLessThan(2200);
      const keys = lines.map((l) => l.split('\t')[0]!);
      // 120 bytes a record: key and value together.
      for (const l of lines.slice(0, 50)) expect(l.length - 1).toBe(120);
      expect(new Set(keys).size).toBeLessThanOrEqual(10);
      // Zipf with exponent 1 over 10 keys: key 1 has 1 / H(10) = 1 / 2.929 = 34% of the records,
      // key 10 a tenth of that (3.4%).
      const share = (k: string) => keys.filter((x) => x === k).length / keys.length;
      expect(share('key-1')).toBeGreaterThan(0.3);
      expect(share('key-1')).toBeLessThan(0.39);
      expect(share('key-10')).toBeGreaterThan(0.02);
      expect(share('key-10')).toBeLessThan(0.05);
      // The same seed, the same records.
      const again = spawnSync('python3', [path], { encoding: 'utf8' });
      expect(again.stdout).toBe(r.stdout);
    },
    20_000,
  );
});
