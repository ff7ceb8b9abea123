import type { JobMetrics } from 'streamlab';

/**
 * One line under a figure saying what its run did with lateness, the thing its sliders usually
 * change: records in, late ones accepted, dropped or sent aside, windows fired.
 */
export function figureSummary(metrics: JobMetrics | undefined): string {
  if (metrics === undefined) return '';
  let dropped = 0;
  let aside = 0;
  let accepted = 0;
  let fired = 0;
  for (const m of Object.values(metrics.operators)) {
    dropped += m.lateRecordsDropped;
    aside += m.lateRecordsSideOutput;
    accepted += m.lateRecordsAccepted;
    fired += m.windowsFired;
  }
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const late = [
    dropped > 0 ? `${dropped} dropped` : '',
    aside > 0 ? `${aside} sent to a side output` : '',
    accepted > 0 ? `${accepted} accepted within the allowed lateness` : '',
  ].filter((part) => part !== '');
  return (
    [
      plural(fired, 'window fired', 'windows fired'),
      late.length === 0 ? 'no record was late' : `late records: ${late.join(', ')}`,
    ].join('; ') + '.'
  );
}
