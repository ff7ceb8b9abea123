import { FlateErrorCode, Inflate, type FlateError } from 'fflate';

/** Why raw deflate data could not be inflated. */
export type InflateProblem = 'too-big' | 'cut-short' | 'corrupt';

/** Input is fed in slices this big, so one step inflates at most about 1 MB (deflate's ratio is ~1:1032). */
const SLICE = 1024;

/**
 * Inflates raw deflate data, stopping as soon as the output passes `maxBytes`. A share link comes from
 * anyone: a few kilobytes of deflate can expand to megabytes (a zip bomb), so the output is counted
 * as it streams out of fflate's {@link Inflate} and never held beyond the limit.
 */
export function inflateBounded(
  data: Uint8Array,
  maxBytes: number,
): { ok: true; bytes: Uint8Array } | { ok: false; problem: InflateProblem } {
  // An empty deflate stream is not a finished one: fflate would return nothing without complaint.
  if (data.length === 0) return { ok: false, problem: 'cut-short' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) tooBig = true;
    else chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length && !tooBig; at += SLICE) {
      inflater.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
    }
  } catch (error) {
    const code = (error as Partial<FlateError>).code;
    return { ok: false, problem: code === FlateErrorCode.UnexpectedEOF ? 'cut-short' : 'corrupt' };
  }
  if (tooBig) return { ok: false, problem: 'too-big' };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes };
}
