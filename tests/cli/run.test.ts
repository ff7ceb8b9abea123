/** `streamlab run`, called in-process: tables, JSON, and each way a program can fail. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cli, ENDLESS_LOOP, folderWith, REPO, SOLUTION, SYNTAX_ERROR } from './support';

/** The gallery's exactly-once example: a plain and a transactional sink, a failure at 7.5 s. */
const EXACTLY_ONCE = readFileSync(
  `${REPO}/lessons/sandbox/gallery/13-exactly-once/pipeline.ts`,
  'utf8',
);

const ALERTS = [
  { sensor: 'boiler-2', timestamp: 2000, over: 1.5 },
  { sensor: 'boiler-2', timestamp: 6000, over: 4.5 },
  { sensor: 'boiler-3', timestamp: 5000, over: 0.25 },
  { sensor: 'boiler-1', timestamp: 7000, over: 10.5 },
  { sensor: 'boiler-3', timestamp: 9000, over: 2 },
];

const ENDLESS_SOURCE = `import { WatermarkStrategy, type StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      env.datasets.sensorReadings({ sensors: 2, durationMs: Infinity }),
      WatermarkStrategy.forMonotonousTimestamps(),
      'readings',
    )
    .sinkTo(env.collect('readings'));
}
`;

const FROM_CSV = `import { csvSource, WatermarkStrategy, type StreamExecutionEnvironment } from 'streamlab';
import readings from './readings.csv';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      csvSource<{ sensor: string; ts: number; celsius: number }>(readings, {
        timestampField: 'ts',
        types: { celsius: 'number' },
      }),
      WatermarkStrategy.forMonotonousTimestamps(),
      'readings',
    )
    .map((r) => r.sensor + ' ' + r.celsius)
    .sinkTo(env.collect('readings'));
}
`;

