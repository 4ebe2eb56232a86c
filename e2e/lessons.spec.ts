// Lessons: a newcomer opens the course, completes two lessons in the browser (edit, check, goal met),
// reloads and finds the progress; locked settings are disabled and edits of them refused; a teacher
// makes a lesson from an example, copies its link, and it opens elsewhere with its goal. Broken lesson
// links are named and leave the user's pipeline alone.
import { deflateRawSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LessonsPage } from './pages/LessonsPage';
import { RunPage } from './pages/RunPage';

test('a newcomer completes the first two lessons and finds them done after a reload', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new LessonsPage(page);
  await app.goto();
  await app.openCourse();
  await expect(app.status('partitions')).toHaveText('Not started');
  await app.courseDialog.getByTestId('course-open-partitions').click();
  await expect(app.panel.getByTestId('lesson-title')).toHaveText('Records, topics and partitions');
  await expect(app.notice).toContainText('Leave lesson brings it back');

  // As it starts, the goal is missed, with the figures and the reasons.
  expect(await app.checkGoal()).toBe('missed');
  await expect(app.condition(0)).toHaveAttribute('data-met', 'false');
  await expect(app.condition(0)).toContainText('target ≤ 50 records/s');
  await expect(app.condition(0)).toContainText('A partition is read by one member only');

  // A locked setting is disabled with the lesson's reason; the allowed one carries its note.
  await app.select('orders');
  await expect(app.field('replicationFactor')).toBeDisabled();
  await expect(app.field('replicationFactor')).toHaveAttribute(
    'title',
    /Locked in this lesson: The order rate/,
  );
  await expect(app.inspector.getByTestId('inspector-lesson-note')).toContainText('The rest is locked');
  await expect(app.inspector.getByTestId('field-lesson-note-partitions')).toContainText('Try 2, 4 or 8');
  await app.setField('partitions', '4');
  await expect(app.node('orders')).toContainText('4 partitions');
  expect(await app.checkGoal()).toBe('met');
  await expect(app.verdict).toContainText('Goal met');
  for (const i of [0, 1, 2]) await expect(app.condition(i)).toHaveAttribute('data-met', 'true');

  // Lesson 2 from the verdict's Next button: keys.
  await app.panel.getByTestId('lesson-next').click();
  await expect(app.panel.getByTestId('lesson-title')).toHaveText('Keys and ordering');
  await app.select('warehouses');
  await expect(app.field('rate.recordsPerSec')).toBeDisabled();
  await app.setField('keys.count', '1000');
  expect(await app.checkGoal()).toBe('met');

  // The progress survives a reload; the open lesson comes back with the learner's edit.
  await page.reload();
  await expect(app.panel.getByTestId('lesson-title')).toHaveText('Keys and ordering');
  await expect(app.panel.getByTestId('lesson-status')).toHaveText('Goal met');
  await app.openCourse();
  await expect(app.status('partitions')).toHaveText('Goal met');
  await expect(app.status('keys')).toHaveText('Goal met');
  await expect(app.courseDialog.getByTestId('course-progress')).toContainText('2 of');
  expect(app.pageErrors).toEqual([]);
});

test('locked settings and structure are refused in a lesson; leaving brings the own pipeline back', async ({
  page,
}) => {
  const app = new LessonsPage(page);
  await app.goto();
  await page.getByTestId('menu-examples').click();
  await page.getByTestId('example-hot-key-skew').click();
  const ownName = await page.getByTestId('doc-name').textContent();

  await app.openLesson('partitions');
  await expect(page.getByTestId('doc-name')).not.toHaveText(ownName ?? '');
  // The pipeline check would hand over the answer (one partition for four members): it says that it
  // holds what it found back, and offers no fixes.
  await page.getByTestId('results-tab-check').click();
  await expect(page.getByTestId('check-lesson-held')).toContainText('left for you to find');
  await expect(page.locator('.sl-gap-fix')).toHaveCount(0);
  // Deleting a node is not part of this lesson: the buttons are off, the key is refused.
  await app.select('billing');
  await expect(app.inspector.getByTestId('inspector-delete')).toBeDisabled();
  await expect(page.getByTestId('canvas-delete')).toBeDisabled();
  await page.keyboard.press('Delete');
  await expect(app.notice).toContainText('keeps adding, removing or connecting nodes fixed');
  await expect(app.node('billing')).toBeVisible();
  await expect(app.field('members')).toBeDisabled();

  await app.panel.getByTestId('lesson-leave').click();
  await expect(app.panel).toBeHidden();
  await expect(page.getByTestId('doc-name')).toHaveText(ownName ?? '');
  await expect(page.getByTestId('palette-producer')).toBeVisible();
});

