// Page object for the landing page. It also records what the page did while it was open:
// console errors, uncaught exceptions and any request that left the local machine.
import type { Locator, Page } from '@playwright/test';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export class HomePage {
  readonly title: Locator;
  readonly consoleErrors: string[] = [];
  readonly externalRequests: string[] = [];

  constructor(private readonly page: Page) {
    this.title = page.getByTestId('app-title');

    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.consoleErrors.push(`Uncaught: ${err.message}`));
    page.on('request', (req) => {
      const url = new URL(req.url());
      const isNetwork = ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol);
      if (isNetwork && !LOCAL_HOSTS.has(url.hostname)) this.externalRequests.push(req.url());
    });
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.page.waitForLoadState('networkidle');
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
