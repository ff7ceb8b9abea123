/**
 * The `streamlab` command line (bin/streamlab.mjs): `run` and `check`, and how each is used.
 * Everything it prints goes through `io`, so tests call it in-process.
 */
import { checkCommand } from './check-command';
import { EXIT, UsageError, type Io } from './io';
import { runCommand } from './run-command';

const USAGE = `streamlab: run stream-processing pipelines and grade lessons from the command line

Usage:
  streamlab run <file.ts> [options]
      Runs the pipeline that file.ts builds (its default export, as in the playground) with the
      playground's engine, and prints what reached each sink, side output and upsert table.
      Rows a text source skipped (onError: 'skip') are listed on stderr as file:line:column.

      --json             print the results as JSON instead of tables
      --seed <n>         the run's random seed (default 1, as in the playground)
      --until <ms>       stop at this processing time (for sources that never end)
      --rows <n|all>     rows shown per table (default 100)

  streamlab check <lesson> <file-or-folder> [options]
      Grades submissions with a lesson's check, as the lesson page does. <lesson> is a lesson's
      folder or id (lessons/01-basics/01-what-is-a-stream, 01-basics/01-what-is-a-stream) or its
      slug (what-is-a-stream). In a folder, each .ts file is one submission of the lesson's
      pipeline.ts, and each subfolder one submission holding the lesson's file names. Writes a
      report with one row per submission: file, result (pass or fail) and the check's message.

      --format <csv|json> the report's format (default csv)
      --out <file>       write the report to a file instead of stdout
      --jobs <n>         submissions graded at once (default: one fewer than the cores, 1 to 4)

  Both commands:
      --time-limit <s>   a run's wall-clock limit in seconds (default 60)
      --max-memory <mb>  a run's heap limit in MB (default 1024)
      --help, -h         show this help

  Learner code runs as in the playground: in a thread of its own, a loop that runs 1.5 s without
  finishing is stopped at its line, and a call that takes more than 2 s ends the thread.

Exit codes:
  0  run: the program ran to its end (or to --until); check: the grading ran, whatever it found
  1  run: the program did not compile, failed, looped or ran out of memory or time
  2  the command was wrong: an unknown option, a missing file, an unknown lesson
  3  streamlab itself failed
`;

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || isHelp(command)) {
      (command === undefined ? io.stderr : io.stdout).write(USAGE);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (rest.some(isHelp)) {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (command === 'run') return await runCommand(rest, io);
    if (command === 'check') return await checkCommand(rest, io);
    throw new UsageError(`There is no command "${command}": the commands are run and check.`);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`streamlab: ${(error as Error).message}\nRun streamlab --help for usage.\n`);
      return EXIT.usage;
    }
    io.stderr.write(`streamlab: an internal error: ${String((error as Error)?.stack ?? error)}\n`);
    return EXIT.internal;
  }
}

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

/** node:util's parseArgs throws these for unknown options and missing values. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}
