/**
 * Pane information, after Apache Beam's `PaneInfo`: which firing of its window a result is.
 *
 * Flink itself does not label firings; the labels here follow from Flink's own rules:
 * - `EARLY`: the window fired before its time reached its end (the watermark, or for
 *   processing-time windows the clock, was still below `maxTimestamp`), for example by a count or
 *   continuous trigger.
 * - `ON_TIME`: the firing caused by time reaching `maxTimestamp`.
 * - `LATE`: any firing after that, such as the re-firing a late element causes within the allowed
 *   lateness.
 */

/** When a pane fired relative to the end of its window. */
export type PaneTiming = 'EARLY' | 'ON_TIME' | 'LATE';

/** Which firing of its window a result is. */
export interface PaneInfo {
  /** Whether the window fired before, at or after its end. */
  readonly timing: PaneTiming;
  /** 0 for the first firing of the window, then 1, 2, … */
  readonly index: number;
  /** True for the first firing. */
  readonly isFirst: boolean;
  /** True when the window's state is cleared right after this firing: no further pane follows. */
  readonly isLast: boolean;
}
