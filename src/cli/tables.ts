/**
 * A run's sinks as text tables: the same sections, columns and number formatting as the page's
 * output tables (src/ui/run/OutputTables.svelte), drawn with cli-table3, which measures wide
 * characters and emoji so the columns stay aligned, in arrival order (a terminal reads down).
 */
import Table from 'cli-table3';
import type { CollectedRecord } from 'streamlab';
import { formatTime, formatValue } from '../ui/run/format';
import { marksLegend, rowMark } from '../ui/run/row-marks';

/** What a run produced, as the tables show it. */
export interface RunResults {
  readonly outputs: Readonly<Record<string, readonly CollectedRecord[]>>;
  readonly tables: Readonly<Record<string, readonly CollectedRecord[]>>;
  readonly sideOutputs: Readonly<Record<string, readonly CollectedRecord[]>>;
  readonly printed: readonly string[];
}

interface Section {
  readonly kind: 'sink' | 'upsert table' | 'side output' | 'print';
  readonly name: string;
  readonly rows: readonly CollectedRecord[];
}

/** Every section as a heading and a table; at most `maxRows` rows each. */
export function resultTables(results: RunResults, maxRows: number): string {
  const sections: Section[] = [
    ...sectionsOf('sink', results.outputs),
    ...sectionsOf('upsert table', results.tables),
    ...sectionsOf('side output', results.sideOutputs),
    ...(results.printed.length > 0
      ? [
          {
            kind: 'print' as const,
            name: 'print()',
            rows: results.printed.map((line) => ({ value: line, processingTime: 0 })),
          },
        ]
      : []),
  ];
  if (sections.length === 0) {
    return "No sink: end the pipeline with .sinkTo(env.collect('name')) to see its output here.\n";
  }
  return sections.map((section) => sectionText(section, maxRows)).join('\n');
}

function sectionsOf(
  kind: Section['kind'],
  lists: Readonly<Record<string, readonly CollectedRecord[]>>,
): Section[] {
  return Object.entries(lists).map(([name, rows]) => ({ kind, name, rows }));
}

function sectionText(section: Section, maxRows: number): string {
  const { rows } = section;
  const heading = `${section.kind} ${section.name} · ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}\n`;
  if (rows.length === 0) return `${heading}Nothing arrived here.\n`;
  const print = section.kind === 'print';
  const keys = rows.some((r) => r.key !== undefined);
  const windows = rows.some((r) => r.window !== undefined);
  // Rows written again after a restart, or held in transactions: a column says which, as the
  // page's badges do; a sink without such rows keeps its table as it was.
  const legend = print ? undefined : marksLegend(rows);
  const table = new Table({
    head: [
      ...(legend ? ['delivery'] : []),
      'value',
      ...(print ? [] : ['event time', 'arrived (processing time)']),
      ...(keys ? ['key'] : []),
      ...(windows ? ['window', 'pane'] : []),
    ],
    // Plain text (the same in a terminal, a file and a pipe), no rule between rows.
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows.slice(0, maxRows)) {
    table.push([
      ...(legend ? [rowMark(row)?.label ?? ''] : []),
      print ? String(row.value) : formatValue(row.value),
      ...(print ? [] : [formatTime(row.timestamp), formatTime(row.processingTime)]),
      ...(keys ? [row.key === undefined ? '' : formatValue(row.key)] : []),
      ...(windows
        ? [
            row.window ? `[${formatTime(row.window.start)}, ${formatTime(row.window.end)})` : '',
            row.pane
              ? `${row.pane.timing} #${row.pane.index}${row.pane.isLast ? ' · final' : ''}`
              : '',
          ]
        : []),
    ]);
  }
  const more =
    rows.length > maxRows
      ? `… and ${rows.length - maxRows} more (--rows all shows every row, --json gives them as data)\n`
      : '';
  return `${heading}${legend ? `${legend}\n` : ''}${table.toString()}\n${more}`;
}
