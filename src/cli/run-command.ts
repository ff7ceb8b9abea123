/** `streamlab run <file.ts>`: runs a pipeline with the playground's engine and prints its sinks. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CheckInput } from 'streamlab';
import { isDataFile } from '../runtime/compile/data-files';
import type { ConsoleEntry } from '../runtime/worker/api';
import { formatTime } from '../ui/run/format';
import { failureText } from './failure-text';
import { EXIT, UsageError, type Io } from './io';
import { integer, LIMIT_OPTIONS, readLimits } from './limits';
import { progressOn } from './progress';
import { runProgram } from './run-program';
import { skippedText } from './skipped-text';
import { resultTables } from './tables';

/** Rows shown per table unless `--rows` says otherwise. */
const DEFAULT_ROWS = 100;

const decoder = new TextDecoder();

export async function runCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      seed: { type: 'string' },
      until: { type: 'string' },
      rows: { type: 'string' },
      ...LIMIT_OPTIONS,
    },
  });
  if (positionals.length !== 1) {
    throw new UsageError('streamlab run takes one file: streamlab run <file.ts>');
  }
  const path = positionals[0] as string;
  const source = readSource(resolve(io.cwd, path), path);
  const seed = integer(values.seed, '--seed');
  const until = integer(values.until, '--until');
  if (until !== undefined && until < 0) throw new UsageError('--until takes a time in ms, ≥ 0.');
  const rows = values.rows === 'all' ? Infinity : (integer(values.rows, '--rows') ?? DEFAULT_ROWS);
  const limits = readLimits(values);

  const entry = basename(path);
  const progress = progressOn(
    io.stderr,
    until,
    'processing time {time} | {records} records read | {elapsed} s',
  );
  const outcome = await runProgram({
    files: { ...dataFilesBeside(resolve(io.cwd, path)), [entry]: source },
    entry,
    ...(seed === undefined ? {} : { seed }),
    ...(until === undefined ? {} : { until }),
    provenance: false,
    trace: 'counters',
    ...limits,
    onProgress: (p) =>
      progress.update(until === undefined ? p.recordsRead : Math.min(until, p.processingTime), {
        time: formatTime(p.processingTime),
        records: p.recordsRead.toLocaleString('en-US'),
        elapsed: (p.elapsedMs / 1000).toFixed(1),
      }),
  }).finally(() => progress.stop());

  writeConsole(io, outcome.log.console, path);
  // Rows left out are said whether or not the run went on to fail: none is dropped unseen.
  for (const line of skippedText(outcome.log.skipped, path)) io.stderr.write(`${line}\n`);
  if (!outcome.ok) {
    io.stderr.write(`${failureText(outcome.failure, entry, path)}\n`);
    if (values.json) {
      const { printed, console, skipped } = outcome.log;
      const json = { file: path, ok: false, failure: outcome.failure, printed, console, skipped };
      io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    }
    return EXIT.programFailed;
  }
  const run = JSON.parse(decoder.decode(outcome.input)) as CheckInput;
  const { printed, processingTime } = outcome.log;
  if (values.json) {
    const { outputs, tables, sideOutputs, finished } = run;
    const json = {
      file: path,
      ok: true,
      finished,
      processingTime,
      outputs,
      tables,
      sideOutputs,
      printed,
      console: outcome.log.console,
      skipped: outcome.log.skipped,
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout.write(resultTables({ ...run, printed }, rows));
  }
  if (!run.finished) {
    io.stderr.write(
      `Stopped at processing time ${formatTime(processingTime)} (--until): the sources had not ended.\n`,
    );
  }
  return EXIT.ok;
}

/**
 * The data files in the program's folder (`readings.csv`, …), which it may import as text the way
 * a sandbox's program imports the files beside it.
 */
function dataFilesBeside(program: string): Record<string, string> {
  const folder = dirname(program);
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (isDataFile(name) && statSync(path).isFile()) files[name] = readFileSync(path, 'utf8');
  }
  return files;
}

function readSource(absolute: string, path: string): string {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `There is no file ${path}.`
        : code === 'EISDIR'
          ? `${path} is a folder: streamlab run takes a .ts file.`
          : `${path} cannot be read (${String(error)}).`,
    );
  }
}

/** The learner's console lines, on stderr, each at its line: `pipeline.ts:12: log: text`. */
function writeConsole(io: Io, entries: readonly ConsoleEntry[], path: string): void {
  for (const entry of entries) {
    const place = entry.line === undefined ? path : `${path}:${entry.line}`;
    io.stderr.write(`${place}: console.${entry.level}: ${entry.text}\n`);
  }
}
