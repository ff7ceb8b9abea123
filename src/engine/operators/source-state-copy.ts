/**
 * A checkpoint's copy of a source operator's state, taken without the general walk of `copyState`
 * when it can be, with the walk's size to the byte. The state and its splits' snapshots are engine
 * data, made afresh for every snapshot (`Partition.snapshot`), so they need no copy and no look at
 * their prototypes or keys: only their values do. Each is a number or a boolean, but for the
 * reader's position (a number or a string, or else a list of them), the watermark generator's state
 * (a flat record, for the built-in generators) and the event read ahead (a record holding the
 * learner's value). The shortcut takes a split whose position is a primitive, whose generator state
 * is a primitive or a flat record, and which read nothing ahead; anything else is left to the walk,
 * which keeps an object two values share as one, and counts it once.
 *
 * Why: the walk's bookkeeping (a map of the objects copied, a look at each object's symbol keys)
 * was most of what a checkpoint of a source cost, taken every checkpoint for a few numbers.
 */
import type { SourceSplitSnapshot } from '../runtime/snapshot';
import { SIZES, copyFlat } from '../state/copy-state';
import type { CopiedState } from '../state/copy-state';

/** A source operator's managed state: where each partition stands (Flink's split state). */
export interface SourceState {
  readonly partitions: readonly SourceSplitSnapshot[];
}

/** What a key of an object counts for in the walk: its slot and its name. */
function keyBytes(keys: readonly string[]): number {
  return keys.reduce((total, key) => total + SIZES.slot + SIZES.char * key.length, 0);
}

/** A split's snapshot without its values (see `Partition.snapshot` for its keys). */
const SPLIT_BYTES =
  SIZES.header +
  keyBytes([
    'partition',
    'finished',
    'lastArrival',
    'watermark',
    'idle',
    'generator',
    'position',
    'skip',
    'pending',
  ]) +
  // partition, lastArrival, watermark, skip; finished, idle.
  4 * SIZES.number +
  2 * SIZES.boolean;

/** The state without its splits: the record, and the list's header. */
const STATE_BYTES = SIZES.header + keyBytes(['partitions']) + SIZES.header;

/** Copies `state`, fresh from `SourceOperator.snapshotOwnState`; `undefined` to leave it to the walk. */
export function copySourceState(state: SourceState): CopiedState<SourceState> | undefined {
  const { partitions } = state;
  let bytes = STATE_BYTES + SIZES.slot * partitions.length;
  const copies: SourceSplitSnapshot[] = new Array<SourceSplitSnapshot>(partitions.length);
  for (let i = 0; i < partitions.length; i++) {
    const split = partitions[i] as SourceSplitSnapshot;
    if (split.pending !== undefined || !counted(split)) return undefined;
    const position = copyFlat(split.position);
    if (position === undefined || position.value !== split.position) return undefined;
    const generator = copyFlat(split.generator);
    if (generator === undefined) return undefined;
    bytes += SPLIT_BYTES + position.bytes + generator.bytes;
    // The split's snapshot is the state's own: its generator state is put in it, not a spread.
    if (generator.value !== split.generator) {
      (split as { generator: unknown }).generator = generator.value;
    }
    copies[i] = split;
  }
  return { value: { partitions: copies }, bytes };
}

/** Whether the values {@link SPLIT_BYTES} counts are the numbers and booleans it counts them as. */
function counted(split: SourceSplitSnapshot): boolean {
  return (
    typeof split.partition === 'number' &&
    typeof split.lastArrival === 'number' &&
    typeof split.watermark === 'number' &&
    typeof split.skip === 'number' &&
    typeof split.finished === 'boolean' &&
    typeof split.idle === 'boolean'
  );
}
