// Page object for running a pipeline: the run controls in the top bar, the totals and the charts.
// It can put a document into autosave before the app loads and watch the main thread for long tasks.
import { expect, type Locator, type Page } from '@playwright/test';

export const AUTOSAVE_KEY = 'streamlab.autosave.v1';

/** `consumed-<reader id>`: what one consumer group or Spark job consumed (readers are not summed). */
export type TotalName =
  'produced' | 'acknowledged' | `consumed-${string}` | 'in-flight' | 'refused' | 'dropped';

declare global {
  interface Window {
    __longTasks?: { start: number; duration: number }[];
  }
}

export class RunPage {
  readonly play: Locator;
  readonly pause: Locator;
  readonly step: Locator;
  readonly reset: Locator;
  readonly speed: Locator;
  readonly clock: Locator;
  readonly status: Locator;
  readonly noticeText: Locator;
  readonly downloadCsv: Locator;
  readonly chartsEmpty: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.play = page.getByTestId('run-play');
    this.pause = page.getByTestId('run-pause');
    this.step = page.getByTestId('run-step');
    this.reset = page.getByTestId('run-reset');
    this.speed = page.getByTestId('run-speed');
    this.clock = page.getByTestId('run-clock');
    this.status = page.getByTestId('run-status');
    this.noticeText = page.getByTestId('notice-text');
    this.downloadCsv = page.getByTestId('download-csv');
    this.chartsEmpty = page.getByTestId('charts-empty');
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
  }

  /** Makes the app start with `doc` (as if autosaved) and records long tasks from the first paint. */
  async prepare(doc: unknown): Promise<void> {
    await this.page.addInitScript(
      ([key, text]) => {
        window.localStorage.setItem(key, text);
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries())
            window.__longTasks!.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      },
      [AUTOSAVE_KEY, JSON.stringify(doc)] as const,
    );
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.clock.waitFor();
  }

  total(name: TotalName): Locator {
    return this.page.getByTestId(`total-${name}`);
  }

  async totalValue(name: TotalName): Promise<number> {
    return Number(await this.total(name).getAttribute('data-value'));
  }

  async simMs(): Promise<number> {
    return Number(await this.clock.getAttribute('data-sim-ms'));
  }

  /** A field of the inspector, by its label (the canvas owner's page object has the rest). */
  setting(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  chart(id: string): Locator {
    return this.page.getByTestId(`chart-${id}`);
  }

  /** Drawn line paths of a chart (`d` starts with a move once a line has points): Recharts puts
   * them inside the line's group, the custom SVG renderer on the path itself. A flat line has
   * no height, so tests check these are attached rather than visible. */
  linePaths(id: string): Locator {
    return this.chart(id).locator('.chart-line path[d^="M"], path.chart-line[d^="M"]');
  }

  async setSpeed(speed: '1' | '10' | '100' | 'max'): Promise<void> {
    await this.speed.selectOption(speed);
  }

  /** The page's clock now, to tell long tasks before and after a moment apart. */
  async pageTime(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }

  async longTasksSince(start: number): Promise<{ start: number; duration: number }[]> {
    return this.page.evaluate((t) => (window.__longTasks ?? []).filter((x) => x.start >= t), start);
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }

  /**
   * Plays at `speed` and pauses as soon as the clock passes `atMs`: the page watches the clock at
   * every animation frame and presses pause itself. At a paced speed the worker never runs ahead of
   * the pace, so the run stops within about a frame's worth of simulated time (10x: ~1 s). At max
   * speed it cannot be stopped so closely: a cheap stretch (an outage) is simulated in slices of up
   * to a minute.
   */
  async playUntil(atMs: number, speed: '10' | '100' | 'max' = '10'): Promise<void> {
    await this.speed.selectOption(speed);
    await this.play.click();
    await this.page.waitForFunction(
      (at) => {
        const clock = document.querySelector('[data-testid="run-clock"]');
        if (Number(clock?.getAttribute('data-sim-ms') ?? 0) < at) return false;
        (document.querySelector('[data-testid="run-pause"]') as HTMLButtonElement | null)?.click();
        return true;
      },
      atMs,
      { polling: 'raf', timeout: 60_000 },
    );
    await expect(this.status).toHaveAttribute('data-status', 'paused');
  }
}
