/**
 * A benchmark suite: contenders doing the same work, compared against one of them in the same run
 * (absolute speeds on a shared machine are noisy; ratios from one run are not).
 */
export interface BenchSuite {
  readonly name: string;
  /** What one run processes, to report throughput (e.g. 1_000_000 events). */
  readonly items: number;
  readonly itemName: string;
  /** The contender every other is compared with. */
  readonly baseline: string;
  /** Each contender does the whole job once per call and returns a result to check. */
  readonly contenders: Readonly<Record<string, () => unknown>>;
  /**
   * A speed a contender should reach relative to the baseline (`minSpeed`, e.g. 0.83 for a cost
   * under 20%); the report says whether it did.
   */
  readonly aim?: { readonly contender: string; readonly minSpeed: number; readonly text: string };
  /** Checks that every contender computed the same answer, so no one wins by doing less. */
  readonly sameResult?: (a: unknown, b: unknown) => boolean;
}

export function defineSuite(suite: BenchSuite): BenchSuite {
  return suite;
}
