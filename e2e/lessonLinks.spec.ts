// Lesson links when the browser refuses the clipboard: the open lesson's panel and the teacher's
// form both show the link in a field to copy by hand (one component, LinkToCopy); with the
// clipboard allowed the panel says it copied and shows no field.
import { expect, test, type Page } from '@playwright/test';
import { LessonsPage } from './pages/LessonsPage';

const BY_HAND = 'The browser did not let Streamlab copy it; here it is to copy by hand:';

async function refuseClipboard(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
}

test('a refused clipboard shows the open lesson’s link to copy by hand', async ({ page }) => {
  await refuseClipboard(page);
  const app = new LessonsPage(page);
  await app.goto();
  await app.openLesson('partitions');
  await app.panel.getByTestId('lesson-copy-link').click();
  const lessonField = app.panel.getByTestId('lesson-link-field');
  await expect(lessonField).toBeVisible();
  expect(await lessonField.inputValue()).toMatch(/#lesson=partitions$/);
  await expect(app.panel.locator('.lesson-link-field')).toContainText(BY_HAND);
  await expect(app.panel).not.toContainText('Copied.');
  expect(app.pageErrors).toEqual([]);
});

test('a refused clipboard shows the teacher’s lesson link to copy by hand', async ({ page }) => {
  await refuseClipboard(page);
  const app = new LessonsPage(page);
  await app.goto();
  const form = await app.writeLesson('hot-key-skew', {
    title: 'Spread the hot keys',
    concepts: 'partitions, skew',
    summary: 'Nothing is lost while the checkout is busy.',
    hints: 'Look at the busiest partition.',
    'solution-why': 'More partitions share the load.',
  });
  await expect(form.getByTestId('teacher-ok')).toBeVisible();
  await form.getByTestId('teacher-copy-link').click();
  const teacherField = form.getByTestId('teacher-link-field');
  await expect(teacherField).toBeVisible();
  expect(await teacherField.inputValue()).toMatch(/#v1\.[A-Za-z0-9_-]+\.l1\.[A-Za-z0-9_-]+$/);
  await expect(form.locator('.lesson-link-field')).toContainText(BY_HAND);
  await expect(form.getByTestId('teacher-done')).toBeHidden();
  expect(app.pageErrors).toEqual([]);
});

test('an allowed clipboard copies the lesson link without the field', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, permissions: ['clipboard-read', 'clipboard-write'] });
  const app = new LessonsPage(await context.newPage());
  await app.goto();
  await app.openLesson('partitions');
  await app.panel.getByTestId('lesson-copy-link').click();
  await expect(app.panel).toContainText('Copied.');
  await expect(app.panel.getByTestId('lesson-link-field')).toBeHidden();
  expect(await app.page.evaluate(() => navigator.clipboard.readText())).toMatch(/#lesson=partitions$/);
  await context.close();
});
