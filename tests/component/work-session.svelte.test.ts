import { describe, expect, it } from 'vitest';
import { WorkSession } from '../../src/ui/work/work-session.svelte';

const starter = { 'pipeline.ts': 'export default () => {};\n' };
let scopes = 0;
/** A scope of its own per test: the browser's IndexedDB is shared by the whole run. */
const freshScope = () => `sandbox:test-${Date.now()}-${scopes++}`;

async function opened(scope: string, mode: 'open' | 'fixed' = 'open') {
  const session = new WorkSession(scope, starter, mode);
  await expect.poll(() => session.loaded).toBe(true);
  return session;
}

async function saved(session: WorkSession) {
  await session.save();
  expect(session.saveState).toBe('saved');
  session.dispose();
}

describe('WorkSession for a sandbox (IndexedDB)', () => {
  it('keeps files added, renamed and removed over a reload', async () => {
    const scope = freshScope();
    const first = await opened(scope);
    first.add('readings.csv', 'k,v\na,1\n');
    first.add('late.jsonl', '{"k":"a"}\n');
    first.update('readings.csv', 'k,v\na,2\n');
    first.rename('late.jsonl', 'events.jsonl');
    await saved(first);

    const second = await opened(scope);
    expect(second.files).toEqual({
      'pipeline.ts': starter['pipeline.ts'],
      'readings.csv': 'k,v\na,2\n',
      'events.jsonl': '{"k":"a"}\n',
    });
    expect(second.edited).toBe(true);
    const removed = second.remove('readings.csv');
    await saved(second);

    const third = await opened(scope);
    expect(Object.keys(third.files)).toEqual(['pipeline.ts', 'events.jsonl']);
    third.restore(removed);
    expect(Object.keys(third.files)).toEqual(['pipeline.ts', 'readings.csv', 'events.jsonl']);
    await saved(third);
    expect(Object.keys((await opened(scope)).files)).toEqual([
      'pipeline.ts',
      'readings.csv',
      'events.jsonl',
    ]);
  });

  it('never removes or renames the file that runs, nor takes a name twice', async () => {
    const session = await opened(freshScope());
    expect(() => session.remove('pipeline.ts')).toThrow(/stays/);
    expect(() => session.rename('pipeline.ts', 'main.ts')).toThrow(/keeps its name/);
    session.add('a.csv', 'k\n');
    expect(() => session.add('a.csv', 'other\n')).toThrow(/already/);
    expect(() => session.rename('a.csv', 'pipeline.ts')).toThrow(/already/);
    session.dispose();
  });

  it("keeps a lesson's files fixed: an added file is refused, saved extras are dropped", async () => {
    const scope = freshScope();
    const open = await opened(scope);
    open.add('extra.csv', 'k\n');
    await saved(open);
    const fixed = await opened(scope, 'fixed');
    expect(Object.keys(fixed.files)).toEqual(['pipeline.ts']);
    expect(() => fixed.add('more.csv', 'k\n')).toThrow(/fixed/);
    fixed.dispose();
  });
});
