import { describe, expect, it } from 'vitest';
import { TimeTab, type ArrivalsByOperator } from '../../src/ui/run/time-tab';

/** A trace of operators and the event times of their arrivals (null: none). */
function trace(ops: Record<string, (number | null)[]>): ArrivalsByOperator {
  return {
    operators: new Map(
      Object.entries(ops).map(([op, times]) => [
        op,
        { arrivals: times.map((eventTime) => ({ eventTime })) },
      ]),
    ),
  };
}

describe('the view a run opens', () => {
  it('opens Event time as soon as a record with an event time arrives anywhere', () => {
    const tab = new TimeTab();
    tab.started();
    expect(tab.next(trace({ source: [null, null] }), false)).toBeUndefined();
    expect(tab.next(trace({ source: [null, null], window: [null, 5] }), false)).toBe('Event time');
    // Once per run.
    expect(tab.next(trace({ source: [null, null], window: [null, 5] }), true)).toBeUndefined();
  });

  it('opens Results when the run ends without event time', () => {
    const tab = new TimeTab();
    tab.started();
    expect(tab.next(trace({ source: [null] }), false)).toBeUndefined();
    expect(tab.next(trace({ source: [null, null] }), true)).toBe('Results');
  });

  it('leaves a tab the learner picked during the run, until the next run', () => {
    const tab = new TimeTab();
    tab.started();
    tab.picked();
    expect(tab.next(trace({ source: [1000] }), true)).toBeUndefined();
    tab.started();
    expect(tab.next(trace({ source: [1000] }), false)).toBe('Event time');
  });

  it('looks at each arrival once, and again from the start after a new run', () => {
    const tab = new TimeTab();
    tab.started();
    const arrivals: { eventTime: number | null }[] = [{ eventTime: null }];
    const growing: ArrivalsByOperator = { operators: new Map([['source', { arrivals }]]) };
    expect(tab.next(growing, false)).toBeUndefined();
    arrivals.push({ eventTime: 2000 });
    expect(tab.next(growing, false)).toBe('Event time');
    tab.started();
    expect(tab.next(trace({ source: [3000] }), false)).toBe('Event time');
  });
});
