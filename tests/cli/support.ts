/** Runs the command line in-process or as the `streamlab` bin, and makes programs to run. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main';

export const REPO = new URL('../..', import.meta.url).pathname;
export const BIN = join(REPO, 'bin/streamlab.mjs');

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Calls `main` with `args`, in `cwd`, capturing what it writes. */
export async function cli(args: readonly string[], cwd: string): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
  });
  return { code, stdout, stderr, ms: performance.now() - started };
}

/** Runs `node bin/streamlab.mjs` with `args` in `cwd`, as a user's shell would. */
export function bin(args: readonly string[], cwd: string): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }),
    );
  });
}

/** A fresh folder holding `files` (paths relative to it). */
export function folderWith(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'streamlab-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export const LESSON = '01-basics/01-what-is-a-stream';
const lessonFile = (path: string) => readFileSync(join(REPO, 'lessons', LESSON, path), 'utf8');
/** The first lesson's solution: five alerts in the sink `alerts`. */
export const SOLUTION = lessonFile('solution/pipeline.ts');
export const HARD_CODED = lessonFile('mistakes/hard-coded.ts');

const program = (body: string) => `import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
${body}
}
`;

/** A syntax error at line 4, column 37. */
export const SYNTAX_ERROR = program(
  `  env.fromElements(1, 2, 3).map((n) => n * ).sinkTo(env.collect('out'));`,
);

/** A loop at line 8 that never ends. */
export const ENDLESS_LOOP = program(`  env
    .fromElements(1, 2, 3)
    .map((n) => {
      let i = 0;
      while (n > 0) i++;
      return i;
    })
    .sinkTo(env.collect('out'));`);

/** Keeps allocating until the heap is full (line 8). */
export const MEMORY_BLOW_UP = program(`  const kept: number[][] = [];
  env
    .fromElements(1, 2, 3)
    .map((n) => {
      for (;;) kept.push(new Array(10000).fill(n));
      return n;
    })
    .sinkTo(env.collect('out'));`);
