// Page object for lessons: the Learn dialog (the course list and the teacher's form), the lesson
// panel, and the inspector's locked fields.
import { expect, type Locator, type Page } from '@playwright/test';

export const PROGRESS_KEY = 'streamlab.lessons.progress.v1';

export class LessonsPage {
  readonly learnButton: Locator;
  readonly courseDialog: Locator;
  readonly panel: Locator;
  readonly inspector: Locator;
  readonly verdict: Locator;
  readonly notice: Locator;
  readonly teacherDialog: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.learnButton = page.getByTestId('learn-open');
    this.courseDialog = page.getByTestId('course-dialog');
    this.panel = page.getByTestId('lesson-panel');
    this.inspector = page.getByTestId('inspector');
    this.verdict = page.getByTestId('lesson-verdict');
    this.notice = page.getByTestId('notice-text');
    this.teacherDialog = page.getByTestId('teacher-dialog');
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.page.getByTestId('app-title').waitFor();
  }

  async openCourse(): Promise<void> {
    await this.learnButton.click();
    await expect(this.courseDialog).toBeVisible();
    await expect(this.courseDialog.getByTestId('course-progress')).toBeVisible();
  }

  status(id: string): Locator {
    return this.courseDialog.getByTestId(`course-status-${id}`);
  }

  async openLesson(id: string): Promise<void> {
    await this.openCourse();
    await this.courseDialog.getByTestId(`course-open-${id}`).click();
    await expect(this.courseDialog).toBeHidden();
    await expect(this.panel).toBeVisible();
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  field(name: string): Locator {
    return this.inspector.getByTestId(`field-${name}`);
  }

  async select(id: string): Promise<void> {
    // On the node's head: a Spark job's middle may be one of its stages.
    await this.node(id).click({ position: { x: 8, y: 6 } });
    await expect(this.inspector.getByTestId(`inspector-${id}`)).toBeVisible();
  }

  /** Sets a field in the inspector as a person types it. */
  async setField(name: string, value: string): Promise<void> {
    const field = this.field(name);
    await field.fill(value);
    await field.blur();
  }

  /** Presses Check goal and waits for the verdict (the runs happen in a worker). */
  async checkGoal(): Promise<string> {
    await this.panel.getByTestId('lesson-check').click();
    await expect(this.verdict).toBeVisible({ timeout: 120_000 });
    return (await this.verdict.getAttribute('data-verdict')) ?? '';
  }

  condition(i: number): Locator {
    return this.panel.getByTestId(`lesson-condition-${i}`);
  }

  /**
   * Opens an example and the teacher's form on it, and fills the form's fields by their test id
   * without the `teacher-` prefix (`{ title: 'Spread the hot keys', hints: '...' }`).
   */
  async writeLesson(example: string, fields: Record<string, string>): Promise<Locator> {
    await this.page.getByTestId('menu-examples').click();
    await this.page.getByTestId(`example-${example}`).click();
    await this.openCourse();
    await this.courseDialog.getByTestId('course-make-lesson').click();
    for (const [name, value] of Object.entries(fields)) {
      await this.teacherDialog.getByTestId(`teacher-${name}`).fill(value);
    }
    return this.teacherDialog;
  }
}
