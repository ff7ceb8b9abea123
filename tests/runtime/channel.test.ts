/**
 * The page↔sandbox channel out of the learner's reach. This file serves a real run session over a
 * real MessageChannel with the worker's hardening applied (as the sandbox worker does: see
 * src/runtime/worker/serve.ts), then runs the attacks that once reached the channel. Vitest runs
 * each test file in its own process, so the freezing stays here.
 */
import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadResult, RunUpdate, WorkerApi } from '../../src/runtime/worker/api';
import { serve } from '../../src/runtime/worker/serve';
import { withholdGlobals } from '../../src/runtime/worker/withhold-globals';

const decoder = new TextDecoder();
const channels: MessageChannel[] = [];

/** A fresh sandbox, as the page gets one per run: a served session and the page's end of it. */
function sandbox(): Comlink.Remote<WorkerApi> {
  const channel = new MessageChannel();
  channels.push(channel);
  serve(channel.port2, { setTimeout, performance } as unknown as Parameters<typeof serve>[1]);
  return Comlink.wrap<WorkerApi>(channel.port1);
}

/** A pipeline with a statement of the learner's own at line 3. */
const withStatement = (statement: string) =>
  [
    "import type { StreamExecutionEnvironment } from 'streamlab';",
    'export default function pipeline(env: StreamExecutionEnvironment) {',
    `  ${statement}`,
    "  env.fromElements(1, 2, 3).map((n) => n * 10).sinkTo(env.collect('out'));",
    '}',
    '',
  ].join('\n');

async function load(api: Comlink.Remote<WorkerApi>, source: string): Promise<LoadResult> {
  return (await api.load({ files: { 'p.ts': source }, entry: 'p.ts' })) as LoadResult;
}

async function runToEnd(api: Comlink.Remote<WorkerApi>) {
  const result = await api.advance({ advance: { kind: 'end' }, sliceMs: 1000 });
  const update = JSON.parse(decoder.decode(result.update)) as RunUpdate;
  return { result, values: update.outputs.out?.map((r) => r.value) };
}

let api: Comlink.Remote<WorkerApi>;
beforeAll(() => {
  api = sandbox();
});
afterAll(() => {
  for (const { port1, port2 } of channels) {
    port1.close();
    port2.close();
  }
});

describe('the channel, after the hardening', () => {
  it("keeps the page's port from a learner who redefines MessageEvent.prototype.data", async () => {
    const loaded = await load(
      api,
      withStatement(
        "Object.defineProperty(MessageEvent.prototype, 'data', { get() { (globalThis as any).stolen = this.target; return undefined; } });",
      ),
    );
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.failure).toMatchObject({ kind: 'runtime', line: 3 });
    expect(loaded.failure.message).toMatch(/Cannot redefine property: data/);
    expect((globalThis as { stolen?: unknown }).stolen).toBeUndefined();
  });

  it('gives no learner accessor a look at the replies (a `then` or `toJSON` on Object.prototype)', async () => {
    for (const name of ['then', 'toJSON']) {
      const loaded = await load(
        sandbox(),
        withStatement(
          `Object.defineProperty(Object.prototype, '${name}', { configurable: true, get() { return undefined; } });`,
        ),
      );
      expect(loaded.ok).toBe(false);
      if (!loaded.ok) {
        expect(loaded.failure.message).toMatch(
          new RegExp(`Cannot define property ${name}, object is not extensible`),
        );
      }
    }
    expect(Object.getOwnPropertyDescriptor(Object.prototype, 'then')).toBeUndefined();
  });

  it('keeps the requests from a learner who replaces Function.prototype.apply', async () => {
    const loaded = await load(sandbox(), withStatement('Function.prototype.apply = () => 0;'));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.failure.message).toMatch(/read only property 'apply'/);
  });

  it('keeps ordinary programs working: own toString, error names, the results', async () => {
    const fresh = sandbox();
    const loaded = await load(
      fresh,
      withStatement(
        "class Late extends Error { constructor() { super('late'); this.name = 'Late'; } } const o: any = { a: 1 }; o.toString = () => 'mine'; if (String(o) !== 'mine' || new Late().name !== 'Late') throw new Error('broken');",
      ),
    );
    expect(loaded.ok).toBe(true);
    expect((await runToEnd(fresh)).values).toEqual([10, 20, 30]);
  });

  it('lets the learner start no workers of their own (they would outlive the run)', () => {
    // Node has no Worker global: a scope that has one stands in for the worker's.
    const scope = { Worker: class {}, SharedWorker: class {} };
    withholdGlobals(scope);
    expect(() => scope.Worker).toThrow(
      /Worker is not available here: the playground starts no workers/,
    );
    expect(() => scope.SharedWorker).toThrow(/SharedWorker is not available here/);
  });
});

describe('grading in a sandbox no learner code ran in', () => {
  const check = [
    'export default function check(run: any) {',
    '  const first = run.sinks.out?.[0];',
    "  return first?.total === 42 ? { pass: true, message: 'right' } : { pass: false, message: 'no total of 42' };",
    '}',
  ].join('\n');

  it('grades the data the page shows, not what a Proxy answers when asked', async () => {
    const run = sandbox();
    const loaded = await load(
      run,
      [
        "import type { StreamExecutionEnvironment } from 'streamlab';",
        'export default function pipeline(env: StreamExecutionEnvironment) {',
        "  env.fromElements(1).map(() => new Proxy({}, { get: () => 42 })).sinkTo(env.collect('out'));",
        '}',
      ].join('\n'),
    );
    expect(loaded.ok).toBe(true);
    await runToEnd(run);
    const input = await run.checkInput();
    expect(input).toBeInstanceOf(Uint8Array);
    const outcome = await sandbox().grade(check, input as Uint8Array);
    expect(outcome).toEqual({ ok: true, pass: false, message: 'no total of 42' });
  });

  it('passes a run that really produced the answer', async () => {
    const honest = sandbox();
    expect(
      (
        await load(
          honest,
          [
            "import type { StreamExecutionEnvironment } from 'streamlab';",
            'export default function pipeline(env: StreamExecutionEnvironment) {',
            "  env.fromElements(42).map((total) => ({ total })).sinkTo(env.collect('out'));",
            '}',
          ].join('\n'),
        )
      ).ok,
    ).toBe(true);
    await runToEnd(honest);
    const input = (await honest.checkInput()) as Uint8Array;
    expect(await sandbox().grade(check, input)).toEqual({ ok: true, pass: true, message: 'right' });
  });
});
