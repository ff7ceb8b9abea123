import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

/** Debian's Chromium; browser downloads are not possible where these tests run. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A classroom's large screen in the dark theme: where each view is also looked at. */
export const LARGE_DARK = {
  viewport: { width: 1920, height: 1080 },
  colorScheme: 'dark',
} as const;

export interface Session {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  readonly problems: string[];
  /** Opens a path of the app (`#/learn/...`) and waits for the shell. */
  open(path?: string): Promise<void>;
}

/**
 * One browser per test file and a fresh context per test. Every test fails if the page logged an
 * error, threw, or had a request fail: a learner would see those as a broken app.
 *
 * `shared`: one context (one learner's browser profile, one tab) for the whole file, each test
 * starting from a fresh navigation: for a file of many short cases against the same page, where a
 * new profile per case would mostly measure loading the editor again.
 */
export function useBrowser(
  options: { viewport?: { width: number; height: number }; shared?: boolean } = {},
) {
  let browser: Browser;
  const session = {} as { current: Session };
  const baseURL = inject('baseURL');

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: launchArgs, headless: true });
  });

  afterAll(async () => {
    await session.current?.context.close();
    await browser?.close();
  });

  const start = async (
    contextOptions: Parameters<Browser['newContext']>[0] = {},
  ): Promise<Session> => {
    if (options.shared && session.current) {
      // The tab exists already: options given now would silently not apply.
      if (Object.keys(contextOptions).length > 0) {
        throw new Error('A shared session takes its context options from its first start()');
      }
      return session.current;
    }
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 720 },
      // Installing the service worker fetches the whole site (about 13 MB) in the background: a
      // load on two cores that only the offline tests need, so they ask for it.
      serviceWorkers: 'block',
      ...contextOptions,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) => {
      // A navigation or a reload cancels what is in flight; that is not a failure.
      if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    session.current = {
      page,
      context,
      problems,
      async open(path = '') {
        await page.goto(new URL(path, baseURL).href);
        await page.locator('header .brand').waitFor();
        // `#/sandbox` opens the last sandbox and puts its id in the address: until then the page
        // may still show the one before (going there from a sandbox only changes the hash).
        if (path === '#/sandbox') await page.waitForURL(/#\/sandbox\/[a-z0-9]{12}$/);
      },
    };
    return session.current;
  };

  afterEach(async () => {
    const current = session.current;
    if (!current) return;
    const problems = current.problems.splice(0);
    if (!options.shared) {
      delete (session as { current?: Session }).current;
      await current.context.close();
    }
    expect(problems, 'the page had errors or failed requests').toEqual([]);
  });

  return { start, baseURL };
}
