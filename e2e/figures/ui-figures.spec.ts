// Figures for the notes, not pass/fail timings (these machines are shared and noisy): the time from
// opening a share link to the first chart, frames per second while panning a 100-node canvas, and
// the main thread's frame budget (long tasks) during max-speed runs, charts and Spark UI included,
// and fps with long tasks while the whole-run charts draw, with Recharts and with the custom SVG
// renderer side by side.
// Run with `npm run bench:ui`; `npm test` skips this folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PersistPage } from '../pages/PersistPage';
import { AUTOSAVE_KEY, RunPage } from '../pages/RunPage';
import { SparkUiPage } from '../pages/SparkUiPage';
import { linkHash, SweepPage } from '../pages/SweepPage';

test.use({ viewport: { width: 1440, height: 1000 } });

/** 25 independent chains producer -> topic -> consumer group -> sink: 100 nodes, 75 edges. */
function hundredNodes(): unknown {
  const doc = {
    version: 1,
    name: 'One hundred nodes',
    cluster: { brokers: [1, 2, 3].map((i) => ({ id: `broker-${i}`, hardware: { preset: 'cloud-2024' } })) },
    topics: [] as unknown[],
    producers: [] as unknown[],
    consumerGroups: [] as unknown[],
    sinks: [] as unknown[],
    edges: [] as { from: string; to: string }[],
    layout: {} as Record<string, { x: number; y: number }>,
  };
  for (let i = 0; i < 25; i++) {
    const [p, t, g, s] = [`p${i}`, `t${i}`, `g${i}`, `s${i}`];
    doc.producers.push({ id: p, rate: { kind: 'poisson', recordsPerSec: 1000 } });
    doc.topics.push({ id: t, partitions: 3 });
    doc.consumerGroups.push({ id: g });
    doc.sinks.push({ id: s, kind: 'dashboard' });
    doc.edges.push({ from: p, to: t }, { from: t, to: g }, { from: g, to: s });
    [p, t, g, s].forEach((id, col) => (doc.layout[id] = { x: col * 260, y: i * 130 }));
  }
  return doc;
}

test('frames per second while panning a 100-node canvas', async ({ page }) => {
  await page.addInitScript(([key, text]) => window.localStorage.setItem(key, text), [
    AUTOSAVE_KEY,
    JSON.stringify(hundredNodes()),
  ] as const);
  await page.goto('/');
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('no canvas pane');
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[] };
    w.__frames = [];
    const tick = (t: number) => {
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 0; i < 120; i++) {
    const a = (i / 120) * Math.PI * 4;
    await page.mouse.move(start.x + Math.cos(a) * 200, start.y + Math.sin(a) * 150);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
  const seconds = ((frames[frames.length - 1] ?? 0) - (frames[0] ?? 0)) / 1000;
  const fps = (frames.length - 1) / seconds;
  const gaps = frames.slice(1).map((t, i) => t - (frames[i] ?? t));
  const worst = Math.max(...gaps);
  console.log(
    `FIGURE pan-100-nodes: ${fps.toFixed(1)} fps over ${seconds.toFixed(2)} s, worst frame ${worst.toFixed(1)} ms`,
  );
  expect(frames.length).toBeGreaterThan(10);
});

test('time from opening a share link to the pipeline and to the first chart', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const first = await context.newPage();
  const persist = new PersistPage(first);
  await persist.goto();
  await persist.openExample('clickstream-personalisation');
  const link = await persist.copyLink();

  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  const run = new RunPage(page);
  await page.goto(link);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const shown = await page.evaluate(() => performance.now());
  await run.play.click();
  await expect(run.linePaths('throughput').first()).toBeAttached({ timeout: 20_000 });
  const charted = await page.evaluate(() => performance.now());
  const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.startTime ?? 0);
  console.log(
    `FIGURE share-link: pipeline on screen ${(shown - nav).toFixed(0)} ms after navigation; ` +
      `first chart ${(charted - nav).toFixed(0)} ms (play pressed as soon as the pipeline showed, at 1x)`,
  );
  expect(charted).toBeGreaterThan(shown);
});

function example(name: string, durationSec: number): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')) as Record<string, unknown>;
  doc.run = { ...(doc.run as object), durationSec };
  return doc;
}

/** One line on the main thread's long tasks (over 50 ms: a frame budget missed by a lot). */
function longTaskFigure(name: string, tasks: { duration: number }[], wallMs: number): string {
  const over50 = tasks.filter((t) => t.duration > 50);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  const busy = tasks.reduce((a, t) => a + t.duration, 0);
  return (
    `FIGURE ${name}: ${over50.length} long tasks over 50 ms in ${(wallMs / 1000).toFixed(1)} s, ` +
    `longest ${longest.toFixed(0)} ms, ${((100 * busy) / wallMs).toFixed(0)}% of the time in tasks over 50 ms`
  );
}

