import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FILES, PIPELINE_FILE } from '../../src/ui/sandboxes/sandbox-content';
import type { SandboxDoc } from '../../src/ui/sandboxes/sandbox-doc';
import { exportSandboxes, FILE_FORMAT, importSandboxes } from '../../src/ui/sandboxes/sandbox-file';

const fileName = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/),
    fc.constantFrom('csv', 'jsonl', 'ts'),
  )
  .map(([stem, extension]) => `${stem}.${extension}`);
const text = fc.string({ unit: 'binary', maxLength: 300 });
const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
const doc: fc.Arbitrary<SandboxDoc> = fc.record({
  id: fc.uuid(),
  name: fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
    .filter((n) => n.trim() !== '' && !/\p{Cc}/u.test(n)),
  files: fc
    .tuple(text, fc.dictionary(fileName, text, { maxKeys: MAX_FILES - 1 }))
    .map(([pipeline, data]) => ({ ...data, [PIPELINE_FILE]: pipeline })),
  seed: fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  createdAt: time,
  updatedAt: time,
});

const lateData: SandboxDoc = {
  id: 'local-1',
  name: 'Late data: what if?',
  files: { [PIPELINE_FILE]: 'export default 1;\n', 'readings.csv': 'value,time\n1,2\n' },
  seed: 42,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_100_000,
};

describe('exportSandboxes', () => {
  it('writes the format, version, time and each sandbox without its id', () => {
    const at = new Date(2026, 2, 5, 12, 30);
    const { text: written, fileName } = exportSandboxes([lateData], at);
    expect(JSON.parse(written)).toEqual({
      format: FILE_FORMAT,
      version: 1,
      exportedAt: at.toISOString(),
      sandboxes: [
        {
          name: lateData.name,
          files: lateData.files,
          seed: 42,
          createdAt: lateData.createdAt,
          updatedAt: lateData.updatedAt,
        },
      ],
    });
    expect(written).not.toContain('local-1');
    expect(written).toContain('\n  "format"');
    expect(fileName).toBe('streamlab-late-data-what-if.json');
  });

  it('names a file of several sandboxes after the day', () => {
    const at = new Date(2026, 2, 5, 23, 59);
    expect(exportSandboxes([lateData, lateData], at).fileName).toBe(
      'streamlab-sandboxes-2026-03-05.json',
    );
    expect(exportSandboxes([], at).fileName).toBe('streamlab-sandboxes-2026-03-05.json');
  });

  it('keeps letters of any script in a file name and falls back when none are left', () => {
    expect(exportSandboxes([{ ...lateData, name: 'Fenêtres / Окна 2' }]).fileName).toBe(
      'streamlab-fenêtres-окна-2.json',
    );
    expect(exportSandboxes([{ ...lateData, name: '?!' }]).fileName).toBe('streamlab-sandbox.json');
  });
});

describe('importSandboxes', () => {
  it('reads back what was exported, without ids', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 5 }), (docs) => {
        const result = importSandboxes(exportSandboxes(docs).text);
        expect(result).toEqual({
          ok: true,
          skipped: [],
          sandboxes: docs.map(({ name, files, seed, createdAt, updatedAt }) => ({
            name,
            files,
            seed,
            createdAt,
            updatedAt,
          })),
        });
      }),
      { numRuns: 60 },
    );
  });

  it('says on which line and column the JSON breaks', () => {
    const broken = exportSandboxes([lateData]).text.replace('"seed": 42,', '"seed": 42,,');
    const lines = broken.split('\n');
    const line = lines.findIndex((l) => l.includes('42,,')) + 1;
    const column = (lines[line - 1] ?? '').indexOf(',,') + 2;
    expect(importSandboxes(broken)).toEqual({
      ok: false,
      reason: `This file is not valid JSON at line ${line}, column ${column}: a property name in double quotes is expected.`,
      line,
      column,
    });
  });

  it.each([
    ['{\n  "format": "streamlab-sandboxes",\n  oops\n}', 3, 3],
    ['{"format": "streamlab-sandboxes"', 1, 33],
    ['', 1, 1],
    ['{"a": "line\nbreak"}', 1, 7],
  ])('locates the error in %j', (broken, line, column) => {
    expect(importSandboxes(broken)).toMatchObject({ ok: false, line, column });
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (anything) => {
        const result = importSandboxes(anything);
        if (!result.ok) expect(result.reason).toMatch(/^This .{10,}/);
      }),
      { numRuns: 300 },
    );
  });

  it('skips an invalid sandbox with its reason and keeps the others', () => {
    const file = JSON.parse(exportSandboxes([lateData, lateData, lateData]).text);
    file.sandboxes[1].name = 'Broken';
    file.sandboxes[1].files['../../etc.csv'] = 'x';
    file.sandboxes[2] = 'not a sandbox';
    const result = importSandboxes(JSON.stringify(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sandboxes).toHaveLength(1);
    expect(result.sandboxes[0]?.name).toBe(lateData.name);
    expect(result.skipped).toEqual([
      {
        position: 2,
        name: 'Broken',
        reason: expect.stringMatching(/^Sandbox 2 \("Broken"\) has a file named "..\/..\/etc.csv"/),
      },
      { position: 3, reason: 'Sandbox 3 holds no sandbox.' },
    ]);
  });

  it('gives a sandbox with missing times the import time, rather than losing it', () => {
    const file = JSON.parse(exportSandboxes([lateData]).text);
    delete file.sandboxes[0].createdAt;
    file.sandboxes[0].updatedAt = 'yesterday';
    const result = importSandboxes(JSON.stringify(file), 123);
    expect(result).toMatchObject({ ok: true, sandboxes: [{ createdAt: 123, updatedAt: 123 }] });
  });

  it('refuses files of another kind or a newer version', () => {
    expect(importSandboxes('[]')).toEqual({
      ok: false,
      reason: 'This is not a Streamlab sandboxes file.',
    });
    expect(importSandboxes('{"format": "something-else", "version": 1}')).toMatchObject({
      ok: false,
      reason: 'This is not a Streamlab sandboxes file.',
    });
    expect(
      importSandboxes('{"format": "streamlab-sandboxes", "version": 2, "sandboxes": []}'),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/made by a newer Streamlab/) });
    expect(
      importSandboxes('{"format": "streamlab-sandboxes", "version": "1", "sandboxes": []}'),
    ).toMatchObject({ ok: false, reason: 'This file has a version Streamlab never made.' });
    expect(importSandboxes('{"format": "streamlab-sandboxes", "version": 1}')).toMatchObject({
      ok: false,
      reason: 'This file has no list of sandboxes.',
    });
  });
});
