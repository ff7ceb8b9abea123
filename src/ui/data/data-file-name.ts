/**
 * Names for the data files a learner adds to a sandbox: made from what they typed or uploaded,
 * always a name a share link and a sandbox file accept (letters, digits, `-`, `_`, one extension;
 * see `sandbox-content.ts`), never one already taken.
 */
import { MAX_FILE_NAME_LENGTH } from '../sandboxes/sandbox-content';
import type { DataFormat } from './sniff-format';

/** The extension a data file of `format` gets. */
export function extensionOf(format: DataFormat): '.csv' | '.jsonl' {
  return format === 'csv' ? '.csv' : '.jsonl';
}

/**
 * `wanted` ("Readings (2024).CSV", "C:\\fakepath\\late events.jsonl") made into a file name of
 * `format` that is not in `taken`: `Readings-2024.csv`, then `Readings-2024-2.csv`, ….
 */
export function dataFileName(wanted: string, format: DataFormat, taken: Iterable<string>): string {
  const extension = extensionOf(format);
  const base = baseName(wanted) || 'data';
  const names = new Set(taken);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const room = MAX_FILE_NAME_LENGTH - extension.length - suffix.length;
    const name = `${base.slice(0, room).replace(/[-_]+$/, '') || 'data'}${suffix}${extension}`;
    if (!names.has(name)) return name;
  }
}

/** The part of a typed or uploaded name before its extension, with only the allowed characters. */
function baseName(wanted: string): string {
  const file = wanted.split(/[\\/]/).pop() ?? '';
  const stem = file.replace(/\.(csv|tsv|txt|jsonl|ndjson|json)$/i, '');
  return stem
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}
