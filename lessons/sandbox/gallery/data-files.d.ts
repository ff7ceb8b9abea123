// The gallery's programs import their data files as text, as in the sandbox. The editor types
// those imports with DATA_FILE_DECLARATIONS (src/runtime/compile/data-files.ts); this says the same
// for the project's own type check, for the endings the examples use. (`.txt` and `.json` have
// other meanings in the app's own code, so they are left out here.)
declare module '*.csv' {
  /** The file's text, to read with a text source such as `csvSource`. */
  const text: string;
  export default text;
}

declare module '*.jsonl' {
  /** The file's text, to read with a text source such as `jsonLinesSource`. */
  const text: string;
  export default text;
}
