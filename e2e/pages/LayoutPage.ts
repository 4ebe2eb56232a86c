// Page object for the workspace's layout: the resizable panes, their dividers and collapse buttons,
// and the results tabs. Geometry comes from bounding boxes, as a person would see it on screen.
import type { Locator, Page } from '@playwright/test';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class LayoutPage {
  readonly canvasArea: Locator;
  readonly flowNodes: Locator;
  readonly results: Locator;
  readonly firstChart: Locator;
  readonly palette: Locator;
  readonly inspector: Locator;
  readonly rowDivider: Locator;

  constructor(readonly page: Page) {
    this.canvasArea = page.locator('main.canvas-area');
    this.flowNodes = page.locator('.react-flow__node');
    this.results = page.locator('section.results-area');
    this.firstChart = page.locator('[data-testid="charts"] figure').first();
    this.palette = page.getByRole('complementary', { name: 'Palette' });
    this.inspector = page.getByRole('complementary', { name: 'Inspector' });
    this.rowDivider = page.getByRole('separator', { name: 'Resize the canvas and the results' });
  }

  tab(id: 'charts' | 'faults' | 'cluster' | 'check'): Locator {
    return this.page.getByTestId(`results-tab-${id}`);
  }

  async box(locator: Locator): Promise<Box> {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element not on screen');
    return box;
  }

  async viewportHeight(): Promise<number> {
    return this.page.evaluate(() => window.innerHeight);
  }

  /** How many of the pipeline's nodes lie wholly inside the window. */
  async nodesInView(): Promise<number> {
    return this.page.evaluate(() => {
      const w = window.innerWidth;
      const h = window.innerHeight;
      return [...document.querySelectorAll('.react-flow__node')].filter((n) => {
        const r = n.getBoundingClientRect();
        return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= w && r.bottom <= h;
      }).length;
    });
  }
}