test('hints come one at a time, a wrong quiz answer gets a hint and another try, the solution needs a yes', async ({
  page,
}) => {
  const app = new LessonsPage(page);
  await app.goto('/#lesson=partitions');
  await expect(app.panel.getByTestId('lesson-title')).toHaveText('Records, topics and partitions');
  await expect(app.panel.getByTestId('lesson-hint-0')).toHaveCount(0);
  await app.panel.getByTestId('lesson-hint-next').click();
  await expect(app.panel.getByTestId('lesson-hint-0')).toBeVisible();
  await expect(app.panel.getByTestId('lesson-hint-1')).toHaveCount(0);
  // A wrong pick says "Not quite" with the question's hint and keeps the answer back for another try.
  await app.panel.getByTestId('lesson-option-0-0').click();
  await expect(app.panel.getByTestId('lesson-not-quite-0')).toContainText('Not quite');
  await expect(app.panel.getByTestId('lesson-quiz-hint-0')).toContainText('same partition');
  await expect(app.panel.getByTestId('lesson-answer-0')).toHaveCount(0);
  await expect(app.panel.getByTestId('lesson-option-0-1')).toBeDisabled();
  const axe = await new AxeBuilder({ page }).include('[data-testid="lesson-quiz"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await app.panel.getByTestId('lesson-try-again-0').click();
  await expect(app.panel.getByTestId('lesson-option-0-0')).toBeDisabled();
  await app.panel.getByTestId('lesson-option-0-1').click();
  await expect(app.panel.getByTestId('lesson-answer-0')).toContainText('Right.');
  // The second question: wrong, then the answer on request, without a right pick.
  await app.panel.getByTestId('lesson-option-1-0').click();
  await app.panel.getByTestId('lesson-show-answer-1').click();
  await expect(app.panel.getByTestId('lesson-answer-1')).toContainText(
    'The answer is “Within each partition”',
  );
  await expect(app.panel.getByTestId('lesson-answer-1')).not.toContainText('Right.');
  await app.panel.getByTestId('lesson-solution-show').click();
  await expect(app.node('orders')).toContainText('1 partition');
  await app.panel.getByTestId('lesson-solution-apply').click();
  await expect(app.node('orders')).toContainText('4 partitions');
  await expect(app.panel.getByTestId('lesson-solution')).toContainText('each member owns one');
});

test('Check goal puts the run it checked on the charts: the run Play makes of the same pipeline', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const app = new LessonsPage(page);
  const run = new RunPage(page);
  await app.goto('/#lesson=batching');
  await expect(app.panel.getByTestId('lesson-title')).toContainText('Batching');
  // The learner's own run of the lesson as it starts, to the end.
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  const ownProduced = await run.totalValue('produced');
  expect(ownProduced).toBeGreaterThan(0);

  // An edit clears the finished run; the check's run then fills the charts and totals.
  const linger = app.panel.getByTestId('lesson-setting-input-producers[agents].config.linger.ms');
  await linger.fill('5');
  await expect(run.chartsEmpty).toBeVisible();
  await expect(app.notice).toContainText('press Play');
  expect(await app.checkGoal()).toBe('met');
  await expect(run.chartsEmpty).toBeHidden();
  await expect(run.status).toHaveText('Finished');
  await expect(app.panel.getByTestId('lesson-charts-note')).toContainText('with seed 1');
  // The "press Play" notice was about the run the check replaced.
  await expect(page.getByTestId('notice-text').filter({ hasText: 'press Play' })).toHaveCount(0);
  await expect(run.linePaths('throughput').first()).toBeAttached();
  // The producer's produce requests of that run, over the whole run: 5 ms batches of ~12 records, six a request.
  await app.select('agents');
  await expect(app.inspector.getByTestId('produce-requests-agents')).toHaveAttribute('data-over', 'run');
  const perRequest = app.inspector.getByTestId('produce-records-per-request-agents');
  expect(Number(await perRequest.getAttribute('data-value'))).toBeGreaterThan(40);

  // Back to the start: the checked run of seed 1 is the very run Play made before.
  await linger.fill('0');
  await expect(run.chartsEmpty).toBeVisible();
  await expect(app.verdict).toContainText('changed the pipeline since this check');
  expect(await app.checkGoal()).toBe('missed');
  await expect(run.chartsEmpty).toBeHidden();
  expect(await run.totalValue('produced')).toBe(ownProduced);
  expect(app.pageErrors).toEqual([]);
});

