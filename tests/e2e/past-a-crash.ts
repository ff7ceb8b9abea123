import type { CDPSession, Page } from 'playwright-core';

/**
 * Drives the app's page over its own DevTools session. Needed once a sandbox has crashed: the
 * sandbox is an out-of-process frame, and playwright-core marks the whole page as crashed when any
 * of its frames' processes ends, refusing every later call, although the app's page is alive and
 * well (which is what these tests are about).
 */
export class PastACrash {
  private constructor(private readonly cdp: CDPSession) {}

  /** Opens the session; call while the page is still usable. */
  static async attach(page: Page): Promise<PastACrash> {
    return new PastACrash(await page.context().newCDPSession(page));
  }

  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = (await this.cdp.send('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (exceptionDetails) throw new Error(`In the page: ${exceptionDetails.text}`);
    return result.value;
  }

  /** Waits until `expression` is true in the page. */
  async waitFor(expression: string, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`Boolean(${expression})`).catch(() => false))) {
      if (Date.now() > until) throw new Error(`Timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Replaces the editor's text the way a learner's select-all and paste would. */
  async setCode(code: string): Promise<void> {
    await this.waitFor(`document.querySelector('[data-editor-status="ready"]')`);
    await this.evaluate(
      `document.querySelector('.monaco-editor textarea, .monaco-editor .native-edit-context').focus()`,
    );
    for (const type of ['keyDown', 'keyUp'] as const) {
      await this.cdp.send('Input.dispatchKeyEvent', {
        type,
        key: 'a',
        code: 'KeyA',
        windowsVirtualKeyCode: 65,
        modifiers: 2,
        ...(type === 'keyDown' ? { commands: ['selectAll'] } : {}),
      });
    }
    await this.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(code)});
      document.activeElement.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    })()`);
  }

  /** Presses Run and waits for the run to finish or fail; returns the status. */
  async runToEnd(timeoutMs = 15_000): Promise<string> {
    await this.evaluate(
      `[...document.querySelectorAll('[aria-label="Run controls"] button')].find((b) => b.textContent.trim() === 'Run').click()`,
    );
    // The status leaves 'finished'/'failed' of the run before as soon as Run is pressed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ended = `document.querySelector('[data-run-status="finished"], [data-run-status="failed"]')`;
    await this.waitFor(ended, timeoutMs);
    return this.evaluate<string>(`${ended}.dataset.runStatus`);
  }

  async text(selector: string): Promise<string> {
    return this.evaluate<string>(
      `document.querySelector(${JSON.stringify(selector)})?.innerText ?? ''`,
    );
  }

  async texts(selector: string): Promise<string[]> {
    return this.evaluate<string[]>(
      `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.innerText)`,
    );
  }

  async reload(): Promise<void> {
    await this.cdp.send('Page.reload');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await this.waitFor(`document.querySelector('[data-editor-status="ready"]')`, 30_000);
  }
}
