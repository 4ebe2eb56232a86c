// A broker goes down as a lost host or a killed process: the fault form asks which, the timeline
// row says it, and the run differs (a killed process lets the producer fail fast).
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { FaultsPage } from './pages/FaultsPage';

mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1440, height: 1000 } });

test('plan a broker down as a killed process, and see it named so', async ({ page }) => {
  const faults = new FaultsPage(page);
  const doc = JSON.parse(readFileSync('examples/broker-failure.json', 'utf8')) as Record<string, unknown>;
  // The example's own fault names its mode: it opens as a lost host.
  await faults.startWith(doc);
  await faults.goto();
  await expect(faults.row(0)).toContainText('broker-1 down at 30 s, for 40 s (host lost)');

  await faults.add.click();
  await expect(faults.kind).toHaveValue('brokerDown');
  await expect(faults.field('How')).toHaveValue('hostLost');
  await faults.field('Broker').selectOption('broker-2');
  await faults.field('Starts at (s)').fill('80');
  await faults.field('How').selectOption('processKilled');
  await faults.field('Lasts (s)').fill('5');
  await faults.page.screenshot({ path: 'test-results/screenshots/broker-down-mode-form.png' });
  await faults.save.click();
  await expect(faults.row(1)).toContainText('broker-2 down at 80 s, for 5 s (process killed)');
  await faults.page.screenshot({ path: 'test-results/screenshots/broker-down-mode-rows.png' });
  expect(faults.pageErrors).toEqual([]);
});