test('the batching lesson: settings by their names, and the produce requests its first hint points at', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const app = new LessonsPage(page);
  const run = new RunPage(page);
  await app.goto('/#lesson=batching');
  // What the learner may change, by the inspector's names and the node; the path only in a tooltip.
  const settings = app.panel.getByTestId('lesson-settings');
  const linger = settings.getByTestId('lesson-setting-producers[agents].config.linger.ms');
  await expect(linger.locator('.lesson-setting-name')).toHaveText('linger.ms on agents');
  await expect(linger.locator('.lesson-setting-name')).toHaveAttribute(
    'title',
    'producers[agents].config.linger.ms',
  );
  await expect(settings).not.toContainText('producers[agents]');
  await app.panel.getByTestId('lesson-hint-next').click();
  await expect(app.panel.getByTestId('lesson-hint-0')).toContainText('Produce requests');

  // Where the hint points: the producer's inspector, filled in by a run.
  await app.select('agents');
  const requests = app.inspector.getByTestId('produce-requests-agents');
  await expect(requests).toContainText('Press ▶ Play');
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  const perRequest = app.inspector.getByTestId('produce-records-per-request-agents');
  const perSec = app.inspector.getByTestId('produce-requests-per-sec-agents');
  // 15,000 records a second with no linger: a few records a request, thousands of requests.
  const axe = await new AxeBuilder({ page }).include('[data-testid="produce-requests-agents"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const before = Number(await perRequest.getAttribute('data-value'));
  expect(before).toBeLessThan(10);
  expect(Number(await perSec.getAttribute('data-value'))).toBeGreaterThan(1500);

  // linger.ms = 5: about 2,500 x 0.005 = 12 records a partition, six partitions a request.
  await linger.getByRole('textbox').fill('5');
  await expect(requests).toContainText('Press ▶ Play');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  const after = Number(await perRequest.getAttribute('data-value'));
  expect(after).toBeGreaterThan(40);
  expect(after).toBeLessThan(120);
  expect(app.pageErrors).toEqual([]);
});