test('long tasks during a max-speed run, with every chart drawing', async ({ page }) => {
  // The whole 15-minute run at max speed: a busy machine may take minutes.
  test.setTimeout(300_000);
  const run = new RunPage(page);
  await run.prepare(example('clickstream-personalisation', 900));
  await run.goto();
  await run.setSpeed('max');
  const started = await run.pageTime();
  await run.play.click();
  await expect.poll(() => run.simMs(), { timeout: 30_000 }).toBeGreaterThan(60_000);
  for (const id of ['throughput', 'latency', 'lag', 'brokers', 'spark-personaliser']) {
    await run.chart(id).scrollIntoViewIfNeeded();
    await expect(run.linePaths(id).first()).toBeAttached();
  }
  await expect(run.status).toHaveText('Finished', { timeout: 240_000 });
  const ended = await run.pageTime();
  console.log(longTaskFigure('max-speed-run', await run.longTasksSince(started), ended - started));
});

/**
 * Frames per second and long tasks while a 30-minute max-speed run draws the whole-run charts:
 * 'auto' is the app as shipped (the custom SVG renderer while the run plays, Recharts once it
 * stops); 'recharts' and 'svg' force one renderer throughout (a localStorage switch).
 */
async function wholeRunFigure(page: Page, renderer: 'auto' | 'recharts' | 'svg'): Promise<void> {
  const run = new RunPage(page);
  if (renderer !== 'auto')
    await page.addInitScript((r) => window.localStorage.setItem('streamlab.charts.renderer', r), renderer);
  await run.prepare(example('clickstream-personalisation', 1800));
  await run.goto();
  await run.setSpeed('max');
  await run.chart('throughput').scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[] };
    w.__frames = [];
    const tick = (t: number) => {
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = await run.pageTime();
  await run.play.click();
  await expect(run.linePaths('throughput').first()).toBeAttached({ timeout: 30_000 });
  await expect(run.status).toHaveText('Finished', { timeout: 240_000 });
  const ended = await run.pageTime();
  const frames = await page.evaluate(
    (t) => (window as unknown as { __frames: number[] }).__frames.filter((f) => f >= t),
    started,
  );
  const seconds = ((frames[frames.length - 1] ?? 0) - (frames[0] ?? 0)) / 1000;
  const gaps = frames.slice(1).map((t, i) => t - (frames[i] ?? t));
  console.log(
    `FIGURE whole-run-charts-${renderer}: ${((frames.length - 1) / seconds).toFixed(1)} fps over ` +
      `${seconds.toFixed(1)} s, worst frame ${Math.max(0, ...gaps).toFixed(0)} ms`,
  );
  console.log(
    longTaskFigure(`whole-run-charts-${renderer}`, await run.longTasksSince(started), ended - started),
  );
  expect(frames.length).toBeGreaterThan(10);
}

test('fps and long tasks while a max-speed run draws the whole-run charts (Recharts)', async ({ page }) => {
  test.setTimeout(300_000);
  await wholeRunFigure(page, 'recharts');
});

test('fps and long tasks while a max-speed run draws the whole-run charts (custom SVG)', async ({ page }) => {
  test.setTimeout(300_000);
  await wholeRunFigure(page, 'svg');
});

test('fps and long tasks while a max-speed run draws the whole-run charts (as shipped)', async ({ page }) => {
  test.setTimeout(300_000);
  await wholeRunFigure(page, 'auto');
});

test('long tasks while the Spark UI follows a max-speed run', async ({ page }) => {
  test.setTimeout(180_000);
  const run = new RunPage(page);
  const spark = new SparkUiPage(page);
  await run.prepare(example('payments-fraud-detection', 900));
  await run.goto();
  await run.setSpeed('max');
  await run.play.click();
  await expect.poll(() => run.simMs(), { timeout: 30_000 }).toBeGreaterThan(20_000);
  await spark.card('fraud-scoring').scrollIntoViewIfNeeded();
  await expect(spark.batchRows('fraud-scoring').first()).toBeVisible();
  const watching = await run.pageTime();
  const from = await run.simMs();
  await expect.poll(() => run.simMs(), { timeout: 60_000 }).toBeGreaterThan(from + 60_000);
  const ended = await run.pageTime();
  console.log(longTaskFigure('spark-ui-updating', await run.longTasksSince(watching), ended - watching));
});

test('long tasks while the Cluster tab follows a max-speed run with a broker kill', async ({ page }) => {
  test.setTimeout(180_000);
  const run = new RunPage(page);
  await run.prepare(example('broker-failure', 900));
  await run.goto();
  await page.getByTestId('results-tab-cluster').click();
  await expect(page.getByTestId('cluster-panel')).toBeVisible();
  await run.setSpeed('max');
  await run.play.click();
  await expect.poll(() => run.simMs(), { timeout: 30_000 }).toBeGreaterThan(10_000);
  const watching = await run.pageTime();
  const from = await run.simMs();
  await expect.poll(() => run.simMs(), { timeout: 60_000 }).toBeGreaterThan(from + 60_000);
  const ended = await run.pageTime();
  console.log(longTaskFigure('cluster-tab-updating', await run.longTasksSince(watching), ended - watching));
});

