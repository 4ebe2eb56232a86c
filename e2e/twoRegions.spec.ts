// Two regions with MirrorMaker 2, from the canvas: the two-regions-mirrormaker example. The strip
// under the canvas labels each cluster with its region and the topics say where they live; the
// MirrorMaker 2 node opens its settings and the link between the regions in the inspector (a link
// of 0 bandwidth is refused, naming the field); during the run the node and the inspector show the
// mirror lag in records and seconds, and after the region failover at 150 s the inspector says
// where the group resumed, how much it processes twice and how much never crossed.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage';

mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1280, height: 800 } });

test('MirrorMaker 2 mirrors across regions, shows its lag, and a region failover reprocesses since the checkpoint', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const cluster = new ClusterPage(page);
  await cluster.goto();
  await cluster.openExample('two-regions-mirrormaker');
  await expect(page.getByTestId('cluster-group-east')).toHaveText('east · us-east');
  await expect(page.getByTestId('cluster-group-west')).toHaveText('west · eu-west');
  await expect(page.getByTestId('node-east.orders')).toContainText('Topic · west (eu-west)');
  await expect(page.getByTestId('node-mm2')).toContainText('east → west');

  // The inspector: MM2's own settings under Kafka's names, and the link between the regions.
  await page.getByTestId('node-mm2').click();
  const inspector = page.getByTestId('inspector-mm2');
  await expect(inspector.getByTestId('field-tasks.max')).toHaveValue('1');
  await expect(inspector.getByTestId('field-emit.checkpoints.interval.seconds')).toHaveValue('60');
  await expect(inspector.getByTestId('field-link.bandwidthMBps')).toHaveValue('100');
  await inspector.getByTestId('field-link.bandwidthMBps').fill('0');
  await inspector.getByTestId('field-link.latencyMs').focus();
  await expect(inspector.getByTestId('link-error')).toContainText('bandwidthMBps');
  await expect(inspector.getByTestId('link-error')).toContainText('0 bandwidth');
  await page.screenshot({ path: 'test-results/screenshots/two-regions-inspector.png' });
  // Nothing of the document changed; a valid value clears the message.
  await inspector.getByTestId('field-link.bandwidthMBps').fill('100');
  await inspector.getByTestId('field-link.latencyMs').focus();
  await expect(inspector.getByTestId('link-error')).toHaveCount(0);

  // Mirroring: the lag stays at a few thousand records, a fraction of a second.
  await cluster.open();
  await cluster.runUntil(60_000, '100');
  await page.getByTestId('node-mm2').click();
  await expect(page.getByTestId('mirror-panel-mm2')).toBeVisible();
  // compact figures: "4.1k", never millions.
  await expect(page.getByTestId('mirror-lag-records')).toHaveText(/^\d+(\.\d+)?k?$/);
  await expect(page.getByTestId('mirror-lag-sec')).toHaveText(/^0\.\d\d s$/);
  await expect(page.getByTestId('mirror-lag-mm2')).toContainText('lag');
  await page.screenshot({ path: 'test-results/screenshots/two-regions-mirroring.png' });

  // The region failover at 150 s: the group resumes on the mirror from the 120 s checkpoint.
  await page.getByTestId('run-speed').selectOption('max');
  await page.getByTestId('run-play').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished', {
    timeout: 120_000,
  });
  const failover = page.getByTestId('failover-order-processor');
  await expect(failover).toContainText('order-processor@west');
  // The group's node carries on with the group on the mirror, and says where it reads now.
  await expect(page.getByTestId('live-failover-order-processor')).toHaveText('@west');
  await expect(failover).toContainText('the checkpoint of 120 s');
  await expect(failover).toContainText('processed twice');
  await expect(page.getByTestId('mirror-failover')).toContainText('never reach the other region');
  await expect(page.getByTestId('mirror-lag-mm2')).toContainText('source lost');
  // After the loss the lag shown is the one before it (a fraction of a second); what never
  // crossed is told apart, its age named as the time since the loss.
  await expect(page.getByTestId('mirror-lag-sec')).toHaveText(/^0\.\d\d s$/);
  await expect(page.getByTestId('mirror-stranded')).toContainText('not a mirror lag');
  // The Throughput chart names what Produced and Acknowledged include and draws mm2's copies.
  await expect(page.getByTestId('chart-throughput')).toContainText('MirrorMaker 2’s copies included');
  await expect(page.getByTestId('chart-throughput')).toContainText('Copied by mm2');
  // The Cluster tab has the same figures in its MirrorMaker 2 table.
  await expect(page.getByTestId('mirror-row-mm2')).toContainText('never crossed');
  await expect(page.getByTestId('mirror-row-mm2')).toContainText('order-processor');
  await page.screenshot({ path: 'test-results/screenshots/two-regions-failover.png' });
  await page.getByTestId('mirror-failover').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/two-regions-failover-inspector.png' });
  expect(cluster.pageErrors).toEqual([]);
});
