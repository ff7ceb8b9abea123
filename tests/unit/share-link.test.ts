import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/ui/sandboxes/base64url';
import { crc32 } from '../../src/ui/sandboxes/crc32';
import {
  MAX_FILES,
  MAX_NAME_LENGTH,
  PIPELINE_FILE,
  type SandboxContent,
} from '../../src/ui/sandboxes/sandbox-content';
import type { SandboxDoc } from '../../src/ui/sandboxes/sandbox-doc';
import {
  decodeShare,
  encodeShare,
  MAX_LINK_LENGTH,
  MAX_UNPACKED_BYTES,
  SHARE_ROUTE,
  shareLink,
} from '../../src/ui/sandboxes/share-link';

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ maxLength: 2000 }),
);
const fileName = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/),
    fc.constantFrom('csv', 'jsonl', 'json', 'txt', 'ts'),
  )
  .map(([stem, extension]) => `${stem}.${extension}`);
const name = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: MAX_NAME_LENGTH / 2 })
  .filter((n) => n.trim() !== '' && !/\p{Cc}/u.test(n));
const sandbox: fc.Arbitrary<SandboxContent> = fc.record({
  name,
  files: fc
    .tuple(text, fc.dictionary(fileName, text, { maxKeys: MAX_FILES - 1 }))
    .map(([pipeline, data]) => ({ ...data, [PIPELINE_FILE]: pipeline })),
  seed: fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
});

/** A payload made by hand, to test what the encoder itself would never write. */
function payloadOf(json: string, checksum = crc32(new TextEncoder().encode(json))): string {
  const deflated = deflateSync(new TextEncoder().encode(json));
  const packed = new Uint8Array(4 + deflated.length);
  new DataView(packed.buffer).setUint32(0, checksum);
  packed.set(deflated, 4);
  return `1.${toBase64url(packed)}`;
}

function reasonOf(payload: string): string {
  const result = decodeShare(payload);
  if (result.ok) throw new Error(`expected ${payload.slice(0, 40)}… to be refused`);
  return result.reason;
}

const doc = (files: Record<string, string>, docName = 'Late data'): SandboxDoc => ({
  id: 'local-1',
  name: docName,
  files,
  seed: 7,
  createdAt: 1,
  updatedAt: 2,
});

