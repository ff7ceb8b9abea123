import { describe, expect, it } from 'vitest';
import type { ReferenceEntry } from '../../src/content/reference-types';
import { renderEntry, renderIndex } from '../../src/build/reference/render';

const doc = (summary: string) => ({ summary, remarks: '', params: [], returns: '', examples: [] });

const entry = (name: string, kind: ReferenceEntry['kind'], group: string): ReferenceEntry => ({
  name,
  kind,
  group,
  signatures: [{ code: `class ${name}` }],
  doc: doc(`About ${name}.\n\nMore about it.`),
  members: [],
  inherited: [],
});

describe('renderEntry', () => {
  it('highlights signatures and links the other exports they name, never inside strings', () => {
    const rendered = renderEntry({
      ...entry('KeyedStream', 'class', 'Streams'),
      signatures: [
        {
          code: "class KeyedStream<T> extends DataStream<T> { tag: 'DataStream'; key: Key }",
          // `Key` here is some other type of that name, not the export.
          refs: ['DataStream', 'KeyedStream'],
        },
      ],
    });
    const html = rendered.signatures[0]?.code ?? '';
    expect(html).toContain('<code class="hljs language-ts">');
    expect(html.match(/<a href="#\/reference\/DataStream">DataStream<\/a>/g)).toHaveLength(1);
    expect(html).not.toContain('href="#/reference/KeyedStream"');
    expect(html).not.toContain('href="#/reference/Key"');
    expect(html).toContain('&#x27;DataStream&#x27;');
  });

  it('renders TSDoc Markdown with code highlighted and app links kept in the app', () => {
    const rendered = renderEntry({
      ...entry('Time', 'constant', 'Time'),
      doc: {
        ...doc('Durations; see [`Time.seconds`](#/reference/Time#seconds).'),
        params: [{ name: 'n', text: 'How many, e.g. `2`.' }],
        examples: ['Two seconds:\n```ts\nTime.seconds(2);\n```'],
      },
    });
    expect(rendered.doc.summary).toBe(
      '<p>Durations; see <a href="#/reference/Time#seconds"><code>Time.seconds</code></a>.</p>\n',
    );
    expect(rendered.doc.params).toEqual([{ name: 'n', text: 'How many, e.g. <code>2</code>.' }]);
    expect(rendered.doc.examples[0]).toMatch(
      /^<p>Two seconds:<\/p>\n<pre><code class="hljs language-ts">/,
    );
  });
});

describe('renderIndex', () => {
  it('orders sections as the journey does; in each, main entry points, then what is called, then types', () => {
    const groups = renderIndex([
      entry('WindowBounds', 'interface', 'Windows and assigners'),
      entry('StreamExecutionEnvironment', 'class', 'Environment and running'),
      entry('TumblingEventTimeWindows', 'class', 'Windows and assigners'),
      entry('runPipeline', 'function', 'Environment and running'),
      entry('EnvironmentOptions', 'interface', 'Environment and running'),
    ]);
    expect(groups.map((g) => [g.title, g.entries.map((e) => e.name)])).toEqual([
      [
        'Environment and running',
        ['StreamExecutionEnvironment', 'runPipeline', 'EnvironmentOptions'],
      ],
      ['Windows and assigners', ['TumblingEventTimeWindows', 'WindowBounds']],
    ]);
    expect(groups[0]?.entries[1]?.summary).toBe('About runPipeline.');
  });
});
