import { describe, expect, it } from 'vitest';
import { emptyMetrics } from '../../src/engine/metrics';
import { figureSummary } from '../../src/ui/figures/figure-summary';

describe("a figure's summary", () => {
  it('counts windows fired and late records across operators', () => {
    const window = { ...emptyMetrics(), windowsFired: 4, lateRecordsDropped: 2 };
    const other = { ...emptyMetrics(), windowsFired: 1, lateRecordsAccepted: 1 };
    expect(figureSummary({ operators: { a: window, b: other }, traceEventsDropped: 0 })).toBe(
      '5 windows fired; late records: 2 dropped, 1 accepted within the allowed lateness.',
    );
  });

  it('says when nothing was late', () => {
    const window = { ...emptyMetrics(), windowsFired: 1 };
    expect(figureSummary({ operators: { a: window }, traceEventsDropped: 0 })).toBe(
      '1 window fired; no record was late.',
    );
  });
});
