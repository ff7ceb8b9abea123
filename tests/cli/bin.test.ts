/**
 * The `streamlab` bin as a shell runs it (`node bin/streamlab.mjs`): TypeScript sources load from
 * any folder, and a program that fills its heap ends its own thread, not the command.
 */
import { describe, expect, it } from 'vitest';
import { bin, folderWith, MEMORY_BLOW_UP, REPO, SOLUTION } from './support';

describe('the streamlab bin', () => {
  const dir = folderWith({ 'alerts.ts': SOLUTION, 'memory.ts': MEMORY_BLOW_UP });

  it('prints its usage and exit codes with --help', async () => {
    const ran = await bin(['--help'], REPO);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^streamlab: run stream-processing pipelines/);
    expect(ran.stdout).toContain('streamlab check <lesson> <file-or-folder>');
    expect(ran.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /);
  });

  it('runs a program from a folder outside the checkout', async () => {
    const ran = await bin(['run', 'alerts.ts'], dir);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^sink alerts · 5 rows\n/);
  });

  it('reports a program that runs out of memory, and exits by itself', async () => {
    const ran = await bin(['run', 'memory.ts', '--max-memory', '64'], dir);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(
      'memory.ts: out of memory: The run ran out of memory: your code kept more data than the 64 MB a run may use (look for a Map, array or state that grows with every record), so it was stopped.\n',
    );
  });
});
