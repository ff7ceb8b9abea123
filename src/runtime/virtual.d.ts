declare module 'virtual:streamlab/sandbox-worker' {
  /** URL of the sandbox worker's self-contained script. */
  const url: string;
  export default url;
}

declare module 'virtual:streamlab/engine-types' {
  /** The engine's type declarations by path (`index.d.ts`, …), for the editor. */
  const files: Readonly<Record<string, string>>;
  export default files;
}
