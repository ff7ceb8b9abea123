/**
 * Renaming a sandbox's data file, as an editor renames a module: the program's imports of it
 * follow (`import rows from './readings.csv'` becomes `'./june.csv'`), so a rename never breaks a
 * run that worked.
 */
import type { FileSet } from '../../content/types';
import {
  DATA_FILE_EXTENSIONS,
  dataFileSpecifier,
  isDataFile,
} from '../../runtime/compile/data-files';
import { FILE_NAME_RULE, isFileName, PIPELINE_FILE } from '../sandboxes/sandbox-content';

export type DataFileRename =
  | {
      readonly ok: true;
      /** The new name, as typed or with the old extension added. */
      readonly to: string;
      /** The program files whose imports of the file changed, with their new text. */
      readonly imports: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly problem: string };

/**
 * What renaming `from` to `typed` does to `files`, or why it cannot. A name typed without a data
 * file's extension keeps the old one ("june" → `june.csv`).
 */
export function renameDataFile(files: FileSet, from: string, typed: string): DataFileRename {
  if (!isDataFile(from) || from === PIPELINE_FILE) {
    return { ok: false, problem: `${from} is not a data file: only data files are renamed here.` };
  }
  const trimmed = typed.trim();
  if (trimmed === '') return { ok: false, problem: 'Type a name for the file.' };
  const to = isDataFile(trimmed) ? trimmed : `${trimmed}${extensionOf(from)}`;
  if (to === from) return { ok: true, to, imports: {} };
  if (!isFileName(to))
    return { ok: false, problem: `"${to}" cannot name a file: ${FILE_NAME_RULE}` };
  if (Object.hasOwn(files, to)) return { ok: false, problem: `There is already a file ${to}.` };

  const imports: Record<string, string> = {};
  const specifier = quotedSpecifier(dataFileSpecifier(from));
  for (const [name, text] of Object.entries(files)) {
    if (isDataFile(name)) continue;
    const changed = text.replace(
      specifier,
      (_match, quote: string) => `${quote}${dataFileSpecifier(to)}${quote}`,
    );
    if (changed !== text) imports[name] = changed;
  }
  return { ok: true, to, imports };
}

function extensionOf(name: string): string {
  return DATA_FILE_EXTENSIONS.find((extension) => name.endsWith(extension)) ?? '';
}

/** `'./readings.csv'` or `"./readings.csv"` (or in backticks), the whole string and nothing else. */
function quotedSpecifier(specifier: string): RegExp {
  const escaped = specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(['"\`])${escaped}\\1`, 'g');
}
