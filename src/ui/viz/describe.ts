/**
 * Marks in words. Tooltips, screen-reader labels and chart summaries all use these, so what a
 * learner hovers, what a screen reader says and what the data attributes hold agree.
 */
import type { Key, PaneTiming } from 'streamlab';
import { formatNumber, formatTime, roundNumbersIn } from '../run/format';
import { FATES } from './palette';
import type { MergeMark, PaneMark, RecordMark, TimerMark } from './trace-model';

export const TIMING_LABEL: Readonly<Record<PaneTiming, string>> = {
  EARLY: 'early',
  ON_TIME: 'on time',
  LATE: 'late',
};

export function keyLabel(key: Key | null): string {
  return key === null ? '(no key)' : typeof key === 'string' ? key : String(key);
}

export function windowLabel(start: number, end: number): string {
  return `[${formatTime(start)}, ${formatTime(end)})`;
}

/**
 * A value's summary to read, with its numbers rounded, and the exact summary as a second line when
 * rounding changed it: the exact value stays one hover away.
 */
function valueLines(value: string, prefix = ''): string[] {
  const rounded = roundNumbersIn(value);
  return rounded === value ? [prefix + value] : [prefix + rounded, `exact: ${value}`];
}

/** Lines describing a record at an operator. */
export function recordLines(record: RecordMark): string[] {
  const lines = [
    ...valueLines(record.value),
    `event time ${formatTime(record.eventTime)} · arrived at ${formatTime(record.time)}`,
  ];
  if (record.key !== null) lines.push(`key ${keyLabel(record.key)}`);
  const fate = FATES[record.fate].label;
  lines.push(
    record.lateBehind === null
      ? fate
      : `${fate}: behind the watermark ${formatTime(record.lateBehind)}`,
  );
  return lines;
}

/** Lines describing a pane (one firing of a window). */
export function paneLines(pane: PaneMark): string[] {
  const lines = [
    `${TIMING_LABEL[pane.timing]} pane #${pane.index}${pane.isLast ? ' (final)' : ''} of ${windowLabel(pane.start, pane.end)}`,
    `fired at ${formatTime(pane.time)}`,
  ];
  if (pane.key !== null) lines.push(`key ${keyLabel(pane.key)}`);
  if (pane.field !== null) {
    const { name, value } = pane.field;
    const exact = String(value);
    const shown = typeof value === 'number' ? formatNumber(value) : exact;
    lines.push(`${name} ${shown}${shown === exact ? '' : ` (exact: ${exact})`}`);
  }
  if (pane.value === null) lines.push('emitted nothing');
  else lines.push(...valueLines(pane.value, 'result '));
  return lines;
}

/**
 * What a pane's box says, as a learner would say its result: for a field aggregation the field's
 * value (`812.5`), otherwise the result's summary, numbers rounded. With `withKey`, the key comes
 * first (`boiler-1: 812.5`) when it fits in `chars` characters; the value is cut to fit.
 */
export function paneCaption(pane: PaneMark, chars: number, withKey = false): string {
  const value = paneResult(pane);
  if (withKey && pane.key !== null) {
    const keyed = `${keyLabel(pane.key)}: ${value}`;
    if (keyed.length <= chars) return keyed;
  }
  if (value.length <= chars) return value;
  return chars < 2 ? '' : `${value.slice(0, chars - 1)}…`;
}

/**
 * A pane's result as a learner would say it: for a field aggregation the field's value, else the
 * result's summary; numbers rounded (`∅` when it emitted nothing).
 */
export function paneResult(pane: PaneMark): string {
  const field = pane.field;
  if (field !== null) {
    return typeof field.value === 'number'
      ? formatNumber(field.value)
      : roundNumbersIn(field.value);
  }
  return pane.value === null ? '∅' : roundNumbersIn(pane.value);
}

/** Lines describing a process function's timer. */
export function timerLines(timer: TimerMark, fired: boolean): string[] {
  const domain = timer.domain === 'event-time' ? 'event-time' : 'processing-time';
  const lines = [`${domain} timer for ${formatTime(timer.timestamp)}`];
  if (timer.key !== null) lines.push(`key ${keyLabel(timer.key)}`);
  lines.push(`set at processing time ${formatTime(timer.registered)}`);
  lines.push(
    fired && timer.fired !== null
      ? `fired at processing time ${formatTime(timer.fired)}`
      : 'not fired yet',
  );
  return lines;
}

/** Lines describing a session merge. */
export function mergeLines(merge: MergeMark): string[] {
  const parts = merge.parts.map((p) => windowLabel(p.start, p.end));
  return [
    `merged into ${windowLabel(merge.start, merge.end)}`,
    `${parts.join(' and ')}, bridged by a new record`,
    ...(merge.key === null ? [] : [`key ${keyLabel(merge.key)}`]),
    `at processing time ${formatTime(merge.time)}`,
  ];
}