describe('share links', () => {
  it('decode what they encode, whatever the sandbox holds', () => {
    fc.assert(
      fc.property(sandbox, (shared) => {
        expect(decodeShare(encodeShare(shared))).toEqual({ ok: true, shared });
      }),
    );
  });

  it('carry the most files a sandbox may have, up to the most a link may unpack to', () => {
    const files: Record<string, string> = { [PIPELINE_FILE]: 'export default 1;\n' };
    for (let i = 1; i < MAX_FILES - 1; i++) files[`part-${i}.csv`] = `n,square\n${i},${i * i}\n`;
    // Sensor readings repeat, so 7 MB of them make a link short enough to share.
    files['readings.csv'] = 'sensor-1,21.5,2024-01-01T00:00:00Z\n'.repeat(200_000);
    const shared = { name: 'Many files ✓', files, seed: 3 };
    expect(Object.keys(files)).toHaveLength(MAX_FILES);
    expect(JSON.stringify(shared).length).toBeGreaterThan(MAX_UNPACKED_BYTES * 0.8);
    expect(decodeShare(encodeShare(shared))).toEqual({ ok: true, shared });
  });

  it('start with the format number', () => {
    fc.assert(
      fc.property(sandbox, (shared) => {
        expect(encodeShare(shared)).toMatch(/^1\.[A-Za-z0-9_-]+$/);
      }),
      { numRuns: 20 },
    );
  });

  it('made by a newer Streamlab say so', () => {
    const payload = encodeShare({ name: 'n', files: { [PIPELINE_FILE]: '' }, seed: 1 });
    expect(reasonOf(`2${payload.slice(1)}`)).toMatch(/made by a newer Streamlab \(link format 2\)/);
  });

  it('without a known format are not Streamlab links', () => {
    expect(reasonOf('hello')).toMatch(/^This is not a Streamlab share link/);
    expect(reasonOf('0.abc')).toMatch(/^This is not a Streamlab share link/);
  });

  it('never throw on any text, and refuse it with a reason', () => {
    const anyPayload = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string().map((s) => `1.${s}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,300}$/).map((s) => `1.${s}`),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => `1.${toBase64url(bytes)}`),
    );
    fc.assert(
      fc.property(anyPayload, (payload) => {
        const result = decodeShare(payload);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.reason).toMatch(/^This .{10,}/);
      }),
      { numRuns: 500 },
    );
  });

  it('cut short anywhere say they are cut short', () => {
    fc.assert(
      fc.property(
        sandbox,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (shared, at) => {
          const payload = encodeShare(shared);
          const cut = payload.slice(0, 2 + Math.floor(at * (payload.length - 2)));
          expect(reasonOf(cut)).toMatch(/^This link is cut short/);
        },
      ),
    );
  });

  it('changed on the way never open as anything but what was shared', () => {
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      kind: fc.constantFrom('replace', 'insert', 'delete'),
      char: fc.oneof(
        fc.constantFrom(...'AQgw_-09azZ.%'),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
    });
    fc.assert(
      fc.property(sandbox, edit, (shared, { at, kind, char }) => {
        const payload = encodeShare(shared);
        const i = Math.floor(at * payload.length);
        const changed =
          payload.slice(0, i) +
          (kind === 'delete' ? '' : char) +
          payload.slice(kind === 'insert' ? i : i + 1);
        const result = decodeShare(changed);
        if (result.ok) expect(result.shared).toEqual(shared);
        else expect(result.reason).toMatch(/^This .{10,}/);
      }),
      { numRuns: 300 },
    );
  });

  it('with a wrong checksum are refused', () => {
    const json = JSON.stringify({ name: 'n', files: { [PIPELINE_FILE]: 'x' }, seed: 1 });
    expect(decodeShare(payloadOf(json)).ok).toBe(true);
    expect(reasonOf(payloadOf(json, crc32(new TextEncoder().encode(json)) ^ 1))).toMatch(
      /changed on the way: its contents do not match their checksum/,
    );
  });

  it('refuse a zip bomb: unpacking stops at the limit', () => {
    const bomb = JSON.stringify({
      name: 'bomb',
      files: { [PIPELINE_FILE]: '0'.repeat(16 * 1024 * 1024) },
      seed: 1,
    });
    const payload = payloadOf(bomb);
    // Short enough to be unpacked at all: the inflater's limit, not the length check, refuses it.
    expect(payload.length).toBeLessThan(MAX_LINK_LENGTH * 8);
    expect(reasonOf(payload)).toMatch(/unpacks to more than 8 MB/);
  });

  it('may unpack to exactly the limit, and not a byte more', () => {
    const shell = JSON.stringify({ name: 'n', files: { [PIPELINE_FILE]: '' }, seed: 1 });
    const fill = (length: number) =>
      JSON.stringify({ name: 'n', files: { [PIPELINE_FILE]: 'a'.repeat(length) }, seed: 1 });
    expect(decodeShare(payloadOf(fill(MAX_UNPACKED_BYTES - shell.length))).ok).toBe(true);
    expect(reasonOf(payloadOf(fill(MAX_UNPACKED_BYTES - shell.length + 1)))).toMatch(
      /unpacks to more than/,
    );
  });

  it('check every field of what they carry', () => {
    const refused = (value: unknown) => reasonOf(payloadOf(JSON.stringify(value)));
    const files = { [PIPELINE_FILE]: 'x' };
    expect(refused([1, 2])).toBe('This link holds no sandbox.');
    expect(refused({ files, seed: 1 })).toBe('This link has no name.');
    expect(refused({ name: 'a\nb', files, seed: 1 })).toMatch(/control characters/);
    expect(refused({ name: 'n'.repeat(MAX_NAME_LENGTH + 1), files, seed: 1 })).toMatch(
      /name longer than/,
    );
    expect(refused({ name: 'n', files, seed: 1.5 })).toMatch(/seed that is not a whole number/);
    expect(refused({ name: 'n', files, seed: 2 ** 53 })).toMatch(/seed that is not a whole number/);
    expect(refused({ name: 'n', files, seed: '1' })).toMatch(/seed that is not a whole number/);
    expect(refused({ name: 'n', files: ['x'], seed: 1 })).toBe('This link has no files.');
    expect(refused({ name: 'n', files: { 'data.csv': 'a' }, seed: 1 })).toBe(
      'This link has no pipeline.ts to run.',
    );
    expect(refused({ name: 'n', files: { ...files, 'data.csv': 3 }, seed: 1 })).toMatch(
      /data\.csv whose contents are not text/,
    );
    const tooMany = Object.fromEntries(
      Array.from({ length: MAX_FILES + 1 }, (_, i) => [`f${i}.ts`, '']),
    );
    expect(refused({ name: 'n', files: tooMany, seed: 1 })).toMatch(/at most 32/);
    for (const bad of [
      '../x.ts',
      'a/b.ts',
      '.hidden.ts',
      'no-extension',
      '__proto__',
      'a..b.ts',
      'a b.csv',
      'x.',
    ]) {
      expect(refused({ name: 'n', files: { ...files, [bad]: '' }, seed: 1 })).toMatch(
        /has a file named .* file names use letters/,
      );
    }
  });
});

describe('shareLink', () => {
  it('puts the payload on the shared-sandbox route of the app, replacing any fragment', () => {
    const result = shareLink(
      'https://example.org/streamlab/?x=1#/learn/windows',
      doc({ [PIPELINE_FILE]: 'x' }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const url = new URL(result.url);
    expect(url.origin + url.pathname + url.search).toBe('https://example.org/streamlab/?x=1');
    expect(url.hash.startsWith(SHARE_ROUTE)).toBe(true);
    expect(decodeShare(url.hash.slice(SHARE_ROUTE.length))).toEqual({
      ok: true,
      shared: { name: 'Late data', files: { [PIPELINE_FILE]: 'x' }, seed: 7 },
    });
  });

  it('says when a sandbox is too long for a link, up to the exact limit', () => {
    // Data that does not compress (a seeded generator's digits), so the link grows with it.
    const noise = (length: number) => {
      const random = xoroshiro128plus(42);
      return Array.from({ length }, () => uniformInt(random, 0, 35).toString(36)).join('');
    };
    const base = 'https://example.org/';
    const lengthWith = (size: number) => {
      const result = shareLink(base, doc({ [PIPELINE_FILE]: noise(size) }));
      return result.ok
        ? result.url.length
        : result.ok === false && result.tooLong
          ? result.length
          : -1;
    };
    // The largest file that still fits, found by bisection: it makes a link of at most the limit.
    let low = 0;
    let high = MAX_LINK_LENGTH * 2;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (lengthWith(mid) <= MAX_LINK_LENGTH) low = mid;
      else high = mid - 1;
    }
    const fits = shareLink(base, doc({ [PIPELINE_FILE]: noise(low) }));
    expect(fits.ok).toBe(true);
    if (fits.ok) {
      expect(fits.url.length).toBeGreaterThan(MAX_LINK_LENGTH - 20);
      expect(fits.url.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
      const opened = decodeShare(new URL(fits.url).hash.slice(SHARE_ROUTE.length));
      expect(opened.ok && opened.shared.files[PIPELINE_FILE]).toBe(noise(low));
    }
    const over = shareLink(base, doc({ [PIPELINE_FILE]: noise(low + 200) }));
    expect(over).toMatchObject({ ok: false, tooLong: true });
    if (!over.ok && over.tooLong) {
      expect(over.length).toBeGreaterThan(MAX_LINK_LENGTH);
      expect(over.reason).toMatch(/too big for a link.*Save it as a file instead/);
    }
  });

  it('refuses a sandbox a link may not carry, without calling it too long', () => {
    expect(
      shareLink('https://example.org/', doc({ [PIPELINE_FILE]: 'x', '../up.csv': '' })),
    ).toEqual({
      ok: false,
      tooLong: false,
      reason: expect.stringMatching(/^This sandbox has a file named "..\/up.csv"/),
    });
  });
});