test('a teacher makes a lesson from an example and its link opens it with its goal', async ({
  browser,
  baseURL,
}) => {
  const teacherContext = await browser.newContext({
    baseURL,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const teacher = new LessonsPage(await teacherContext.newPage());
  await teacher.goto();
  await teacher.page.getByTestId('menu-examples').click();
  await teacher.page.getByTestId('example-hot-key-skew').click();
  await teacher.openCourse();
  await teacher.courseDialog.getByTestId('course-make-lesson').click();
  const form = teacher.teacherDialog;
  await expect(form).toBeVisible();
  await expect(form.getByTestId('teacher-errors')).toContainText('What it teaches');
  await expect(form.getByTestId('teacher-copy-link')).toBeDisabled();
  await form.getByTestId('teacher-title').fill('Spread the hot keys');
  await form.getByTestId('teacher-concepts').fill('partitions, skew');
  await form.getByTestId('teacher-summary').fill('Nothing is lost while the checkout is busy.');
  await form.getByTestId('teacher-hints').fill('Look at the busiest partition.');
  await form.getByTestId('teacher-solution-why').fill('More partitions share the load.');
  await expect(form.getByTestId('teacher-ok')).toBeVisible();
  await form.getByTestId('teacher-copy-link').click();
  await expect(form.getByTestId('teacher-done')).toContainText('Link copied');
  const link = await teacher.page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#v1\.[A-Za-z0-9_-]+\.l1\.[A-Za-z0-9_-]+$/);

  const learnerContext = await browser.newContext({ baseURL });
  const learner = new LessonsPage(await learnerContext.newPage());
  await learner.goto(link);
  await expect(learner.panel.getByTestId('lesson-title')).toHaveText('Spread the hot keys');
  await expect(learner.panel.getByTestId('lesson-goal')).toContainText('Lag stops growing');
  await expect(learner.panel).toContainText('Nothing is lost while the checkout is busy.');
  expect(learner.pageErrors).toEqual([]);
  await teacherContext.close();
  await learnerContext.close();
});

test('a downloaded lesson file loads as a course; a broken file is refused by field', async ({
  page,
}, testInfo) => {
  const app = new LessonsPage(page);
  await app.goto();
  await page.getByTestId('menu-examples').click();
  await page.getByTestId('example-hot-key-skew').click();
  await app.openCourse();
  await app.courseDialog.getByTestId('course-make-lesson').click();
  const form = app.teacherDialog;
  await form.getByTestId('teacher-title').fill('My own lesson');
  await form.getByTestId('teacher-id').fill('my-own-lesson');
  await form.getByTestId('teacher-concepts').fill('skew');
  await form.getByTestId('teacher-summary').fill('Keep up.');
  await form.getByTestId('teacher-hints').fill('Count the partitions.');
  await form.getByTestId('teacher-solution-why').fill('Because.');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    form.getByTestId('teacher-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('my-own-lesson.lesson.json');
  const file = testInfo.outputPath('my-own-lesson.lesson.json');
  await download.saveAs(file);
  await page.keyboard.press('Escape');

  await app.openCourse();
  await app.courseDialog.getByTestId('course-file-input').setInputFiles(file);
  await expect(app.courseDialog.getByTestId('course-file')).toContainText('My own lesson');
  await app.courseDialog.getByTestId('course-open-my-own-lesson').click();
  await expect(app.panel.getByTestId('lesson-title')).toHaveText('My own lesson');

  await app.openCourse();
  await app.courseDialog.getByTestId('course-file-input').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ format: 'streamlab-course', version: 1, title: 'C', lessons: [{ id: 'x' }] }),
    ),
  });
  await expect(app.courseDialog.getByTestId('course-file-errors')).toContainText('lessons[0] (x): format');
});

test('a broken lesson link is named and the pipeline on the canvas stays', async ({ page }) => {
  const app = new LessonsPage(page);
  await app.goto();
  await page.getByTestId('menu-examples').click();
  await page.getByTestId('example-hot-key-skew').click();
  const name = (await page.getByTestId('doc-name').textContent()) ?? '';

  await app.goto('/#lesson=no-such-lesson');
  await expect(app.notice).toContainText('There is no lesson "no-such-lesson"');
  await expect(page.getByTestId('doc-name')).toHaveText(name);

  // A lesson part that is valid JSON but not a valid lesson: the first field at fault is named.
  const doc = deflateRawSync(
    Buffer.from(JSON.stringify({ version: 1, cluster: { brokers: [{ id: 'b1' }] } })),
  ).toString('base64url');
  const lesson = deflateRawSync(
    Buffer.from(JSON.stringify({ format: 'streamlab-lesson', version: 1, id: 'Bad Id' })),
  ).toString('base64url');
  await app.goto(`/#v1.${doc}.l1.${lesson}`);
  await expect(app.notice).toContainText('The lesson in the link is not valid');
  await expect(app.notice).toContainText('id:');
  await expect(page.getByTestId('doc-name')).toHaveText(name);
  await expect(app.panel).toBeHidden();

  await app.goto(`/#v1.${doc}.l1.not-deflate`);
  await expect(app.notice).toContainText('The lesson in the link was not opened');
  await expect(page.getByTestId('doc-name')).toHaveText(name);
});
