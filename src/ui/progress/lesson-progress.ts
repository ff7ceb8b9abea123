/**
 * How far the learner has got with one lesson. Only facts are kept (when it was started, when
 * its check last passed, when it was marked read); the status follows from them. Facts are
 * never taken back, so a later failing run cannot undo a pass, and two records of the same
 * lesson (say, from two tabs) merge without losing either.
 */
export type LessonStatus = 'not-started' | 'in-progress' | 'done';

/** A passing check: when (ms since the epoch) and what the check said. */
export interface Pass {
  readonly at: number;
  readonly message: string;
}

export interface LessonProgress {
  /** When the learner first edited or ran the lesson's code, or opened a lesson with no check. */
  readonly startedAt?: number;
  /** The lesson's check passing, the last time it did. */
  readonly passed?: Pass;
  /** When the learner marked a lesson that has no check as read. */
  readonly readAt?: number;
}

export type ProgressEvent =
  | { readonly kind: 'started'; readonly at: number }
  | { readonly kind: 'passed'; readonly at: number; readonly message: string }
  | { readonly kind: 'read'; readonly at: number };

export const NOT_STARTED: LessonProgress = Object.freeze({});

export function statusOf(progress: LessonProgress): LessonStatus {
  if (progress.passed || progress.readAt !== undefined) return 'done';
  return progress.startedAt !== undefined ? 'in-progress' : 'not-started';
}

/**
 * The progress after `event`. Returns `progress` itself when the event adds nothing (a second
 * edit, a second "read"), so callers can skip writing it.
 */
export function record(progress: LessonProgress, event: ProgressEvent): LessonProgress {
  // Passing or reading a lesson also starts it: "started" is the first sign of any work.
  const startedAt = progress.startedAt ?? event.at;
  switch (event.kind) {
    case 'started':
      return progress.startedAt !== undefined ? progress : { ...progress, startedAt };
    case 'passed':
      // The newest pass is the one the lesson page recalls.
      if (progress.passed && progress.passed.at >= event.at) return progress;
      return { ...progress, startedAt, passed: { at: event.at, message: event.message } };
    case 'read':
      return progress.readAt !== undefined
        ? progress
        : { ...progress, startedAt, readAt: event.at };
  }
}

/** Both records' facts: the earliest start and reading, the latest pass. */
export function merge(a: LessonProgress, b: LessonProgress): LessonProgress {
  const startedAt = earliest(a.startedAt, b.startedAt);
  const readAt = earliest(a.readAt, b.readAt);
  const passed = !a.passed
    ? b.passed
    : !b.passed || a.passed.at >= b.passed.at
      ? a.passed
      : b.passed;
  return {
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(passed ? { passed } : {}),
    ...(readAt !== undefined ? { readAt } : {}),
  };
}

/**
 * A stored record, read defensively: storage outlives versions of the app and can be edited
 * by hand, so a field of the wrong shape is dropped rather than trusted.
 */
export function fromStored(value: unknown): LessonProgress {
  if (typeof value !== 'object' || value === null) return NOT_STARTED;
  const v = value as Record<string, unknown>;
  const passed = v['passed'] as Record<string, unknown> | undefined;
  const progress: { startedAt?: number; passed?: Pass; readAt?: number } = {};
  if (isTime(v['startedAt'])) progress.startedAt = v['startedAt'];
  if (isTime(v['readAt'])) progress.readAt = v['readAt'];
  if (typeof passed === 'object' && passed !== null && isTime(passed['at'])) {
    progress.passed = {
      at: passed['at'],
      message: typeof passed['message'] === 'string' ? passed['message'] : '',
    };
  }
  return progress;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
