/**
 * Marks in words. Tooltips, screen-reader labels and chart summaries all use these, so what a
 * learner hovers, what a screen reader says and what the data attributes hold agree.
 */
import type { Key, PaneTiming } from 'streamlab';
import { formatTime } from '../run/format';
import { FATES } from './palette';
import type { PaneMark, RecordMark } from './trace-model';

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

/** Lines describing a record at an operator. */
export function recordLines(record: RecordMark): string[] {
  const lines = [
    record.value,
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
  lines.push(pane.value === null ? 'emitted nothing' : `result ${pane.value}`);
  return lines;
}

/** A short label for a pane box: the result value, shortened to fit `chars` characters. */
export function paneCaption(pane: PaneMark, chars: number): string {
  const text = pane.value ?? '∅';
  if (text.length <= chars) return text;
  return chars < 2 ? '' : `${text.slice(0, chars - 1)}…`;
}
