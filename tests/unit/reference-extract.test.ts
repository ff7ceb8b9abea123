import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceEntry } from '../../src/content/reference-types';
import { engineDeclarations } from '../../src/build/engine-declarations';
import { extractReference, type ExtractedReference } from '../../src/build/reference/extract';

const FIXTURE = fileURLToPath(new URL('./fixtures/reference-engine', import.meta.url));

/** The fixture engine, emitted with `stripInternal` as the real one is, then read. */
let declarations: Readonly<Record<string, string>>;
let reference: ExtractedReference;
beforeAll(async () => {
  declarations = engineDeclarations(FIXTURE);
  reference = await extractReference(declarations, (_name, file) => `from ${file}`);
}, 60_000);

function entry(name: string): ReferenceEntry {
  const found = reference.entries.find((e) => e.name === name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
}

describe('extractReference', () => {
  it('has one entry per export, with its kind and the section its file gives it', () => {
    expect(reference.entries.map((e) => [e.name, e.kind, e.group])).toEqual([
      ['Clock', 'constant', 'from helpers.d.ts'],
      ['KeyedStream', 'class', 'from stream.d.ts'],
      ['LIMIT', 'constant', 'from helpers.d.ts'],
      ['Options', 'interface', 'from helpers.d.ts'],
      ['Shape', 'type', 'from helpers.d.ts'],
      ['Stream', 'class', 'from stream.d.ts'],
      ['of', 'function', 'from helpers.d.ts'],
    ]);
  });

  it("lists a class's public members, static ones first, and leaves out private, protected, #private, @internal and type-only ones", () => {
    const stream = entry('Stream');
    expect(stream.signatures.map((s) => s.code)).toEqual(['class Stream<T>']);
    expect(stream.members.map((m) => [m.name, m.kind, m.static])).toEqual([
      ['of', 'method', true],
      ['values', 'property', false],
      ['size', 'property', false],
      ['map', 'method', false],
      ['filter', 'method', false],
      ['describe', 'method', false],
      ['transform', 'method', false],
    ]);
    const of = stream.members.find((m) => m.name === 'of');
    expect(of?.signatures).toEqual([
      { code: 'static of<T>(...values: T[]): Stream<T>', refs: ['Stream'] },
    ]);
    expect(of?.doc.summary).toBe('A stream of the given values.');
  });

  it('keeps the summary, @remarks, @param, @returns, @example and @deprecated, links resolved', () => {
    const stream = entry('Stream');
    expect(stream.doc.summary).toBe('A stream of values.');
    expect(stream.doc.remarks).toBe('Streams never change: every call returns a new one.');
    expect(stream.doc.examples).toEqual(['```ts\nStream.of(1, 2).map((n) => n * 2);\n```']);

    const map = stream.members.find((m) => m.name === 'map');
    expect(map?.doc).toEqual({
      summary:
        'One result per value; see [`Stream.filter`](#/reference/Stream#filter), ' +
        '[`KeyedStream`](#/reference/KeyedStream) and [`size`](#/reference/Stream#size).',
      remarks: '',
      params: [{ name: 'fn', text: 'Called with each value.' }],
      returns: 'A new stream.',
      examples: [],
    });
    const transform = stream.members.find((m) => m.name === 'transform');
    expect(transform?.doc.deprecated).toBe(
      'Use [`map`](#/reference/Stream#map), which is the same.',
    );
  });

  it("links code spans that name an export or its member, but not Flink's classes or other code", () => {
    expect(entry('KeyedStream').doc.summary).toBe(
      "A [`Stream`](#/reference/Stream) split by key (Flink's `Stream` would be a `DataStream`); " +
        'see [`Stream.map`](#/reference/Stream#map), `test`.',
    );
  });

  it('gives a function one signature per overload, each with its own comment', () => {
    const of = entry('of');
    expect(of.signatures).toEqual([
      { code: 'function of<T>(value: T): Stream<T>', refs: ['Stream'] },
      {
        code: 'function of<T>(...values: T[]): Stream<T>',
        refs: ['Stream'],
        doc: expect.objectContaining({ summary: 'Several values as a stream, in order.' }),
      },
    ]);
    expect(of.doc.summary).toBe('One value as a stream.');
  });

  it('lists inherited members by the export declaring them; an override without a comment shows the one it replaces', () => {
    const keyed = entry('KeyedStream');
    expect(keyed.signatures.map((s) => s.code)).toEqual(['class KeyedStream<T> extends Stream<T>']);
    expect(keyed.members.map((m) => m.name)).toEqual(['sum', 'filter']);
    expect(keyed.members.find((m) => m.name === 'filter')?.doc.summary).toBe(
      'Keeps the values for which `test` holds.',
    );
    expect(keyed.inherited).toEqual([
      { name: 'of', kind: 'method', from: 'Stream', summary: 'A stream of the given values.' },
      { name: 'values', kind: 'property', from: 'Stream', summary: '' },
      { name: 'size', kind: 'property', from: 'Stream', summary: 'How many values it holds.' },
      expect.objectContaining({ name: 'map', from: 'Stream' }),
      expect.objectContaining({ name: 'describe', from: 'Stream' }),
      expect.objectContaining({ name: 'transform', from: 'Stream' }),
    ]);
  });

  it('lists the members of interfaces and object constants, but not of unions', () => {
    expect(entry('Options').members.map((m) => [m.name, m.signatures[0]?.code])).toEqual([
      ['strict', 'readonly strict?: boolean'],
      ['name', 'readonly name: string'],
    ]);
    const clock = entry('Clock');
    expect(clock.signatures.map((s) => s.code)).toEqual(['const Clock: { … }']);
    expect(clock.doc.examples).toHaveLength(1);
    // Called through the constant, as a static method is: `Clock.seconds(2)`.
    expect(clock.members.map((m) => [m.name, m.kind, m.static, m.doc.summary])).toEqual([
      ['seconds', 'method', true, '`n` seconds in milliseconds.'],
    ]);
    expect(entry('LIMIT').signatures.map((s) => s.code)).toEqual(['const LIMIT = 10']);
    expect(entry('Shape').members).toEqual([]);
    expect(entry('Shape').signatures[0]?.code).toBe(
      [
        'type Shape =',
        '  | {',
        "      kind: 'circle';",
        '      radius: number;',
        '    }',
        '  | {',
        "      kind: 'square';",
        '      side: number;',
        '    }',
      ].join('\n'),
    );
  });

  it('names the exports a signature refers to, not a local type that shares a name with one', () => {
    const describe = entry('Stream').members.find((m) => m.name === 'describe');
    expect(describe?.signatures).toEqual([
      { code: 'describe(options: Options): string', refs: [] },
    ]);
    expect(entry('KeyedStream').signatures[0]?.refs).toContain('Stream');
  });

  it("maps where each export's and member's name starts in the declarations to its page", () => {
    const text = declarations['stream.d.ts'] ?? '';
    const at = (needle: string) => text.indexOf(needle);
    expect(reference.anchors['stream.d.ts']).toMatchObject({
      [at('Stream<T> {')]: 'Stream',
      [at('map<R>')]: 'Stream#map',
      [at('sum()')]: 'KeyedStream#sum',
    });
  });

  it('stops on a TSDoc tag it would not show, naming the file and line', async () => {
    await expect(
      extractReference(
        {
          'index.d.ts': [
            'export declare class Window {',
            '  /**',
            '   * The end.',
            '   * @see Window',
            '   */',
            '  end(): number;',
            '}',
          ].join('\n'),
        },
        () => 'Windows',
      ),
    ).rejects.toThrow(/index\.d\.ts:4: the reference does not show @see/);
  });

  it('leaves out a declaration marked @internal even when the declarations kept it', async () => {
    const { entries } = await extractReference(
      {
        'index.d.ts': [
          'export declare class Window {',
          '  /** @internal */',
          '  merge(other: Window): Window;',
          '  /** Where it ends. */',
          '  end(): number;',
          '}',
        ].join('\n'),
      },
      () => 'Windows',
    );
    expect(entries[0]?.members.map((m) => m.name)).toEqual(['end']);
  });
});
