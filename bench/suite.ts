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
  /** What contenders should reach; the report says, for each, whether it did. */
  readonly aims?: readonly Aim[];
  /** Checks that every contender computed the same answer, so no one wins by doing less. */
  readonly sameResult?: (a: unknown, b: unknown) => boolean;
}

/**
 * A speed a contender should reach relative to another (`minSpeed`, e.g. 0.83 for a cost under
 * 20%), the baseline unless `against` names another; or a throughput, in items per second.
 */
export type Aim =
  | {
      readonly contender: string;
      readonly minSpeed: number;
      readonly against?: string;
      readonly text: string;
    }
  | { readonly contender: string; readonly minPerSecond: number; readonly text: string };

export function defineSuite(suite: BenchSuite): BenchSuite {
  return suite;
}
