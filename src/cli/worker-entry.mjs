/** A run's worker thread: TypeScript first, then the sandbox itself (see ./sandbox-worker.ts). */
import './load-typescript.mjs';

await import('./sandbox-worker.ts');
