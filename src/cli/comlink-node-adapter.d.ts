/** Comlink ships the Node adapter's types beside it as .d.ts, which TypeScript does not pair with .mjs. */
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
