/**
 * A window's copy keeps its timer lists from its last copy while the timer service counts no
 * change to the window's timers (`TimerOwner.timerChanges`). These check that every change the
 * lists can see is counted, so a kept list is always the list the timers would give.
 */
import { describe, expect, it } from 'vitest';
import { TimerService } from '../../../src/engine/runtime/timer-service';
import type { TimerOwner } from '../../../src/engine/runtime/timer-service';

function owner(): TimerOwner {
  return { eventTimers: [], processingTimers: [], timerChanges: 0 };
}

describe('an owner’s timer changes', () => {
  it('count every change of its lists', () => {
    const timers = new TimerService(() => undefined, true);
    const window = owner();
    const lists = () => timers.ownerTimers(window);
    let changes = window.timerChanges;
    let last = lists();
    /** Runs `change`, which changes the lists or not; a change must move the count. */
    const expectCounted = (change: () => void, listsChange: boolean) => {
      change();
      const now = lists();
      if (listsChange) {
        expect(now).not.toEqual(last);
        expect(window.timerChanges).not.toBe(changes);
      } else {
        expect(now).toEqual(last);
      }
      changes = window.timerChanges;
      last = now;
    };
    expectCounted(() => timers.registerEventTimeTimer('k', window, 100), true);
    expectCounted(() => timers.registerEventTimeTimer('k', window, 100), false);
    expectCounted(() => timers.registerProcessingTimeTimer('k', window, 50), true);
    expectCounted(() => timers.deleteProcessingTimeTimer(window, 50), true);
    expectCounted(() => timers.deleteProcessingTimeTimer(window, 50), false);
    // Deleted, then registered again: the earlier entry, still queued, is the one that fires.
    expectCounted(() => {
      timers.deleteEventTimeTimer(window, 100);
      timers.registerEventTimeTimer('k', window, 100);
    }, false);
    expectCounted(() => timers.advanceWatermark(99, () => undefined), false);
    expectCounted(() => timers.advanceWatermark(100, () => undefined), true);
    expect(last.event).toEqual([]);
  });

  it('keep a list that did not change, and build one that did', () => {
    const timers = new TimerService(() => undefined, true);
    const window = owner();
    timers.registerEventTimeTimer('k', window, 100);
    const first = timers.ownerTimers(window);
    expect(timers.ownerTimers(window, first.event, first.processing).event).toBe(first.event);
    timers.registerEventTimeTimer('k', window, 200);
    const second = timers.ownerTimers(window, first.event, first.processing);
    expect(second.event).not.toBe(first.event);
    expect(second.event).toEqual([100, 0, 200, 1]);
    expect(first.event).toEqual([100, 0]);
  });

  it('are listed the same when the service starts keeping them only later', () => {
    // The same timers, on a service that keeps them per owner from the start and on one that
    // starts at its first snapshot (`keepPerOwner`), as a window operator's does.
    const services = [new TimerService(() => undefined, true), new TimerService(() => undefined)];
    const windows = services.map(() => [owner(), owner()]);
    services.forEach((timers, s) => {
      const [a, b] = windows[s] as TimerOwner[];
      timers.registerEventTimeTimer('a', a as TimerOwner, 100);
      timers.registerEventTimeTimer('b', b as TimerOwner, 100);
      timers.registerEventTimeTimer('a', a as TimerOwner, 300);
      timers.registerProcessingTimeTimer('b', b as TimerOwner, 40);
      // Deleted and registered again: the first entry, still queued, keeps its place.
      timers.deleteEventTimeTimer(a as TimerOwner, 100);
      timers.registerEventTimeTimer('a', a as TimerOwner, 100);
      timers.advanceWatermark(50, () => undefined);
    });
    const late = services[1] as TimerService;
    late.keepPerOwner();
    const listed = services.map((timers, s) =>
      (windows[s] as TimerOwner[]).map((window) => timers.ownerTimers(window)),
    );
    expect(listed[1]).toEqual(listed[0]);
    expect(listed[0]?.[0]?.event).toEqual([300, 2, 100, 0]);
    // From then on, changes are kept as they come.
    services.forEach((timers, s) => {
      timers.advanceWatermark(100, () => undefined);
      timers.registerEventTimeTimer('b', (windows[s] as TimerOwner[])[1] as TimerOwner, 500);
    });
    const after = services.map((timers, s) =>
      (windows[s] as TimerOwner[]).map((window) => timers.ownerTimers(window)),
    );
    expect(after[1]).toEqual(after[0]);
  });
});
