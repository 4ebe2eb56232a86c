// Page object for the Cluster view (src/app/cluster/ClusterPanel.tsx): the partition tables, the
// brokers' states and load, and the cluster event log. It finds the panel by its test id, opening
// a "Cluster" tab first when the results pane has one.
import { expect, type Locator, type Page } from '@playwright/test';
import { RunPage } from './RunPage';

export interface PartitionRowState {
  leader: string;
  isr: string[];
  replicas: string[];
  status: string;
}

export class ClusterPage {
  readonly panel: Locator;
  readonly status: Locator;
  readonly events: Locator;
  readonly clock: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('cluster-panel');
    this.status = page.getByTestId('cluster-status');
    this.events = page.getByTestId('cluster-events');
    this.clock = page.getByTestId('run-clock');
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.clock.waitFor();
  }

  async openExample(id: string): Promise<void> {
    await this.page.getByTestId('menu-examples').click();
    await this.page.getByTestId(`example-${id}`).click();
  }

  /** Shows the panel: through its tab when the layout has one, else it is on the page already. */
  async open(): Promise<void> {
    const tab = this.page.getByRole('tab', { name: /^cluster/i });
    if ((await tab.count()) > 0) await tab.first().click();
    await this.panel.waitFor();
  }

  row(topic: string, partition: number): Locator {
    return this.page.getByTestId(`partition-row-${topic}-${partition}`);
  }

  async rowState(topic: string, partition: number): Promise<PartitionRowState> {
    const row = this.row(topic, partition);
    const list = async (name: string) => ((await row.getAttribute(name)) ?? '').split(',').filter(Boolean);
    return {
      leader: (await row.getAttribute('data-leader')) ?? '',
      isr: await list('data-isr'),
      replicas: await list('data-replicas'),
      status: (await row.getAttribute('data-status')) ?? '',
    };
  }

  async rows(topic: string, count: number): Promise<PartitionRowState[]> {
    const out: PartitionRowState[] = [];
    for (let i = 0; i < count; i++) out.push(await this.rowState(topic, i));
    return out;
  }

  async underReplicated(): Promise<number> {
    return Number(await this.status.getAttribute('data-under-replicated'));
  }

  async offline(): Promise<number> {
    return Number(await this.status.getAttribute('data-offline'));
  }

  /** Event rows of a kind (`brokerDown`, `leaderElected`, `isrShrink`...), newest first. */
  eventRows(kind: string): Locator {
    return this.events.locator(`tbody tr[data-kind="${kind}"]`);
  }

  /**
   * The panel alone, at the size its pane gives it: everything else on the page is hidden for the
   * picture (each sibling of the panel and of its ancestors), then shown again.
   */
  async screenshotPanel(path: string): Promise<void> {
    await this.panel.evaluate((panel) => {
      for (let el: Element | null = panel; el && el !== document.body; el = el.parentElement)
        for (const sibling of Array.from(el.parentElement?.children ?? []))
          if (sibling !== el && sibling instanceof HTMLElement && sibling.style.display !== 'none') {
            sibling.dataset.shotHidden = '1';
            sibling.style.display = 'none';
          }
    });
    await this.panel.screenshot({ path });
    await this.page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-shot-hidden]'))) {
        el.style.display = '';
        delete el.dataset.shotHidden;
      }
    });
  }

  /**
   * How the topic's partition table sits in its scrolling section: how far it overflows to the right
   * (0 when it fits), and per column header whether it lies wholly inside the section's visible box.
   */
  async tableFit(topic: string): Promise<{ overflowPx: number; headers: Record<string, boolean> }> {
    return this.page.getByTestId(`partition-table-${topic}`).evaluate((table) => {
      const section = table.closest('section')!;
      const box = section.getBoundingClientRect();
      const headers: Record<string, boolean> = {};
      for (const th of Array.from(table.querySelectorAll('thead th'))) {
        const r = th.getBoundingClientRect();
        headers[(th.textContent ?? '').trim()] = r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
      }
      return { overflowPx: Math.max(0, section.scrollWidth - section.clientWidth), headers };
    });
  }

  async simMs(): Promise<number> {
    return Number(await this.clock.getAttribute('data-sim-ms'));
  }

  /** Plays and pauses once the clock passes `atMs` (RunPage.playUntil), then waits for the panel to show that moment. */
  async runUntil(atMs: number, speed: '10' | '100' | 'max' = '10'): Promise<number> {
    await new RunPage(this.page).playUntil(atMs, speed);
    const simMs = await this.simMs();
    // The panel redraws a few times a second: wait until it shows the paused moment.
    await expect(this.panel).toHaveAttribute('data-sim-ms', String(simMs));
    return simMs;
  }
}
