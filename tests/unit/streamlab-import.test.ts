import { describe, expect, it } from 'vitest';
import {
  importEdits,
  importedNames,
  type TextEdit,
  type Usage,
} from '../../src/ui/editor/streamlab-import';

/** The file after the edits, applied from the last so earlier offsets still hold. */
function withImport(source: string, name: string, usage: Usage = 'value'): string {
  const edits = importEdits(source, name, usage);
  expectInOrder(edits);
  return [...edits]
    .reverse()
    .reduce((text, e) => text.slice(0, e.start) + e.text + text.slice(e.end), source);
}

function expectInOrder(edits: readonly TextEdit[]) {
  edits.forEach((e, i) => {
    expect(e.start).toBeLessThanOrEqual(e.end);
    if (i > 0) expect(e.start).toBeGreaterThanOrEqual(edits[i - 1]?.end ?? 0);
  });
}

const lines = (...l: string[]) => l.join('\n');
const BODY = lines('', 'export default function pipeline(env: StreamExecutionEnvironment) {}', '');

describe('adding to the named import', () => {
  it('puts the name in its sorted place', () => {
    const source = lines(
      "import { Time, WatermarkStrategy } from 'streamlab';",
      "import type { StreamExecutionEnvironment } from 'streamlab';",
      BODY,
    );
    expect(withImport(source, 'TumblingEventTimeWindows')).toBe(
      lines(
        "import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';",
        "import type { StreamExecutionEnvironment } from 'streamlab';",
        BODY,
      ),
    );
  });

  it('puts a name that sorts first at the start, and one that sorts last at the end', () => {
    const source = "import { Time, WatermarkStrategy } from 'streamlab';\n";
    expect(withImport(source, 'OutputTag')).toBe(
      "import { OutputTag, Time, WatermarkStrategy } from 'streamlab';\n",
    );
    expect(withImport(source, 'WindowAssigner')).toBe(
      "import { Time, WatermarkStrategy, WindowAssigner } from 'streamlab';\n",
    );
    // Either order fits this list; ignoring case, as editors sort imports by default, wins.
    expect(withImport(source, 'sensorReadings')).toBe(
      "import { sensorReadings, Time, WatermarkStrategy } from 'streamlab';\n",
    );
  });

  it('sorts as the list is sorted: ignoring case, or capitals first', () => {
    const ignoringCase = "import { checkInputFrom, Time } from 'streamlab';\n";
    expect(withImport(ignoringCase, 'DataStream')).toBe(
      "import { checkInputFrom, DataStream, Time } from 'streamlab';\n",
    );
    const capitalsFirst = "import { Time, checkInputFrom } from 'streamlab';\n";
    expect(withImport(capitalsFirst, 'DataStream')).toBe(
      "import { DataStream, Time, checkInputFrom } from 'streamlab';\n",
    );
  });

  it('adds to the end of a list that is not sorted', () => {
    const source = "import { WatermarkStrategy, Time } from 'streamlab';\n";
    expect(withImport(source, 'OutputTag')).toBe(
      "import { WatermarkStrategy, Time, OutputTag } from 'streamlab';\n",
    );
  });

  it('keeps a multiline import one name a line, trailing comma or not', () => {
    const trailing = lines(
      'import {',
      '  Time,',
      '  WatermarkStrategy,',
      "} from 'streamlab';",
      BODY,
    );
    expect(withImport(trailing, 'TumblingEventTimeWindows')).toBe(
      lines(
        'import {',
        '  Time,',
        '  TumblingEventTimeWindows,',
        '  WatermarkStrategy,',
        "} from 'streamlab';",
        BODY,
      ),
    );
    expect(withImport(trailing, 'WindowAssigner')).toBe(
      lines(
        'import {',
        '  Time,',
        '  WatermarkStrategy,',
        '  WindowAssigner,',
        "} from 'streamlab';",
        BODY,
      ),
    );
    const bare = lines('import {', '  Time,', '  WatermarkStrategy', "} from 'streamlab';");
    expect(withImport(bare, 'WindowAssigner')).toBe(
      lines(
        'import {',
        '  Time,',
        '  WatermarkStrategy,',
        '  WindowAssigner',
        "} from 'streamlab';",
      ),
    );
    expect(withImport(bare, 'OutputTag')).toBe(
      lines('import {', '  OutputTag,', '  Time,', '  WatermarkStrategy', "} from 'streamlab';"),
    );
  });

  it('fills an empty list', () => {
    expect(withImport("import {} from 'streamlab';\n", 'Time')).toBe(
      "import { Time } from 'streamlab';\n",
    );
  });

  it('puts a type in the value import when the file has no `import type`', () => {
    expect(withImport("import { Time } from 'streamlab';\n", 'Collector', 'type')).toBe(
      "import { Collector, Time } from 'streamlab';\n",
    );
  });
});

describe('adding to `import type`', () => {
  const source = lines(
    "import { Time } from 'streamlab';",
    "import type { StreamExecutionEnvironment } from 'streamlab';",
    BODY,
  );

  it('puts a name used only as a type there', () => {
    expect(withImport(source, 'Collector', 'type')).toBe(
      lines(
        "import { Time } from 'streamlab';",
        "import type { Collector, StreamExecutionEnvironment } from 'streamlab';",
        BODY,
      ),
    );
  });

  it('puts a name used as a value in the value import, not there', () => {
    expect(withImport(source, 'OutputTag')).toBe(
      lines(
        "import { OutputTag, Time } from 'streamlab';",
        "import type { StreamExecutionEnvironment } from 'streamlab';",
        BODY,
      ),
    );
  });
});

