// Page object for the designer's canvas: the palette, nodes and handles, the toolbar, the inspector
// fields and the notice banner. Tests speak in node ids and field names, never in CSS.
import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

export const SCREENSHOT_DIR = 'test-results/screenshots';

export type ToolbarButton = 'undo' | 'redo' | 'delete' | 'duplicate' | 'fit' | 'autolayout';

export class CanvasPage {
  readonly pane: Locator;
  readonly inspector: Locator;
  readonly noticeText: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.pane = page.locator('.sl-flow .react-flow__pane');
    this.inspector = page.getByTestId('inspector');
    this.noticeText = page.getByTestId('notice-text');
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByTestId('canvas').waitFor();
    await this.pane.waitFor();
  }

  paletteItem(key: string): Locator {
    return this.page.getByTestId(`palette-${key}`);
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  field(name: string): Locator {
    return this.inspector.getByTestId(`field-${name}`);
  }

  fieldError(name: string): Locator {
    return this.inspector.getByTestId(`field-error-${name}`);
  }

  button(name: ToolbarButton): Locator {
    return this.page.getByTestId(`canvas-${name}`);
  }

  /** Drags a palette item onto the canvas (HTML5 drag and drop) at a point relative to the pane. */
  async dragFromPalette(key: string, at: { x: number; y: number }): Promise<void> {
    await this.paletteItem(key).dragTo(this.pane, { targetPosition: at });
  }

  /** Drags a palette item onto a node (a stage onto a Spark job). */
  async dragOntoNode(key: string, nodeId: string): Promise<void> {
    const box = await this.node(nodeId).boundingBox();
    if (!box) throw new Error(`node ${nodeId} is not on screen`);
    await this.paletteItem(key).dragTo(this.node(nodeId), {
      targetPosition: { x: box.width - 20, y: box.height - 20 },
    });
  }

  /** Drags from `from`'s output handle to `to`'s input handle with the mouse, like a person would. */
  async connect(from: string, to: string): Promise<void> {
    const source = this.node(from).locator('.react-flow__handle.source');
    const target = this.node(to).locator('.react-flow__handle.target');
    const a = await source.boundingBox();
    const b = await target.boundingBox();
    if (!a || !b) throw new Error(`handles of ${from} -> ${to} are not on screen`);
    const mouse = this.page.mouse;
    await mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await mouse.down();
    await mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await mouse.up();
  }

  edge(from: string, to: string): Locator {
    return this.page.locator(`.react-flow__edge[data-id="${from}->${to}"]`);
  }

  /** A node's position in flow coordinates (what the document stores), independent of pan and zoom. */
  async flowPosition(id: string): Promise<{ x: number; y: number }> {
    const transform = await this.node(id).evaluate((el) => (el as HTMLElement).style.transform);
    const match = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
    if (!match) throw new Error(`node ${id} has no position (transform "${transform}")`);
    return { x: Number(match[1]), y: Number(match[2]) };
  }

  async select(id: string): Promise<void> {
    // Near the top-left corner, on the node's own head: a Spark job's middle may be one of its
    // stage nodes, which would take the click (and where the stages sit depends on the zoom).
    await this.node(id).click({ position: { x: 8, y: 6 } });
    await expect(this.inspector.getByTestId(`inspector-${id}`)).toBeVisible();
  }

  /** Moves a node by dragging it with the mouse. */
  async dragNode(id: string, by: { x: number; y: number }): Promise<void> {
    const box = await this.node(id).boundingBox();
    if (!box) throw new Error(`node ${id} is not on screen`);
    const x = box.x + 30;
    const y = box.y + 12;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + by.x / 2, y + by.y / 2, { steps: 5 });
    await this.page.mouse.move(x + by.x, y + by.y, { steps: 5 });
    await this.page.mouse.up();
  }

  /**
   * Builds producer -> topic -> Spark job (with a map stage) -> database sink from an empty canvas:
   * one row across the top of the pane, clear of the zoom controls and the minimap, wired by handles.
   */
  async buildPipeline(): Promise<void> {
    await this.dragFromPalette('producer', { x: 110, y: 70 });
    await this.dragFromPalette('topic', { x: 330, y: 70 });
    await this.dragFromPalette('kafkaSource', { x: 565, y: 70 });
    await this.dragFromPalette('sink-database', { x: 840, y: 70 });
    await this.dragOntoNode('map', 'spark-job-1');
    await this.connect('producer-1', 'topic-1');
    await this.connect('topic-1', 'spark-job-1');
    await this.connect('spark-job-1', 'sink-1');
  }

  async fitView(): Promise<void> {
    await this.button('fit').click();
    // The fit animates for 200 ms; let it settle before reading positions.
    await this.page.waitForTimeout(350);
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: `${SCREENSHOT_DIR}/canvas-${name}.png` });
  }
}
