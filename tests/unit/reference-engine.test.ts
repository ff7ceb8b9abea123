import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceEntry } from '../../src/content/reference-types';
import { engineDeclarations } from '../../src/build/engine-declarations';
import { listExports } from '../../src/build/engine-exports';
import { extractReference } from '../../src/build/reference/extract';
import { GROUPS, groupOf } from '../../src/build/reference/groups';
import {
  findBrokenReferenceLinks,
  readMarkdownFiles,
} from '../../src/build/reference/lesson-links';

const ENGINE = fileURLToPath(new URL('../../src/engine', import.meta.url));
const LESSONS = fileURLToPath(new URL('../../lessons', import.meta.url));

/** Where learners start: each page opens with an example, and every member says what it does. */
const ENTRY_POINTS = [
  'StreamExecutionEnvironment',
  'DataStream',
  'KeyedStream',
  'WindowedStream',
  'WatermarkStrategy',
  'TumblingEventTimeWindows',
  'SlidingEventTimeWindows',
  'EventTimeSessionWindows',
  'Time',
  'KeyedProcessFunction',
  'ValueState',
  'OutputTag',
  'TestStream',
  'TimestampedValue',
  'CheckInput',
];

let declarations: Readonly<Record<string, string>>;
let entries: readonly ReferenceEntry[];
beforeAll(async () => {
  declarations = engineDeclarations(ENGINE);
  entries = (await extractReference(declarations, groupOf)).entries;
}, 120_000);

const named = (name: string) => entries.find((e) => e.name === name);

describe("the engine's reference", () => {
  it('has a page for every name the editor offers, each in a section of the index', () => {
    expect(entries.map((e) => e.name).sort()).toEqual(
      listExports(declarations)
        .map((e) => e.name)
        .sort(),
    );
    for (const entry of entries) expect(GROUPS).toContain(entry.group);
  });

  it('has a summary for every export', () => {
    expect(entries.filter((e) => e.doc.summary.trim() === '').map((e) => e.name)).toEqual([]);
  });

  it('has an example on every main entry point, and a summary on each of its members', () => {
    const thin = ENTRY_POINTS.flatMap((name) => {
      const entry = named(name);
      if (!entry) return [`${name}: not exported`];
      return [
        ...(entry.doc.examples.length === 0 ? [`${name}: no example`] : []),
        ...entry.members
          .filter((m) => m.doc.summary.trim() === '')
          .map((m) => `${name}#${m.name}: no summary`),
      ];
    });
    expect(thin).toEqual([]);
  });

  it('lists the members lessons link to, own and inherited', () => {
    const members = (name: string) => {
      const entry = named(name);
      return [...(entry?.members ?? []), ...(entry?.inherited ?? [])].map((m) => m.name);
    };
    expect(members('WatermarkStrategy')).toEqual(
      expect.arrayContaining([
        'forBoundedOutOfOrderness',
        'forMonotonousTimestamps',
        'withTimestampAssigner',
        'withIdleness',
      ]),
    );
    expect(members('KeyedStream')).toEqual(expect.arrayContaining(['window', 'process', 'map']));
    expect(members('Time')).toEqual(['milliseconds', 'seconds', 'minutes', 'hours', 'days']);
  });

  it('leaves out what the engine keeps to itself', () => {
    // DataStream's constructor and graph plumbing are @internal; WatermarkStrategy's supplier is private.
    expect(named('DataStream')?.members.map((m) => m.name)).not.toEqual(
      expect.arrayContaining(['constructor', 'graph', 'ports', 'add']),
    );
    expect(named('WatermarkStrategy')?.members.map((m) => m.name)).not.toContain('supplier');
  });

  it('is linked from the lessons only where a page and member exist', () => {
    const targets = new Map(
      entries.map((e) => [e.name, new Set([...e.members, ...e.inherited].map((m) => m.name))]),
    );
    expect(findBrokenReferenceLinks(readMarkdownFiles(LESSONS), targets)).toEqual([]);
  });
});
