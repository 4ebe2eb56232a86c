// Page object for the pipeline check (the panel Play opens when a pipeline has gaps) and for reading
// how large node text is on screen at fit view. Tests speak in gap keys ("producer-unconnected:p")
// and sizes in screen pixels.
import { expect, type Locator, type Page } from '@playwright/test';

export interface TextSize {
  /** Smallest on-screen font size of any visible text in a node, in CSS pixels. */
  minPx: number;
  /** The text that has it, and the node it is in. */
  text: string;
  node: string;
  zoom: number;
  /** How many text elements were measured. */
  count: number;
}

export class CheckPage {
  readonly play: Locator;
  readonly panel: Locator;
  readonly runAnyway: Locator;
  readonly close: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.play = page.getByTestId('run-play');
    this.panel = page.getByTestId('run-check');
    this.runAnyway = page.getByTestId('check-run-anyway');
    this.close = page.getByTestId('check-close');
    this.status = page.getByTestId('run-status');
  }

  gap(key: string): Locator {
    return this.panel.getByTestId(`gap-${key}`);
  }

  gaps(): Locator {
    return this.panel.locator('.sl-gap');
  }

  async gapKeys(): Promise<string[]> {
    const ids = await this.gaps().evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace(/^gap-/, ''));
  }

  fix(key: string, index = 0): Locator {
    return this.panel.getByTestId(`fix-${key}-${index}`);
  }

  select(key: string): Locator {
    return this.panel.getByTestId(`select-${key}`);
  }

  /**
   * Sizes the canvas pane by CSS, whatever the page layout around it does: pinned under the top bar
   * at exactly width x height, over the side panels (as if they were narrowed).
   */
  async sizeCanvas(width: number, height: number): Promise<void> {
    await this.page.addStyleTag({
      content: `.canvas-area { position: fixed !important; left: 8px !important; top: 56px !important;
        width: ${width}px !important; height: ${height}px !important; z-index: 5 !important;
        background: var(--bg); outline: 1px solid var(--border); }`,
    });
  }

  /** Waits until the canvas stops moving (a fit animates), reading the viewport's transform. */
  async settle(): Promise<void> {
    let last = '';
    await expect
      .poll(
        async () => {
          const now = await this.page
            .locator('.sl-flow .react-flow__viewport')
            .evaluate((el) => getComputedStyle(el).transform);
          const same = now === last;
          last = now;
          return same;
        },
        { intervals: [150] },
      )
      .toBe(true);
  }

  /** The flow pane's own size (the canvas minus its toolbar and cluster strip). */
  async flowSize(): Promise<{ width: number; height: number }> {
    const box = await this.page.locator('.sl-flow').boundingBox();
    if (!box) throw new Error('no flow pane');
    return { width: Math.round(box.width), height: Math.round(box.height) };
  }

  /**
   * The smallest visible node text on screen: each element's computed font-size times the zoom of
   * the React Flow viewport (its transform's scale). Hidden elements (the other level of detail) are
   * skipped; so are texts for screen readers only.
   */
  async nodeTextSize(): Promise<TextSize> {
    return this.page.evaluate(() => {
      const viewport = document.querySelector<HTMLElement>('.sl-flow .react-flow__viewport');
      if (!viewport) throw new Error('no viewport');
      const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
      let best = { minPx: Infinity, text: '', node: '', zoom, count: 0 };
      const nodes = document.querySelectorAll<HTMLElement>('.sl-flow .react-flow__node');
      for (const node of nodes) {
        const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          const text = t.textContent?.trim() ?? '';
          const el = t.parentElement;
          if (!text || !el || el.closest('.visually-hidden')) continue;
          if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
          const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
          best.count += 1;
          if (px < best.minPx) best = { ...best, minPx: px, text, node: node.dataset.id ?? '' };
        }
      }
      return best;
    });
  }

  /**
   * Pairs of top-level nodes whose boxes overlap on screen, nodes the minimap or the zoom buttons
   * cover, text spilling out of its node, and names wrapped inside a word that fits the node.
   */
  async overlaps(): Promise<string[]> {
    return this.page.evaluate(() => {
      const found: string[] = [];
      const boxes = [...document.querySelectorAll<HTMLElement>('.sl-flow .react-flow__node')]
        .filter((n) => !n.classList.contains('react-flow__node-sparkStage'))
        .map((n) => ({ id: n.dataset.id ?? '', r: n.getBoundingClientRect() }));
      const hit = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          if (hit(boxes[i]!.r, boxes[j]!.r)) found.push(`${boxes[i]!.id} overlaps ${boxes[j]!.id}`);
      for (const selector of ['.react-flow__minimap', '.react-flow__controls']) {
        const el = document.querySelector(`.sl-flow ${selector}`);
        if (!el) continue;
        const r = el.getBoundingClientRect();
        for (const b of boxes) if (hit(r, b.r)) found.push(`${selector} covers ${b.id}`);
      }
      // A node's text must not spill out of its node (where it would run into its neighbours).
      for (const node of document.querySelectorAll<HTMLElement>('.sl-flow .react-flow__node')) {
        const outer = node.getBoundingClientRect();
        for (const el of node.querySelectorAll<HTMLElement>(
          '.sl-node-title, .sl-node-figure, .sl-stage-kind',
        )) {
          if (!el.checkVisibility()) continue;
          const r = el.getBoundingClientRect();
          if (r.right > outer.right + 1 || r.bottom > outer.bottom + 1)
            found.push(`text "${el.textContent}" spills out of ${node.dataset.id}`);
        }
      }
      // A name wraps at spaces and after - _ . only. Inside a word only when that word is wider than
      // the node's title even with the title's type shrunk by up to 15% (the compact view does that
      // rather than cut "settlements" as "settlement / s"); "recommenda / tions-db" is such a word.
      const measure = document.createElement('canvas').getContext('2d');
      for (const title of document.querySelectorAll<HTMLElement>('.sl-flow .sl-node-title')) {
        if (!title.checkVisibility() || !measure) continue;
        const style = getComputedStyle(title);
        const full = parseFloat(style.getPropertyValue('--lod-title')) || parseFloat(style.fontSize);
        measure.font = `${style.fontWeight} ${full}px ${style.fontFamily}`;
        const room = title.clientWidth;
        const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          const text = t.textContent ?? '';
          for (const m of text.matchAll(/[^\s_.-]+[_.-]*/g)) {
            const range = document.createRange();
            range.setStart(t, m.index);
            range.setEnd(t, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
            // Widths in the node's own units (the flow's zoom scales both alike).
            if (lines > 1 && measure.measureText(m[0]).width * 0.85 <= room)
              found.push(
                `"${m[0]}" in ${title.closest<HTMLElement>('.react-flow__node')?.dataset.id} wraps inside the word`,
              );
          }
        }
      }
      return found;
    });
  }

  async expectNoPanel(): Promise<void> {
    await expect(this.panel).toHaveCount(0);
  }
}