describe('streamlab run', () => {
  const dir = folderWith({
    'alerts.ts': SOLUTION,
    'exactly-once.ts': EXACTLY_ONCE,
    'syntax.ts': SYNTAX_ERROR,
    'loop.ts': ENDLESS_LOOP,
    'endless-source.ts': ENDLESS_SOURCE,
    'from-csv.ts': FROM_CSV,
    'readings.csv': 'sensor,ts,celsius\ns1,1000,21.5\ns2,1500,19\n',
    'bad-row.ts': FROM_CSV.replace('./readings.csv', './bad.csv'),
    'bad.csv': 'sensor,ts,celsius\ns1,1000,21.5\ns2,later,19\n',
    'skip-rows.ts': FROM_CSV.replace('./readings.csv', './skip.csv').replace(
      "types: { celsius: 'number' },",
      "types: { celsius: 'number' },\n        onError: 'skip',",
    ),
    'skip.csv': 'sensor,ts,celsius\ns1,1000,21.5\ns2,later,19\ns3,2000,20\ns4,3000,warm\n',
    'logs.ts': SOLUTION.replace(
      'export default function pipeline(env: StreamExecutionEnvironment) {',
      "export default function pipeline(env: StreamExecutionEnvironment) {\n  console.log('building');",
    ),
  });

  it("prints each sink as a table of the page's columns", async () => {
    const ran = await cli(['run', 'alerts.ts'], dir);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split('\n');
    expect(lines[0]).toBe('sink alerts · 5 rows');
    expect(lines[2]).toMatch(/│ value +│ event time │ arrived \(processing time\) │/);
    // In arrival order, each with its event time and arrival.
    expect(lines[3]).toMatch(
      /│ \{"sensor": "boiler-2", "timestamp": 2000, "over": 1.5\} +│ 2 s +│ 100 ms +│/,
    );
    expect(lines[7]).toMatch(/"boiler-3", "timestamp": 9000, "over": 2\}.*│ 9 s +│ 800 ms +│/);
    expect(lines.filter((line) => line.startsWith('│ {')).length).toBe(5);
  });

  it('marks duplicates and commits in a column, only for the sinks that have them', async () => {
    const ran = await cli(['run', 'exactly-once.ts', '--rows', 'all'], dir);
    expect(ran.code).toBe(0);
    const [plain = '', transactional = ''] = ran.stdout.split(/\n(?=sink )/);
    expect(plain).toMatch(/^sink plain · \d+ rows\nduplicate: a row this sink had already written/);
    expect(plain).toMatch(/│ delivery +│ value +│/);
    const duplicates = plain.split('\n').filter((line) => line.startsWith('│ duplicate '));
    expect(duplicates.length).toBeGreaterThan(0);
    expect(transactional).toMatch(/^sink transactional · \d+ rows\nTransactional sink/);
    const rows = transactional
      .split('\n')
      .filter((line) => /^│ \S/.test(line))
      .slice(1);
    // The run ended: every transaction committed, each row once.
    expect(rows.every((line) => line.startsWith('│ committed '))).toBe(true);
    const plainRows = plain.split('\n').filter((line) => /^│ +│ \{/.test(line));
    expect(rows).toHaveLength(plainRows.length);

    const unmarked = await cli(['run', 'alerts.ts'], dir);
    expect(unmarked.stdout).not.toContain('delivery');
  });

  it('cuts long tables at --rows and says how many more there are', async () => {
    const ran = await cli(['run', 'alerts.ts', '--rows', '2'], dir);
    expect(ran.stdout.split('\n').filter((line) => line.startsWith('│ {')).length).toBe(2);
    expect(ran.stdout).toContain('… and 3 more');
  });

  it('prints the results as JSON with --json, and the console on stderr at its line', async () => {
    const ran = await cli(['run', 'logs.ts', '--json'], dir);
    expect(ran.code).toBe(0);
    // The solution's function starts at line 7; the log is the line after.
    expect(ran.stderr).toBe('logs.ts:8: console.log: building\n');
    const json = JSON.parse(ran.stdout);
    expect(json).toMatchObject({ file: 'logs.ts', ok: true, finished: true });
    expect(json.outputs.alerts.map((row: { value: unknown }) => row.value)).toEqual(ALERTS);
    expect(json.outputs.alerts[0]).toMatchObject({ timestamp: 2000, processingTime: 100 });
  });

  it('reads the data files beside the program, and names a bad row by file:line:column', async () => {
    const ran = await cli(['run', 'from-csv.ts', '--json'], dir);
    expect(ran.code).toBe(0);
    const printed = JSON.parse(ran.stdout) as { outputs: Record<string, { value: unknown }[]> };
    expect(printed.outputs['readings']?.map((row) => row.value)).toEqual(['s1 21.5', 's2 19']);

    const bad = await cli(['run', 'bad-row.ts'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.csv:3:4: bad row: .*expected a timestamp/m);
  });

  it('lists the rows a source skipped on stderr by file:line:column, and in --json', async () => {
    const ran = await cli(['run', 'skip-rows.ts'], dir);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe(
      [
        'skip.csv:3:4: skipped row: expected a timestamp (milliseconds, or an ISO-8601 date-time with a time zone) in "ts", got "later"',
        'skip.csv:5:9: skipped row: expected a number in "celsius", got "warm"',
        "2 rows were skipped (onError: 'skip').",
        '',
      ].join('\n'),
    );
    expect(ran.stdout).toContain('s3 20');

    const json = JSON.parse((await cli(['run', 'skip-rows.ts', '--json'], dir)).stdout);
    expect(json.outputs.readings.map((row: { value: unknown }) => row.value)).toEqual([
      's1 21.5',
      's3 20',
    ]);
    expect(json.skipped).toEqual({
      rows: [
        expect.objectContaining({ file: 'skip.csv', line: 3, column: 4, source: 'csv' }),
        {
          file: 'skip.csv',
          line: 5,
          column: 9,
          reason: 'expected a number in "celsius", got "warm"',
          source: 'csv',
        },
      ],
      total: 2,
    });
    // A run that skipped nothing says nothing of it.
    const clean = await cli(['run', 'from-csv.ts', '--json'], dir);
    expect(clean.stderr).toBe('');
    expect(JSON.parse(clean.stdout).skipped).toEqual({ rows: [], total: 0 });
  });

  it('names a syntax error by file:line:column, as a compiler does', async () => {
    const ran = await cli(['run', 'syntax.ts'], dir);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^syntax\.ts:4:37: syntax error: Unexpected token/);
  });

  it('stops an endless loop at its line, in about the loop budget', async () => {
    const ran = await cli(['run', 'loop.ts'], dir);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(
      /^loop\.ts:8:7: stopped: Your code ran for 1\.5 s without finishing: is there an endless loop near line 8\?\n {2}in operator "Map", on record 1/,
    );
    // The budget is 1.5 s; starting the thread takes a second or two on a busy machine.
    expect(ran.ms).toBeGreaterThan(1500);
    expect(ran.ms).toBeLessThan(10_000);
  });

  it('stops a source that never ends at --until, and says it had not ended', async () => {
    const ran = await cli(['run', 'endless-source.ts', '--until', '2000', '--json'], dir);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('Stopped at processing time 2 s (--until)');
    const json = JSON.parse(ran.stdout);
    expect(json.finished).toBe(false);
    expect(json.processingTime).toBe(2000);
    expect(json.outputs.readings.length).toBeGreaterThan(0);
    for (const row of json.outputs.readings) expect(row.processingTime).toBeLessThanOrEqual(2000);
  });

  it('stops a source that never ends at --time-limit, naming --until', async () => {
    const ran = await cli(['run', 'endless-source.ts', '--time-limit', '1'], dir);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(
      /^endless-source\.ts: stopped: The run did not end within 1 s.*--until/,
    );
  });

  it.each([
    [['run'], /takes one file/],
    [['run', 'missing.ts'], /There is no file missing\.ts/],
    [['run', 'alerts.ts', '--seed', 'x'], /--seed takes a whole number/],
    [['run', 'alerts.ts', '--colour'], /Unknown option '--colour'/],
    [['walk'], /There is no command "walk"/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const ran = await cli(args, dir);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(message);
    expect(ran.stderr).toContain('streamlab --help');
  });
});