describe('a new import', () => {
  it('goes above an `import type`, which is left alone, when a value is needed', () => {
    const source = lines("import type { StreamExecutionEnvironment } from 'streamlab';", BODY);
    expect(withImport(source, 'Time')).toBe(
      lines(
        "import { Time } from 'streamlab';",
        "import type { StreamExecutionEnvironment } from 'streamlab';",
        BODY,
      ),
    );
  });

  it('goes at line 1 of a file without imports, as `import type` for a type', () => {
    const source = 'export default function pipeline(env) {}\n';
    expect(withImport(source, 'Time')).toBe(`import { Time } from 'streamlab';\n${source}`);
    expect(withImport(source, 'Collector', 'type')).toBe(
      `import type { Collector } from 'streamlab';\n${source}`,
    );
  });

  it('goes below a header comment, but not between a comment and the code it is about', () => {
    const headed = lines('// Sums readings.', '// Per sensor.', '', 'export default 1;', '');
    expect(withImport(headed, 'Time')).toBe(
      lines(
        '// Sums readings.',
        '// Per sensor.',
        "import { Time } from 'streamlab';",
        '',
        'export default 1;',
        '',
      ),
    );
    const block = lines('/*', ' * Sums readings.', ' */', '', 'export default 1;');
    expect(withImport(block, 'Time')).toBe(
      lines(
        '/*',
        ' * Sums readings.',
        ' */',
        "import { Time } from 'streamlab';",
        '',
        'export default 1;',
      ),
    );
    const attached = lines('/** Builds the pipeline. */', 'export default 1;');
    expect(withImport(attached, 'Time')).toBe(`import { Time } from 'streamlab';\n${attached}`);
  });

  it("follows the file's quotes and semicolons", () => {
    const source = lines('import type { StreamExecutionEnvironment } from "streamlab"', BODY);
    expect(withImport(source, 'Time')).toBe(
      lines(
        'import { Time } from "streamlab"',
        'import type { StreamExecutionEnvironment } from "streamlab"',
        BODY,
      ),
    );
  });

  it('ignores an import that is commented out', () => {
    const source = lines("// import { Time } from 'streamlab';", '', 'export default 1;');
    expect(importedNames(source).size).toBe(0);
    expect(withImport(source, 'Time')).toBe(
      lines(
        "// import { Time } from 'streamlab';",
        "import { Time } from 'streamlab';",
        '',
        'export default 1;',
      ),
    );
  });
});

describe('a name imported already', () => {
  const source = lines(
    "import { Time, TumblingEventTimeWindows as Tumbling } from 'streamlab';",
    "import type { StreamExecutionEnvironment } from 'streamlab';",
    BODY,
  );

  it('needs no edit', () => {
    expect(importEdits(source, 'Time', 'value')).toEqual([]);
    expect(importEdits(source, 'Time', 'type')).toEqual([]);
    expect(importEdits(source, 'Tumbling', 'value')).toEqual([]);
    expect(importEdits(source, 'StreamExecutionEnvironment', 'type')).toEqual([]);
    expect(importEdits("import { type Collector } from 'streamlab';", 'Collector', 'type')).toEqual(
      [],
    );
  });

  it('is listed by the name the file sees', () => {
    expect([...importedNames(source)].sort()).toEqual([
      'StreamExecutionEnvironment',
      'Time',
      'Tumbling',
    ]);
  });

  it('as a type, but needed as a value, moves to the value import', () => {
    expect(withImport(source, 'StreamExecutionEnvironment')).toBe(
      lines(
        "import { StreamExecutionEnvironment, Time, TumblingEventTimeWindows as Tumbling } from 'streamlab';",
        BODY,
      ),
    );
    const shared = lines(
      "import { Time } from 'streamlab';",
      "import type { Collector, StreamExecutionEnvironment } from 'streamlab';",
    );
    expect(withImport(shared, 'StreamExecutionEnvironment')).toBe(
      lines(
        "import { StreamExecutionEnvironment, Time } from 'streamlab';",
        "import type { Collector } from 'streamlab';",
      ),
    );
  });

  it('in the only `import type`, needed as a value, turns it into a value import', () => {
    expect(
      withImport(
        lines("import type { StreamExecutionEnvironment } from 'streamlab';", BODY),
        'StreamExecutionEnvironment',
      ),
    ).toBe(lines("import { StreamExecutionEnvironment } from 'streamlab';", BODY));
    expect(
      withImport(
        "import type { Collector, StreamExecutionEnvironment } from 'streamlab';\n",
        'StreamExecutionEnvironment',
      ),
    ).toBe(
      "import { StreamExecutionEnvironment } from 'streamlab';\nimport type { Collector } from 'streamlab';\n",
    );
  });

  it('with an inline `type`, needed as a value, loses the `type`', () => {
    expect(withImport("import { type OutputTag, Time } from 'streamlab';", 'OutputTag')).toBe(
      "import { OutputTag, Time } from 'streamlab';",
    );
  });
});
