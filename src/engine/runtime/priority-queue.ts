/**
 * A binary min-heap: the scheduler's event queue, and the times of every timer queue (see
 * `timer-queue.ts`). Ties must be broken by the caller's ordering (a sequence number), which is what
 * makes runs deterministic.
 */
export class PriorityQueue<T> {
  private readonly heap: T[] = [];

  /** `before(a, b)` is true when `a` must come out first; it must be a strict total order. */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  /** The first item, left in place. */
  peek(): T | undefined {
    return this.heap[0];
  }

  /** The items in no particular order, for inspection. */
  unordered(): readonly T[] {
    return this.heap;
  }

  push(item: T): void {
    const heap = this.heap;
    let index = heap.push(item) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const above = heap[parent] as T;
      if (!this.before(item, above)) break;
      heap[index] = above;
      index = parent;
    }
    heap[index] = item;
  }

  /** Removes and returns the first item. */
  pop(): T | undefined {
    const heap = this.heap;
    const first = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return first;
    let index = 0;
    const size = heap.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && this.before(heap[right] as T, heap[left] as T)) child = right;
      const below = heap[child] as T;
      if (!this.before(below, last)) break;
      heap[index] = below;
      index = child;
    }
    heap[index] = last;
    return first;
  }
}
