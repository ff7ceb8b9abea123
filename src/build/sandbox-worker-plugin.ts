import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { build, type Plugin, type Rolldown } from 'vite';

const ID = 'virtual:streamlab/sandbox-worker';
const DEV_PATH = '/@streamlab/sandbox-worker.js';

/**
 * Bundles the sandbox worker (`src/runtime/worker/main.ts`, the engine included) into one classic
 * script and serves it as a file. The sandbox iframe has an opaque origin, so it cannot start a
 * worker from our URL: the page fetches this script and the iframe starts it from a Blob. A Blob
 * cannot import chunks, hence one self-contained file.
 *
 * `import workerUrl from 'virtual:streamlab/sandbox-worker'` gives its URL, in dev and in builds.
 */
export function sandboxWorkerPlugin(options: { entry: string }): Plugin {
  let root = process.cwd();
  let isBuild = false;
  let cached: Promise<string> | undefined;

  const bundle = async (minify: boolean): Promise<string> => {
    const output = (await build({
      configFile: false,
      logLevel: 'warn',
      root,
      resolve: { alias: { streamlab: resolve(root, 'src/engine/index.ts') } },
      build: {
        write: false,
        minify,
        sourcemap: false,
        target: 'es2022',
        lib: {
          entry: resolve(root, options.entry),
          formats: ['iife'],
          name: 'StreamlabSandbox',
          fileName: () => 'sandbox-worker.js',
        },
        rolldownOptions: { output: { codeSplitting: false } },
      },
    })) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput;
    const outputs = Array.isArray(output) ? output : [output];
    const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('The sandbox worker bundle is empty');
    return chunk.code;
  };

  return {
    name: 'streamlab-sandbox-worker',
    configResolved(config) {
      root = config.root;
      isBuild = config.command === 'build';
    },
    resolveId(id) {
      return id === ID ? `\0${ID}` : undefined;
    },
    async load(id) {
      if (id !== `\0${ID}`) return undefined;
      if (!isBuild) return `export default ${JSON.stringify(DEV_PATH)};`;
      const code = await bundle(true);
      const hash = createHash('sha256').update(code).digest('hex').slice(0, 10);
      const ref = this.emitFile({
        type: 'asset',
        fileName: `assets/sandbox-worker-${hash}.js`,
        source: code,
      });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    configureServer(server) {
      const invalidate = (file: string) => {
        if (file.includes('/src/engine/') || file.includes('/src/runtime/')) cached = undefined;
      };
      server.watcher.on('change', invalidate);
      server.watcher.on('add', invalidate);
      server.middlewares.use(DEV_PATH, (_req, res, next) => {
        (cached ??= bundle(false)).then(
          (code) => {
            res.setHeader('Content-Type', 'text/javascript');
            res.end(code);
          },
          (error: unknown) => {
            cached = undefined;
            next(error);
          },
        );
      });
    },
  };
}
