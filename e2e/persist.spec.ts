// Keeping and sharing work: examples, share links (good, broken and hostile), autosave across
// reloads, files in and out, offline use, and the menu's accessibility.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AUTOSAVE_KEY, PersistPage } from './pages/PersistPage';

mkdirSync('test-results/screenshots', { recursive: true });

interface ExampleFile {
  name: string;
  description: string;
  run: { seed: number; durationSec: number };
}
const EXAMPLE_IDS = readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));
const example = (id: string) => JSON.parse(readFileSync(`examples/${id}.json`, 'utf8')) as ExampleFile;
const IOT = 'iot-sensor-monitoring';
const PAYMENTS = 'payments-fraud-detection';

/** A share link made here with Node's zlib, independently of the app's encoder. */
function handMadeHash(document: unknown): string {
  return `#v1.${deflateRawSync(Buffer.from(JSON.stringify(document))).toString('base64url')}`;
}

async function expectNoSeriousA11yIssues(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test('every example opens from the menu and shows its name', async ({ page }) => {
  const app = new PersistPage(page);
  await app.goto();
  await app.examplesButton.click();
  for (const id of EXAMPLE_IDS) await expect(app.exampleItem(id)).toContainText(example(id).name);
  await expect(app.exampleItem([...EXAMPLE_IDS].sort()[0] ?? '')).toBeFocused(); // the first item
  await app.screenshot('examples-menu');
  await expectNoSeriousA11yIssues(page, '.document-menu');
  await page.keyboard.press('Escape');
  await expect(app.exampleItem(IOT)).toBeHidden();
  await expect(app.examplesButton).toBeFocused();

  for (const id of EXAMPLE_IDS) {
    await app.openExample(id);
    await expect(app.docName).toHaveText(example(id).name);
  }
  await app.screenshot('example-opened');
  expect(app.pageErrors).toEqual([]);
});

test('the Examples menu works from the keyboard alone', async ({ page }) => {
  const app = new PersistPage(page);
  await app.goto();
  await app.examplesButton.focus();
  await page.keyboard.press('Enter');
  const ids = [...EXAMPLE_IDS].sort();
  await expect(app.exampleItem(ids[0] ?? '')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(app.exampleItem(ids[1] ?? '')).toBeFocused();
  await page.keyboard.press('End');
  await expect(app.exampleItem(ids[ids.length - 1] ?? '')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // wraps to the top
  await expect(app.exampleItem(ids[0] ?? '')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.docName).toHaveText(example(ids[0] ?? '').name);
});

test('a copied link opens the same pipeline in a fresh browser', async ({ browser, baseURL }) => {
  const sender = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], baseURL });
  const app = new PersistPage(await sender.newPage());
  await app.goto();
  await app.openExample(PAYMENTS);
  await expect(app.docName).toHaveText(example(PAYMENTS).name);
  const link = await app.copyLink();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/#v1\.[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(2000);
  await expect(app.noticeText).toContainText(`seed ${example(PAYMENTS).run.seed}`);
  await app.screenshot('link-copied');

  // A new context has its own empty storage: only the link can bring the pipeline there.
  const receiver = await browser.newContext({ baseURL });
  const other = new PersistPage(await receiver.newPage());
  await other.goto(link);
  await expect(other.docName).toHaveText(example(PAYMENTS).name);
  await expect(other.noticeText).toContainText('from a link');
  // The link is forgotten once read, so a reload brings back the autosave rather than the link.
  await expect.poll(() => new URL(other.page.url()).hash).toBe('');
  await other.screenshot('link-opened');
  await sender.close();
  await receiver.close();
});

test('a refused clipboard shows the link to copy by hand', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  const app = new PersistPage(page);
  await app.goto();
  await app.copyLinkButton.click();
  await expect(app.shareLinkField).toBeVisible();
  await expect(app.shareLinkField).toBeFocused();
  expect(await app.shareLinkField.inputValue()).toMatch(/#v1\.[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('dialog', { name: 'Share link' })).toContainText('did not let Streamlab copy');
  await app.screenshot('link-fallback');
  await expectNoSeriousA11yIssues(page, '.document-menu');
  await page.keyboard.press('Escape');
  await expect(app.shareLinkField).toBeHidden();
});

