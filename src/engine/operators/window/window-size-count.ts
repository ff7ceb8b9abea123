/**
 * The size of a window operator's checkpoints, known when one is taken without visiting the
 * windows: each window's size is counted again after every event that changes it, and the total
 * kept. The first snapshot visits every window, in columns, to start the count. A window that stops
 * fitting the columns (an element with a nested object, say) is counted too; while one does not
 * fit, checkpoints are taken whole, as rows (`window-snapshot.ts`).
 *
 * Both ways of taking checkpoints of fixed windows count with it: copy-on-write
 * (`window-versions.ts`) and in slots (`window-slots.ts`).
 */
import type { FieldAccumulator } from '../../functions/field-accumulator-copy';
import { columnedSize } from './window-columns';
import type { WindowEntry } from './window-entry';

// Imported bindings the code below uses for every event, read once: where modules are compiled to
// CommonJS (Node, the benchmarks), each read of an imported binding is a getter call.
const sizeOf = columnedSize;

type Fields = Record<string | number, unknown>;

/** Stands for any number an accumulator holds (see {@link sizedBy}). */
const A_NUMBER = Symbol('a number');

export class WindowSizeCount {
  /** Whether windows are counted (from the first snapshot on). */
  counting = false;
  /** The sizes of the windows that fit the columns, and how many do not. */
  bytes = 0;
  unfit = 0;

  constructor(
    private readonly recordField: string | number | undefined,
    /** Whether the trigger keeps state (see `columnedSize`). */
    private readonly trigger: { readonly keepsState: boolean },
  ) {}

  /**
   * Whether `entry`, changed by an event, still counts for what it did, which is known without
   * counting it: mostly an element was added to a window that already held one, and nothing that
   * counts for its size changed: not how many timers it has, not its record, and the value is a
   * number again. Notes that the count has seen the window's timers as they are now.
   */
  unchanged(entry: WindowEntry): boolean {
    const timers = entry.eventTimers.length + entry.processingTimers.length;
    if (entry.countedAt !== timers) {
      // Its timers changed: its size changed with them.
      entry.countedAt = timers;
      return false;
    }
    if (this.trigger.keepsState || entry.count <= 1) return false;
    if (entry.sized === undefined || entry.counted <= 0) return false;
    const { current } = entry.contents as FieldAccumulator;
    return typeof current === 'number'
      ? entry.sized === A_NUMBER
      : current === entry.sized &&
          typeof (current as Fields)[this.recordField as string | number] === 'number';
  }

  /** Counts `entry` again, as it is now. */
  count(entry: WindowEntry): void {
    const size = sizeOf(entry, this.recordField, !this.trigger.keepsState);
    entry.sized = sizedBy(entry, this.recordField, size);
    if (size === entry.counted) return;
    this.uncount(entry.counted);
    entry.counted = size;
    if (size < 0) this.unfit++;
    else this.bytes += size;
  }

  /** `entry` was dropped (cleaned up): it no longer counts. */
  drop(entry: WindowEntry): void {
    this.uncount(entry.counted);
    entry.counted = 0;
  }

  private uncount(size: number): void {
    if (size < 0) this.unfit--;
    else this.bytes -= size;
  }
}

/**
 * What {@link WindowSizeCount.unchanged} may take as unchanged next time, a number being the same
 * size as any other: the accumulator's record, if its field holds a number, or A_NUMBER if it holds
 * a number; `undefined` when neither.
 */
function sizedBy(
  entry: WindowEntry,
  field: string | number | undefined,
  size: number,
): object | symbol | undefined {
  if (size < 0 || entry.count === 0) return undefined;
  const { current } = entry.contents as FieldAccumulator;
  if (typeof current === 'number') return A_NUMBER;
  if (typeof current !== 'object' || current === null || field === undefined) return undefined;
  return typeof (current as Fields)[field] === 'number' ? current : undefined;
}
