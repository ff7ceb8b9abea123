/**
 * The course as the lesson library has it, read in Node: every lesson in journey order, with what
 * a learner should see on its page. The course walk follows this, so a lesson added to `lessons/`
 * is walked with no change to the test.
 */
import type { JobGraph } from 'streamlab';
import { loadLessons } from '../../src/content/load-lessons';
import type { ChapterSummary, FileSet, Lesson, QuizBlock } from '../../src/content/types';
import type { CheckOutcome, RunUpdate } from '../../src/runtime/worker/api';
import { RunSession } from '../../src/runtime/worker/session';
import { parseRoute } from '../../src/ui/route';
import { defaultFocus, eventTimeView } from '../../src/ui/viz/event-time-view';
import { TraceModel } from '../../src/ui/viz/trace-model';

/** A lesson with a check: what pasting its solution and pressing Run should show. */
export interface Exercise {
  /** The solution's files, in the editor's tab order (the starter's file names). */
  readonly files: FileSet;
  /** The starter's first line, which the editor shows on opening. */
  readonly starterFirstLine: string;
  /** The check's verdict on the solution's run. */
  readonly outcome: CheckOutcome;
  /**
   * How many records the event-time chart draws at the operator it opens on, or null when no
   * record of the run has an event time (the run then opens on its results).
   */
  readonly chartRecords: number | null;
}

export interface CourseLesson {
  readonly slug: string;
  readonly title: string;
  readonly chapter: ChapterSummary;
  readonly quizzes: readonly QuizBlock[];
  readonly figures: number;
  /** How many ` ```ts runnable ` examples the prose holds. */
  readonly examples: number;
  /** Null for a reading lesson (no check: it is done when marked as read). */
  readonly exercise: Exercise | null;
}

export interface Course {
  readonly chapters: readonly ChapterSummary[];
  /** Every lesson, chapter by chapter, in the order the journey takes them. */
  readonly lessons: readonly CourseLesson[];
  /** Where an in-app link (`#/…`) leads, as far as the library can tell. */
  follow(href: string): LinkTarget;
}

/**
 * A page the library knows, a page that does not exist (and why), or a reference page: the
 * reference is made from the engine's declarations, so whether an export and its member exist is
 * seen in the browser.
 */
export type LinkTarget =
  | { readonly leads: 'somewhere' }
  | { readonly leads: 'nowhere'; readonly why: string }
  | { readonly leads: 'reference'; readonly name: string; readonly member: string | undefined };

const ROOT = new URL('../../lessons', import.meta.url).pathname;
const SOMEWHERE: LinkTarget = { leads: 'somewhere' };

export function loadCourse(): Course {
  const library = loadLessons(ROOT);
  const terms = new Set(library.glossary.terms.map((term) => term.id));
  const lessons = library.chapters.flatMap((chapter) =>
    chapter.lessons.map((summary): CourseLesson => {
      const lesson = library.lessons.get(summary.slug) as Lesson;
      return {
        slug: lesson.slug,
        title: lesson.title,
        chapter,
        quizzes: lesson.blocks.filter((block) => block.kind === 'quiz'),
        figures: lesson.blocks.filter((block) => block.kind === 'figure').length,
        examples: lesson.blocks.filter((block) => block.kind === 'runnable').length,
        exercise: lesson.check === null ? null : exerciseOf(lesson, lesson.check),
      };
    }),
  );

  return {
    chapters: library.chapters,
    lessons,
    follow(href) {
      const route = parseRoute(href);
      const nowhere = (why: string): LinkTarget => ({ leads: 'nowhere', why });
      switch (route.page) {
        case 'lesson':
          return library.lessons.has(route.slug)
            ? SOMEWHERE
            : nowhere(`there is no lesson "${route.slug}"`);
        case 'chapter':
          return library.chapterPages.has(route.slug)
            ? SOMEWHERE
            : nowhere(`there is no chapter "${route.slug}"`);
        case 'glossary':
          return route.term === undefined || terms.has(route.term)
            ? SOMEWHERE
            : nowhere(`the glossary has no term "${route.term}"`);
        case 'reference':
          return route.name === undefined
            ? SOMEWHERE
            : { leads: 'reference', name: route.name, member: route.member };
        case 'not-found':
          return nowhere('the app has no page at that address');
        default:
          return SOMEWHERE;
      }
    },
  };
}

function exerciseOf(lesson: Lesson, check: string): Exercise {
  const names = Object.keys(lesson.starter);
  const files = Object.fromEntries(names.map((name) => [name, lesson.solution[name] ?? '']));
  const entry = entryOf(names);
  const run = runToEnd(files, entry, check);
  return {
    files,
    starterFirstLine: (lesson.starter[entry] ?? '').split('\n')[0] ?? '',
    outcome: run.outcome,
    chartRecords: run.chartRecords,
  };
}

/** The file whose default export builds the pipeline, chosen as the workbench chooses it. */
function entryOf(names: readonly string[]): string {
  return names.includes('pipeline.ts') ? 'pipeline.ts' : (names[0] ?? '');
}

const decoder = new TextDecoder();

/**
 * Runs `files` to the end as a lesson page does (full trace, provenance for the check, the same
 * seed), folds the trace as the page does, and reads what the chart would open on.
 */
function runToEnd(
  files: FileSet,
  entry: string,
  check: string,
): { outcome: CheckOutcome; chartRecords: number | null } {
  let now = 0;
  const session = new RunSession({ now: () => (now += 0.01) });
  const model = new TraceModel();
  const fold = (update: Uint8Array) =>
    model.append((JSON.parse(decoder.decode(update)) as RunUpdate).trace);
  const loaded = session.load({ files: { ...files }, entry, trace: 'full', provenance: true });
  fold(loaded.update);
  if (!loaded.ok) {
    return { outcome: { ok: false, message: loaded.failure.message }, chartRecords: null };
  }
  for (let slice = 0; slice < 1000; slice++) {
    const step = session.advance({ kind: 'end' }, 1000);
    fold(step.update);
    if (step.failure) {
      return { outcome: { ok: false, message: step.failure.message }, chartRecords: null };
    }
    if (step.done) break;
  }
  return { outcome: session.check(check), chartRecords: chartRecords(loaded.graph, model) };
}

function chartRecords(graph: JobGraph, model: TraceModel): number | null {
  const timed = [...model.operators.values()].some((op) =>
    op.arrivals.some((arrival) => arrival.eventTime !== null),
  );
  if (!timed) return null;
  const end = { time: Infinity, seq: Infinity };
  return eventTimeView(model, defaultFocus(graph, model), end, null).records.length;
}
