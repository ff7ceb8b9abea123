/**
 * A progress bar on stderr (cli-progress, which redraws in place at a steady rate) for runs long
 * enough to wonder about, and only on a terminal: in a pipe or a file it would be noise.
 */
import { SingleBar } from 'cli-progress';

/** A run shorter than this shows no bar at all. */
const SHOW_AFTER_MS = 500;

export interface ProgressStream {
  readonly isTTY?: boolean;
}

export interface Progress {
  /** `done` of `total` (with no total, the bar shows what it has done). */
  update(done: number, details: Record<string, string>): void;
  stop(): void;
}

/**
 * @param total what "done" counts to, or undefined when unknown (a run to the end of its sources)
 * @param details the format of the text after the bar: `{name}` for each of `update`'s details
 */
export function progressOn(
  stream: ProgressStream,
  total: number | undefined,
  details: string,
): Progress {
  if (stream.isTTY !== true) return { update: () => {}, stop: () => {} };
  const started = performance.now();
  let bar: SingleBar | undefined;
  return {
    update(done, values) {
      if (bar === undefined) {
        if (performance.now() - started < SHOW_AFTER_MS) return;
        bar = new SingleBar({
          stream: stream as NodeJS.WritableStream,
          format: total === undefined ? details : `{bar} {percentage}% | ${details}`,
          clearOnComplete: true,
          // A hidden cursor would stay hidden after Ctrl-C.
          hideCursor: false,
          barsize: 30,
        });
        bar.start(total ?? 0, done, values);
      }
      bar.update(done, values);
    },
    stop() {
      bar?.stop();
    },
  };
}
