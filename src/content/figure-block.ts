import type { Tokens } from 'marked';
import { placeInBody, type ContainerToken } from './containers.ts';
import { LessonFormatError } from './front-matter.ts';
import { renderBlocks } from './markdown.ts';
import type { FigureBlock, FigureParam } from './types.ts';

/**
 * A `:::figure <program>` container: a list of sliders, one per item, then the caption (what to
 * try). `programs` are the lesson's `figures/*.ts`, by name.
 *
 * ```
 * :::figure delay-and-bound
 * - delay: Network delay, up to (ms), 0 to 3000 by 100, starts at 1000
 *
 * Raise the delay with the bound at 0, and watch readings dropped.
 * :::
 * ```
 */
export function figureBlock(
  container: ContainerToken,
  file: string,
  programs: Readonly<Record<string, string>>,
): FigureBlock {
  const fail = (line: number, message: string): never => {
    throw new LessonFormatError(file, line, message);
  };
  const name = container.argument;
  const program = programs[name];
  if (program === undefined) {
    const known = Object.keys(programs);
    fail(
      container.line,
      `:::figure ${name} needs figures/${name}.ts in the lesson's folder` +
        (known.length > 0 ? ` (it has ${known.map((k) => `${k}.ts`).join(', ')})` : ''),
    );
  }
  const content = container.tokens.filter((token) => token.type !== 'space');
  const [list, ...caption] = content;
  if (!list || list.type !== 'list') {
    return fail(
      container.line,
      ':::figure starts with its sliders, one list item each: "- delay: Network delay (ms), 0 to 3000 by 100, starts at 1000"',
    );
  }
  const listStart = placeInBody(container, list.raw).index;
  const params = (list as Tokens.List).items.map((item): FigureParam => {
    const line = placeInBody(container, item.raw, listStart).line;
    return sliderOf(item.text.trim()) ?? fail(line, `this slider does not read as ${SLIDER_FORM}`);
  });
  const names = params.map((p) => p.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) fail(container.line, `two sliders set "${twice}"`);
  return {
    kind: 'figure',
    name,
    figure: { program: program as string, params, caption: renderBlocks(caption) },
  };
}

const SLIDER_FORM = '"- name: Label (unit), MIN to MAX by STEP, starts at VALUE"';
const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;
const SLIDER = new RegExp(
  String.raw`^([A-Za-z_]\w*):\s*(.+?)(?:\s*\(([^()]+)\))?,\s*${NUMBER}\s+to\s+${NUMBER}\s+by\s+${NUMBER},\s*starts at\s+${NUMBER}$`,
);

/** One slider from its list item, or undefined when the item does not have the slider's form. */
function sliderOf(text: string): FigureParam | undefined {
  const m = SLIDER.exec(text);
  if (!m) return undefined;
  const [, name, label, unit, min, max, step, value] = m as unknown as string[];
  const param = {
    name: name as string,
    label: (label as string).trim(),
    min: Number(min),
    max: Number(max),
    step: Number(step),
    value: Number(value),
    ...(unit === undefined ? {} : { unit }),
  };
  const inRange = param.min < param.max && param.step > 0;
  const starts = param.value >= param.min && param.value <= param.max;
  return inRange && starts ? param : undefined;
}
