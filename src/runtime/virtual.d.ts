declare module 'virtual:streamlab/sandbox-worker' {
  /** URL of the sandbox worker's self-contained script. */
  const url: string;
  export default url;
}

declare module 'virtual:streamlab/engine-types' {
  /** The engine's type declarations by path (`index.d.ts`, …), for the editor. */
  const files: Readonly<Record<string, string>>;
  export default files;
  /** The names `index.d.ts` exports, sorted, and whether each is a value, a type or both. */
  export const engineExports: readonly import('../build/engine-exports').EngineExport[];
}
