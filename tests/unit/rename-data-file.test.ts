import { describe, expect, it } from 'vitest';
import { renameDataFile } from '../../src/ui/data/rename-data-file';

const files = {
  'pipeline.ts': [
    "import readings from './readings.csv';",
    'import more from "./readings.csv";',
    "import other from './readings.csv.bak.csv';",
    "const note = 'see ./readings.csv for the rows';",
  ].join('\n'),
  'readings.csv': 'sensor,ts\ns1,1000\n',
  'late.jsonl': '{"ts":1}\n',
};

describe('renaming a data file', () => {
  it("moves the program's imports of it along, in either quote, and nothing else", () => {
    const renamed = renameDataFile(files, 'readings.csv', 'june.csv');
    expect(renamed).toEqual({
      ok: true,
      to: 'june.csv',
      imports: {
        'pipeline.ts': [
          "import readings from './june.csv';",
          'import more from "./june.csv";',
          "import other from './readings.csv.bak.csv';",
          "const note = 'see ./readings.csv for the rows';",
        ].join('\n'),
      },
    });
  });

  it('keeps the extension when the typed name has none, and takes another data extension', () => {
    expect(renameDataFile(files, 'readings.csv', '  june ')).toMatchObject({ to: 'june.csv' });
    expect(renameDataFile(files, 'readings.csv', 'june.txt')).toMatchObject({ to: 'june.txt' });
    expect(renameDataFile(files, 'late.jsonl', 'june.csv')).toMatchObject({
      ok: true,
      to: 'june.csv',
      imports: {},
    });
  });

  it('refuses names a link or a file could not carry, and names already taken', () => {
    expect(renameDataFile(files, 'readings.csv', '')).toEqual({
      ok: false,
      problem: 'Type a name for the file.',
    });
    expect(renameDataFile(files, 'readings.csv', '../secret')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^"\.\.\/secret\.csv" cannot name a file: file names use/),
    });
    expect(renameDataFile(files, 'readings.csv', 'late.jsonl')).toEqual({
      ok: false,
      problem: 'There is already a file late.jsonl.',
    });
    expect(renameDataFile(files, 'readings.csv', 'x'.repeat(70))).toMatchObject({ ok: false });
  });

  it('leaves the program file alone: it is the one that runs', () => {
    expect(renameDataFile(files, 'pipeline.ts', 'main.ts')).toMatchObject({ ok: false });
  });

  it('is a no-op when the name does not change', () => {
    expect(renameDataFile(files, 'readings.csv', 'readings')).toEqual({
      ok: true,
      to: 'readings.csv',
      imports: {},
    });
  });
});
