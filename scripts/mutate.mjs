// A small mutation sampler: do the unit tests notice a wrong rule?
//
// It plants each one-line fault of scripts/mutants.mjs in turn (a default flipped, a cap turned into
// a floor, a percentile off by one, a term of a formula dropped, an offset taken from the wrong
// place), runs the unit tests, puts the file back, and reports which faults some test caught.
// Not part of `npm test`: it runs the suite once per surviving mutant, which takes a while.
//
//   node scripts/mutate.mjs                     every mutant
//   node scripts/mutate.mjs pid- retention-     only mutants whose id starts with one of these
//   node scripts/mutate.mjs --check             only check that every mutant still applies
//   node scripts/mutate.mjs --json out.json     also write the results as JSON
//   node scripts/mutate.mjs --quick             run only each mutant's own `tests` (a quick look;
//                                               a mutant they miss is reported as "missed by its tests")
//   node scripts/mutate.mjs --timeout 900       seconds before a run counts as hung (default 1200)
//
// For each mutant: its own `tests` run first; if they fail, it is caught. Otherwise every test file
// that imports the mutated file (vitest related) runs, stopping at the first failure; a mutant that
// passes them all survived. A run that hangs past the timeout counts as caught (a hang is noticed).
// A mutant whose `find` text is no longer in its file exactly once is "stale" and left out of the rate.
//
// It edits files in the working tree and always puts them back, on Ctrl+C too; if the process is
// killed outright, `git diff` shows the fault still in place. Run it on a clean tree, and do not
// edit or test in the same tree meanwhile.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MUTANTS } from './mutants.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const optionValues = new Set(['--json', '--timeout'].map((o) => option(o)).filter(Boolean));
const prefixes = args.filter((a) => !a.startsWith('--') && !optionValues.has(a));
const timeoutMs = Number(option('--timeout') ?? 1200) * 1000;
const jsonOut = option('--json');
const chosen = MUTANTS.filter((m) => prefixes.length === 0 || prefixes.some((p) => m.id.startsWith(p)));

/** The file's text with the fault planted, or why it cannot be. */
function plant(mutant) {
  if (!existsSync(mutant.file)) return { stale: `${mutant.file} does not exist` };
  const text = readFileSync(mutant.file, 'utf8');
  const first = text.indexOf(mutant.find);
  if (first < 0) return { stale: 'text not found' };
  if (text.indexOf(mutant.find, first + 1) >= 0) return { stale: 'text found more than once' };
  return { original: text, mutated: text.replace(mutant.find, () => mutant.replace) };
}

let restore = undefined;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    restore?.();
    process.exit(130);
  });
}

/** Runs vitest with `vitestArgs`; resolves to { failed: test names, hung, code }. */
function vitest(vitestArgs) {
  const dir = mkdtempSync(join(tmpdir(), 'mutate-'));
  const report = join(dir, 'report.json');
  return new Promise((resolve) => {
    const child = spawn(
      'npx',
      ['vitest', ...vitestArgs, '--bail=1', '--passWithNoTests', '--reporter=json', `--outputFile=${report}`],
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const failed = [];
      if (existsSync(report)) {
        const results = JSON.parse(readFileSync(report, 'utf8'));
        for (const file of results.testResults ?? []) {
          for (const t of file.assertionResults ?? []) {
            if (t.status === 'failed')
              failed.push(`${file.name.replace(`${process.cwd()}/`, '')} > ${t.fullName}`);
          }
          // A file that fails to load (a syntax error, a throw at import) has no failed test of its own.
          if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'))
            failed.push(
              `${file.name.replace(`${process.cwd()}/`, '')}: ${(file.message ?? 'failed').split('\n')[0]}`,
            );
        }
      }
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0 && failed.length === 0 && !hung)
        failed.push(`vitest exited with ${code}: ${stderr.trim().split('\n').pop()}`);
      resolve({ failed, hung, code });
    });
  });
}

async function judge(mutant) {
  const ownTests = mutant.tests.filter((t) => existsSync(t) || existsSync(`${t}.test.ts`));
  if (ownTests.length > 0) {
    const own = await vitest(['run', ...ownTests]);
    if (own.hung) return { verdict: 'caught', by: ['(hung past the timeout)'] };
    if (own.failed.length > 0) return { verdict: 'caught', by: own.failed };
  }
  if (flag('--quick')) return { verdict: 'missed by its tests', by: [] };
  const related = await vitest(['related', '--run', mutant.file]);
  if (related.hung) return { verdict: 'caught', by: ['(hung past the timeout)'] };
  if (related.failed.length > 0) return { verdict: 'caught', by: related.failed };
  return { verdict: 'survived', by: [] };
}

const results = [];
for (const mutant of chosen) {
  const planted = plant(mutant);
  if (planted.stale) {
    results.push({ id: mutant.id, rule: mutant.rule, verdict: 'stale', by: [planted.stale] });
    console.log(`stale     ${mutant.id}: ${planted.stale} in ${mutant.file}`);
    continue;
  }
  if (flag('--check')) {
    console.log(`applies   ${mutant.id}`);
    continue;
  }
  const started = Date.now();
  restore = () => writeFileSync(mutant.file, planted.original);
  writeFileSync(mutant.file, planted.mutated);
  let outcome;
  try {
    outcome = await judge(mutant);
  } finally {
    restore();
    restore = undefined;
  }
  if (readFileSync(mutant.file, 'utf8') !== planted.original)
    throw new Error(`could not restore ${mutant.file}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ id: mutant.id, rule: mutant.rule, file: mutant.file, seconds, ...outcome });
  const by = outcome.by[0]
    ? ` (${outcome.by[0]}${outcome.by.length > 1 ? `, +${outcome.by.length - 1}` : ''})`
    : '';
  console.log(`${outcome.verdict.padEnd(9)} ${mutant.id} [${seconds} s]${by}`);
}

if (!flag('--check')) {
  const judged = results.filter((r) => r.verdict !== 'stale');
  const caught = judged.filter((r) => r.verdict === 'caught').length;
  const stale = results.length - judged.length;
  console.log(
    `\n${caught} of ${judged.length} mutants caught (${judged.length ? Math.round((100 * caught) / judged.length) : 0}%)` +
      (stale ? `; ${stale} stale, left out` : ''),
  );
  for (const r of judged.filter((x) => x.verdict !== 'caught'))
    console.log(`  not caught: ${r.id}: ${r.rule}`);
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
}
