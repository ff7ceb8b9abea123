/** Telling CSV from JSON Lines, for text pasted or uploaded without saying which it is. */
import type { DataFormat } from '../../engine/sources/text/describe-data';

export type { DataFormat };

/**
 * The format of `text`: its file name's extension if that says, else JSON Lines when the first
 * line that is not blank opens an object (a CSV header cannot start with `{` and still be one),
 * else CSV.
 */
export function sniffFormat(text: string, fileName = ''): DataFormat {
  if (/\.(jsonl|ndjson|json)$/i.test(fileName)) return 'jsonl';
  if (/\.(csv|tsv|txt)$/i.test(fileName)) return 'csv';
  const first = text.replace(/^\uFEFF/, '').trimStart();
  return first.startsWith('{') ? 'jsonl' : 'csv';
}