/** Records the long animation frames (over 50 ms) with the scripts that ran in them (Chromium). */
async function recordLongFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longFrames: { start: number; scripts: [string, number][] }[] };
    w.__longFrames = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          scripts?: { invoker: string; sourceURL: string; duration: number }[];
        })[])
          w.__longFrames.push({
            start: e.startTime,
            scripts: (e.scripts ?? []).map((x) => [
              `${x.invoker} (${
                x.sourceURL
                  .split('/')
                  .pop()
                  ?.replace(/-[\w-]{8}\.js$/, '.js') ?? ''
              })`,
              x.duration,
            ]),
          });
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // not in this browser: the figure says so
    }
  });
}

/** What ran in the long frames between two moments: each script's invoker and bundle, summed. */
async function longFrameCauses(page: Page, from: number, to: number): Promise<string> {
  const frames = await page.evaluate(
    () =>
      (window as unknown as { __longFrames?: { start: number; scripts: [string, number][] }[] })
        .__longFrames ?? [],
  );
  const total = new Map<string, number>();
  for (const f of frames.filter((x) => x.start >= from && x.start <= to))
    for (const [what, ms] of f.scripts) total.set(what, (total.get(what) ?? 0) + ms);
  const top = [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
  return top.length === 0
    ? 'no long animation frames with scripts'
    : top.map(([what, ms]) => `${what} ${ms.toFixed(0)} ms`).join('; ');
}

/**
 * A sweep of 20 points x 5 seeds of an example at 120 simulated seconds, in the browser's worker
 * pool (hardware threads less one) and with npm run sweep: wall time of each, the page's long
 * tasks while the sweep ran (count over 50 ms, the longest) with what ran in the long frames, and
 * the long tasks of opening one point's run afterwards.
 */
test('a sweep of 20 points x 5 seeds at 120 simulated seconds: wall time and long tasks', async ({
  page,
}) => {
  test.setTimeout(900_000);
  const doc = example('broker-failure', 120);
  const spec = {
    kind: 'sweep',
    axes: [
      {
        setting: 'producers[checkout].rate.recordsPerSec',
        values: { kind: 'range', from: 2000, to: 40000, steps: 20, scale: 'linear' },
      },
    ],
    seeds: 5,
    warmupSec: 10,
    durationSec: 120,
    metrics: ['throughput', 'p99', 'maxLagRecords'],
  };
  const run = new RunPage(page);
  await run.prepare(doc);
  await recordLongFrames(page);
  const sweep = new SweepPage(page);
  await sweep.goto(linkHash(doc, spec));
  await expect(sweep.linkNote).toContainText('ready to run');
  const workers = await page.evaluate(() => Math.max(1, (navigator.hardwareConcurrency || 2) - 1));
  const started = await run.pageTime();
  await sweep.run.click();
  expect(await sweep.finished(880_000)).toBe('done');
  // The last redraw of the charts and table belongs to the sweep too.
  await page.waitForTimeout(1000);
  const ended = await run.pageTime();
  await expect(sweep.progress).toContainText('100 of 100 runs');
  console.log(
    `FIGURE sweep-20x5-browser: 100 runs of 120 s in ${((ended - started) / 1000).toFixed(1)} s wall with ${workers} worker(s)`,
  );
  console.log(longTaskFigure('sweep-20x5-browser', await run.longTasksSince(started), ended - started));
  console.log(`FIGURE sweep-20x5-browser-causes: ${await longFrameCauses(page, started, ended)}`);

  // A click on a point: the run joins the Runs tab and opens with its charts.
  const opening = await run.pageTime();
  await sweep.charts.first().locator('.sweep-point').nth(10).click();
  await expect(run.status).toHaveText('Finished');
  await page.getByTestId('results-tab-charts').click();
  await expect(run.linePaths('throughput').first()).toBeAttached();
  await page.waitForTimeout(1000);
  const opened = await run.pageTime();
  console.log(longTaskFigure('sweep-open-point', await run.longTasksSince(opening), opened - opening));

  const dir = mkdtempSync(join(tmpdir(), 'sweep-figure-'));
  const file = join(dir, 'doc.json');
  writeFileSync(file, JSON.stringify(doc));
  const cliStarted = Date.now();
  execFileSync(
    'npx',
    [
      'tsx',
      'src/cli/sweep.ts',
      file,
      '--set',
      'producers[checkout].rate.recordsPerSec=2000..40000:20',
      '--seeds',
      '5',
      '--warmup',
      '10',
      '--duration',
      '120',
      '--metric',
      'throughput,p99,maxLagRecords',
    ],
    { stdio: 'ignore' },
  );
  console.log(
    `FIGURE sweep-20x5-cli: the same sweep with npm run sweep (its default jobs) in ${((Date.now() - cliStarted) / 1000).toFixed(1)} s wall`,
  );
});
