/**
 * A program's data files: the files beside it that it imports as text
 * (`import readings from './readings.csv'`) and reads with the engine's text sources. Only the
 * exact relative name of a file in the run's set imports it; nothing else becomes importable.
 */

/** The endings of files a program imports as text. */
export const DATA_FILE_EXTENSIONS: readonly string[] = ['.csv', '.jsonl', '.json', '.txt'];

/** Whether a file of the set is imported as text. */
export function isDataFile(name: string): boolean {
  return DATA_FILE_EXTENSIONS.some((extension) => name.endsWith(extension));
}

/** The specifier that imports the data file `name`: `./readings.csv`. */
export function dataFileSpecifier(name: string): string {
  return `./${name}`;
}

/**
 * The modules the data files among `files` make, by the specifier that imports each: the file's
 * text as the default export. `__esModule` tells the compiled import to take `default` as it is
 * rather than wrap the module (as it wraps a CommonJS one).
 */
export function dataFileModules(files: Readonly<Record<string, string>>): Record<string, unknown> {
  const modules: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, text] of Object.entries(files)) {
    if (isDataFile(name)) {
      modules[dataFileSpecifier(name)] = Object.freeze({ __esModule: true, default: text });
    }
  }
  return modules;
}

/**
 * The data file whose text is `text`, if any. A text source hands back the text it read (not where
 * it came from), and a program imports a file's text whole, so the text names the file; two files
 * with the same text have the same lines, so either is right.
 */
export function dataFileHolding(
  files: Readonly<Record<string, string>>,
  text: string | undefined,
): string | undefined {
  if (text === undefined) return undefined;
  return Object.keys(files).find((name) => isDataFile(name) && files[name] === text);
}

/**
 * TypeScript's view of those imports, for the editor: each is a module whose default export is a
 * string. The runtime decides which files exist; a missing one fails the run at its import.
 */
export const DATA_FILE_DECLARATIONS: string = DATA_FILE_EXTENSIONS.map(
  (extension) => `declare module '*${extension}' {
  /** The file's text, to read with a text source such as \`csvSource\` or \`jsonLinesSource\`. */
  const text: string;
  export default text;
}`,
).join('\n');
