import { describe, expect, it } from 'vitest';
import {
  MalformedReply,
  checkAdvanceResult,
  checkCheckOutcome,
  checkLoadResult,
  checkPong,
  checkRunUpdate,
} from '../../src/runtime/replies';

/** An update as an honest sandbox sends it: every part the page reads, empty. */
const update = (parts: Record<string, unknown> = {}) => ({
  trace: [],
  outputs: {},
  sideOutputs: {},
  transactional: {},
  tables: {},
  printed: [],
  console: [],
  skipped: { rows: [], total: 0 },
  metrics: { operators: {} },
  watermarks: [],
  processingTime: 0,
  finished: false,
  sections: { outputs: 0, sideOutputs: 0, tables: 0, operators: 0 },
  ...parts,
});

const refused = (check: () => unknown) => {
  try {
    check();
  } catch (error) {
    if (error instanceof MalformedReply) return error.message;
    throw error;
  }
  throw new Error('the reply was let through');
};

describe('replies from the sandbox', () => {
  it('lets honest replies through', () => {
    expect(checkPong('pong')).toBe('pong');
    const bytes = new Uint8Array(2);
    const step = { done: true, reached: true, processingTime: 5, update: bytes };
    expect(checkAdvanceResult(step)).toBe(step);
    const graph = { operators: [{ id: 'o1', name: 'Map', kind: 'map' }], edges: [] };
    expect(checkLoadResult({ ok: true, graph, update: bytes })).toMatchObject({ ok: true });
    expect(
      checkRunUpdate(update({ outputs: { alerts: [{ value: 1, processingTime: 0 }] } })),
    ).toBeTruthy();
  });

  it('refuses a verdict dressed up as a pass, or one with no message', () => {
    expect(
      refused(() => checkCheckOutcome({ ok: true, pass: 'yes', message: 'Check passed' })),
    ).toMatch(/malformed reply \(a check's verdict\)/);
    expect(refused(() => checkCheckOutcome({ ok: true, pass: true }))).toMatch(/verdict/);
    expect(checkCheckOutcome({ ok: true, pass: false, message: 'no', extra: '<b>' })).toEqual({
      ok: true,
      pass: false,
      message: 'no',
    });
  });

  it('refuses a failure of a kind the page does not know, or with a position that is not one', () => {
    const bytes = new Uint8Array(0);
    const failure = (f: Record<string, unknown>) => () =>
      checkLoadResult({ ok: false, failure: f, update: bytes });
    expect(refused(failure({ kind: 'phishing', message: 'Visit http://evil.example' }))).toMatch(
      /malformed reply/,
    );
    expect(refused(failure({ kind: 'syntax', message: 'x', line: -3 }))).toMatch(/malformed/);
    expect(refused(failure({ kind: 'syntax', message: 42 }))).toMatch(/malformed/);
    expect(
      checkLoadResult({
        ok: false,
        failure: { kind: 'syntax', message: 'x', line: 2 },
        update: bytes,
      }),
    ).toMatchObject({ ok: false });
  });

  it('refuses a step, a load or a pong that is not what was asked', () => {
    expect(refused(() => checkPong('pong!'))).toMatch(/ping/);
    expect(
      refused(() => checkAdvanceResult({ done: 'true', reached: true, processingTime: 0 })),
    ).toMatch(/a step of the run/);
    expect(refused(() => checkLoadResult({ ok: true, update: new Uint8Array(0) }))).toMatch(
      /neither succeeded nor failed/,
    );
    expect(refused(() => checkLoadResult({ ok: true, graph: {} }))).toMatch(/without an update/);
  });

  it('refuses an update missing a part, or with rows that are not rows', () => {
    expect(refused(() => checkRunUpdate(update({ sections: undefined })))).toMatch(/update/);
    expect(refused(() => checkRunUpdate(update({ outputs: { alerts: 'forged' } })))).toMatch(
      /update/,
    );
    expect(
      refused(() => checkRunUpdate(update({ console: [{ level: 'alert', text: 'x' }] }))),
    ).toMatch(/update/);
    expect(refused(() => checkRunUpdate(update({ processingTime: Number.NaN })))).toMatch(/update/);
    expect(refused(() => checkRunUpdate(update({ skipped: undefined })))).toMatch(/update/);
    const skipped = (row: Record<string, unknown>) =>
      update({
        skipped: { rows: [{ line: 3, column: 9, reason: 'r', source: 'csv', ...row }], total: 1 },
      });
    expect(checkRunUpdate(skipped({ file: 'readings.csv' })).skipped.rows).toHaveLength(1);
    expect(refused(() => checkRunUpdate(skipped({ line: '3' })))).toMatch(/update/);
    expect(refused(() => checkRunUpdate(skipped({ file: 7 })))).toMatch(/update/);
    expect(refused(() => checkRunUpdate(null))).toMatch(/update/);
  });
});
