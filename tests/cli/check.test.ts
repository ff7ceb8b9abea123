/**
 * `streamlab check`, called in-process: a class's folder graded with the first lesson's check,
 * one row per submission, whatever the others did.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { folderOf, mistakesOf } from '../runtime/lesson-mistakes';
import { cli, ENDLESS_LOOP, folderWith, HARD_CODED, LESSON, SOLUTION } from './support';

/** A plausible mistake from the lesson's mistakes/ folder, and the message it must get. */
const mistake = (() => {
  const found = mistakesOf(folderOf('what-is-a-stream'), 'pipeline.ts', SOLUTION).find(
    (m) => m.name === 'at-least-80.diff',
  );
  if (found === undefined) throw new Error('the lesson has no mistakes/at-least-80.diff');
  return found;
})();

describe('streamlab check', () => {
  const dir = folderWith({
    'class/alice.ts': SOLUTION,
    'class/bob.ts': HARD_CODED,
    'class/carol.ts': ENDLESS_LOOP,
    // After carol's loop: still graded.
    'class/dana/pipeline.ts': SOLUTION,
    'class/erin.ts': mistake.program(),
    'class/notes.txt': 'not a submission',
    'single/alice.ts': SOLUTION,
  });

  it('grades every submission in a folder and writes one CSV row each', async () => {
    const ran = await cli(['check', LESSON, 'class'], dir);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe(`Graded 5 submissions with ${LESSON}: 2 passed, 3 failed.\n`);
    const rows = parse(ran.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.file, row.result])).toEqual([
      ['class/alice.ts', 'pass'],
      ['class/bob.ts', 'fail'],
      ['class/carol.ts', 'fail'],
      ['class/dana', 'pass'],
      ['class/erin.ts', 'fail'],
    ]);
    const message = (file: string) => rows.find((row) => row.file === file)?.message;
    expect(message('class/alice.ts')).toMatch(/^All 5 alerts are right/);
    expect(message('class/bob.ts')).toMatch(/must read the lesson's ten readings/);
    expect(message('class/carol.ts')).toBe(
      'class/carol.ts:8:7: stopped: Your code ran for 1.5 s without finishing: is there an endless loop near line 8? in operator "Map", on record 1',
    );
    expect(message('class/erin.ts')).toMatch(mistake.answer);
  });

  it('writes a JSON report to --out, for a lesson named by its folder', async () => {
    const ran = await cli(
      ['check', `lessons/${LESSON}`, 'single/alice.ts', '--format', 'json', '--out', 'report.json'],
      dir,
    );
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain('Report: report.json');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toEqual([
      { file: 'single/alice.ts', result: 'pass', message: expect.stringMatching(/^All 5 alerts/) },
    ]);
  });

  it.each([
    [['check', LESSON], /takes a lesson and a file or folder/],
    [
      ['check', 'no-such-lesson', 'class'],
      /There is no lesson "no-such-lesson"[^]*01-basics\/01-what-is-a-stream/,
    ],
    [['check', 'real-time-analytics', 'class'], /01-basics\/02-real-time-analytics has no check/],
    [['check', LESSON, 'nowhere'], /There is no file or folder nowhere/],
    [['check', LESSON, 'class', '--format', 'xml'], /--format is csv or json/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const ran = await cli(args, dir);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(message);
  });
});
