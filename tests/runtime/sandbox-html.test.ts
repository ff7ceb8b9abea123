import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const html = readFileSync(new URL('../../public/sandbox.html', import.meta.url), 'utf8');
const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
const directive = (name: string) =>
  policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1) ?? [];

describe('the sandbox page', () => {
  it('allows its bootstrap script by hash, so an edit to one without the other fails here', () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(directive('script-src')).toContain(`'sha256-${hash}'`);
  });

  it('gives the learner no network, no other scripts and nothing else by default', () => {
    expect(directive('default-src')).toEqual(["'none'"]);
    expect(directive('connect-src')).toEqual(["'none'"]);
    expect(directive('worker-src')).toEqual(['blob:']);
    expect(directive('script-src').filter((s) => !s.startsWith("'sha256-"))).toEqual([
      'blob:',
      "'unsafe-eval'",
    ]);
  });
});