test('a broken link shows the error and keeps the previous document', async ({ page }) => {
  const app = new PersistPage(page);
  await app.goto();
  await app.openExample(IOT);
  await expect(app.docName).toHaveText(example(IOT).name);

  const broken: [string, string][] = [
    ['#v1.AAAAbroken', 'Could not open the link'],
    ['#v1.<script>alert(1)</script>', 'characters that do not belong'],
    ['#v7.AAAA', 'newer Streamlab'],
    [handMadeHash({ version: 1, cluster: { brokers: [] } }), 'cluster.brokers'],
  ];
  for (const [hash, message] of broken) {
    await app.navigateToHash(hash);
    await expect(app.noticeText).toContainText(message);
    await expect(app.docName).toHaveText(example(IOT).name);
  }
  await app.screenshot('broken-link');

  // At startup too: the autosaved work stays and the error is shown.
  await app.goto('/#v1.truncated');
  await expect(app.noticeText).toContainText('Could not open the link');
  await expect(app.docName).toHaveText(example(IOT).name);
  expect(app.pageErrors).toEqual([]);
});

test('markup in a linked name is shown as text and never runs', async ({ page }) => {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const app = new PersistPage(page);
  await app.goto(`/${handMadeHash({ version: 1, name: hostile, cluster: { brokers: [{ id: 'b1' }] } })}`);
  await expect(app.docName).toHaveText(hostile);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a reload keeps the work', async ({ page }) => {
  const app = new PersistPage(page);
  await app.goto();
  await app.openExample(IOT);
  await expect(app.docName).toHaveText(example(IOT).name);
  // No waiting for the autosave delay: leaving the page writes what is pending.
  await page.reload();
  await expect(app.docName).toHaveText(example(IOT).name);
  expect(JSON.parse((await app.autosavedText()) ?? '{}')).toMatchObject({ name: example(IOT).name });

  // Undo brings back what was there before the example (the empty pipeline), and that is kept too.
  await app.newButton.click();
  await expect(app.docName).toHaveText('Untitled pipeline');
  await page.reload();
  await expect(app.docName).toHaveText('Untitled pipeline');
});

test('a plain document seeded in storage is restored, a corrupted one is kept aside', async ({ page }) => {
  await page.addInitScript((key) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem(key, '{"version":1,"name":"Seeded by hand","cluster":{"brokers":[{"id":"b1"}]}}');
  }, AUTOSAVE_KEY);
  const app = new PersistPage(page);
  await app.goto();
  await expect(app.docName).toHaveText('Seeded by hand');

  await page.evaluate((key) => localStorage.setItem(key, '{"version":1, "cluster": oops'), AUTOSAVE_KEY);
  await page.reload();
  await expect(app.noticeText).toContainText('could not be read');
  await expect(app.docName).toHaveText('Untitled pipeline');
  expect(await page.evaluate(() => localStorage.getItem('streamlab.autosave.v1.unreadable'))).toBe(
    '{"version":1, "cluster": oops',
  );
  await app.screenshot('corrupted-autosave');
});

test('files: save, open, and a clear message for a bad one', async ({ page }) => {
  const app = new PersistPage(page);
  await app.goto();
  await app.openExample(PAYMENTS);
  const downloading = page.waitForEvent('download');
  await app.saveButton.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('payments-fraud-detection.json');
  const saved = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as ExampleFile;
  expect(saved.name).toBe(example(PAYMENTS).name);
  expect(saved.run).toEqual(example(PAYMENTS).run);

  await app.newButton.click();
  const choosing = page.waitForEvent('filechooser');
  await app.openButton.click();
  await (
    await choosing
  ).setFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(saved)),
  });
  await expect(app.docName).toHaveText(example(PAYMENTS).name);

  const choosingBad = page.waitForEvent('filechooser');
  await app.openButton.click();
  await (
    await choosingBad
  ).setFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      '{"version":1,"cluster":{"brokers":[{"id":"b"}]},"topics":[{"id":"t","partitions":0}]}',
    ),
  });
  await expect(app.noticeText).toContainText('Could not open bad.json: topics[0] ("t").partitions');
  await expect(app.docName).toHaveText(example(PAYMENTS).name);
  await app.screenshot('bad-file');
});

test('Export PNG gives a picture of the canvas', async ({ page }) => {
  const app = new PersistPage(page);
  await app.goto();
  await app.openExample(IOT);
  // Wait for the example's nodes to be drawn: the picture is taken from the canvas.
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const downloading = page.waitForEvent('download');
  await app.exportMenuButton.click();
  await app.exportPngButton.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await download.path()) ?? '');
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await download.saveAs('test-results/screenshots/persist-exported-canvas.png'); // to look at
});

test('works offline once loaded', async ({ page, context }) => {
  const app = new PersistPage(page);
  const external: string[] = [];
  page.on('request', (req) => {
    const host = new URL(req.url()).hostname;
    if (!['localhost', '127.0.0.1'].includes(host) && req.url().startsWith('http')) external.push(req.url());
  });
  await app.goto();
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  await app.openExample(PAYMENTS);
  await expect(app.docName).toHaveText(example(PAYMENTS).name);
  await app.openExample(IOT);
  await expect(app.docName).toHaveText(example(IOT).name);
  await context.setOffline(false);
  expect(external).toEqual([]);
});
