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

describe("the sandbox's host page", () => {
  const host = readFileSync(new URL('../../public/sandbox-host.html', import.meta.url), 'utf8');
  const hostPolicy =
    /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(host)?.[1] ?? '';
  const hostDirective = (name: string) =>
    hostPolicy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([n]) => n === name)
      ?.slice(1) ?? [];
  const sha = (script: string) =>
    `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

  it('allows its own relay script and the sandbox bootstrap by hash, which the sandbox inherits', () => {
    const relay = /<script>([\s\S]*?)<\/script>/.exec(host)?.[1] ?? '';
    const bootstrap = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(hostDirective('script-src')).toContain(sha(relay));
    expect(hostDirective('script-src')).toContain(sha(bootstrap));
  });

  it('allows nothing the sandbox page does not, but fetching that page from this site', () => {
    expect(hostDirective('default-src')).toEqual(["'none'"]);
    expect(hostDirective('connect-src')).toEqual(["'self'"]);
    expect(hostDirective('worker-src')).toEqual(directive('worker-src'));
    expect(hostDirective('script-src').filter((s) => !s.startsWith("'sha256-"))).toEqual(
      directive('script-src').filter((s) => !s.startsWith("'sha256-")),
    );
  });

  it('makes the learner’s frame sandboxed, scripts only, with no same-origin access', () => {
    expect(host).toContain("setAttribute('sandbox', 'allow-scripts')");
    expect(host).not.toMatch(/'[^'\n]*allow-same-origin[^'\n]*'/);
  });
});
