/**
 * The whole course, walked in Chromium as a learner new to the app would: in from the home page,
 * through every lesson in journey order by the links the pages offer, pasting each exercise's
 * solution and running it to a pass, answering each quiz, reading each figure, running each
 * example in the prose, marking each reading lesson as read, and checking on the way that every
 * in-app link leads somewhere. The
 * lessons and what each should show come from the lesson library (see `course.ts`), so a new
 * lesson is walked with no change here. Wrong programs are graded in Node, by
 * tests/runtime/lesson-checks.test.ts, not here.
 *
 * A lesson that goes wrong is named in what the walk found, and the walk goes on from the next
 * lesson, so one run reports every lesson that needs attention.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChapterSummary, QuizBlock } from '../../src/content/types';
import { useBrowser } from './browser';
import { loadCourse, type CourseLesson, type Exercise } from './course';
import { runToEnd, setFiles, visibleCode } from './workbench';

const course = loadCourse();
/** How long a step may take to show before the walk calls it missing. */
const WAIT = 10_000;

/** Waits for what `read` reads to match, as long as a step may take; `what` names it on failure. */
const until = <T>(what: string, read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: WAIT, interval: 50, message: what });

/** Text as the learner reads it: runs of white space are one space. */
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

const named = (lesson: CourseLesson) =>
  `${lesson.slug} ("${lesson.title}", step ${lesson.chapter.step})`;

/** An error's first line and, from Playwright's call log, what it was waiting for. */
function said(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // eslint-disable-next-line no-control-regex -- the call log is coloured for a terminal
  const lines = message.replace(/\u001b\[\d+m/g, '').split('\n');
  const waiting = lines
    .find((line) => /^\s*- waiting for /.test(line))
    ?.trim()
    .slice(2);
  return [lines[0], waiting].filter(Boolean).join(', ');
}

async function arriveAt(page: Page, lesson: CourseLesson): Promise<void> {
  await until('the address', () => new URL(page.url()).hash).toBe(`#/learn/${lesson.slug}`);
  await until('title', () => page.locator('#lesson-title').textContent()).toBe(lesson.title);
  await page.locator('main .prose').waitFor();
}

/** Chooses the right answers of every quiz and sees each choice explained. */
async function answerQuizzes(page: Page, quizzes: readonly QuizBlock[]): Promise<void> {
  const forms = page.locator('main form.quiz');
  expect(await forms.count(), 'quizzes on the page').toBe(quizzes.length);
  for (const [k, quiz] of quizzes.entries()) {
    const form = forms.nth(k);
    const which = `quiz ${k + 1} ("${squash(await form.locator('legend').textContent())}")`;
    expect(await form.locator('input').count(), `${which}: choices`).toBe(quiz.choices.length);
    for (const [i, choice] of quiz.choices.entries()) {
      if (choice.correct) await form.locator(`input[value="${i}"]`).check();
    }
    await form.getByRole('button', { name: 'Check answer' }).click();
    await until(`${which}: the verdict`, () => form.locator('.verdict').textContent()).toMatch(
      /^Right/,
    );
    // Under every choice, its explanation as the lesson wrote it.
    const shown = await form.locator('fieldset > ul > li').evaluateAll((items) =>
      items.map((item) => {
        const why = item.querySelector('.why')?.cloneNode(true) as HTMLElement | undefined;
        why?.querySelector('.mark')?.remove();
        return why?.textContent ?? '(no explanation shown)';
      }),
    );
    const written = await page.evaluate(
      (htmls) =>
        htmls.map((html) => {
          const template = document.createElement('template');
          template.innerHTML = html;
          return template.content.textContent ?? '';
        }),
      quiz.choices.map((choice) => choice.explanation),
    );
    for (const [i, text] of written.entries()) {
      if (squash(shown[i] ?? null) !== squash(text)) {
        throw new Error(
          `${which}: under choice ${i + 1} the page explains "${squash(shown[i] ?? null)}", the lesson "${squash(text)}"`,
        );
      }
    }
  }
}

/** Every interactive figure runs its program and draws its records. */
async function seeFigures(page: Page, count: number): Promise<void> {
  const figures = page.locator('main figure.interactive');
  await until('figures on the page', () => figures.count()).toBe(count);
  for (let k = 0; k < count; k++) {
    const figure = figures.nth(k);
    const which = `figure ${k + 1} ("${await figure.getAttribute('aria-label')}")`;
    await until(which, () => figure.getAttribute('data-figure-status')).toBe('finished');
    await until(`${which}: records drawn`, () =>
      figure.locator('.chart [data-kind="record"]').count(),
    ).toBeGreaterThan(0);
  }
}

/** Every runnable example runs, when its button is pressed, into a sink the learner can read. */
async function runExamples(page: Page, count: number): Promise<void> {
  const examples = page.locator('main figure.runnable');
  await until('runnable examples on the page', () => examples.count()).toBe(count);
  for (let k = 0; k < count; k++) {
    const example = examples.nth(k);
    const which = `example ${k + 1}`;
    await example.getByRole('button', { name: 'Run this example' }).click();
    await until(which, () => example.getAttribute('data-runnable-status')).toBe('finished');
    await until(`${which}: rows in its sinks`, () =>
      example.locator('section[data-sink] td.value').count(),
    ).toBeGreaterThan(0);
  }
}

/**
 * Sees the starter open with no pass shown, pastes the solution over it, runs it, and sees the
 * pass banner say what the check says of the solution.
 */
async function solve(page: Page, exercise: Exercise): Promise<void> {
  const expected = exercise.outcome;
  if (!expected.ok || !expected.pass) {
    throw new Error(`in Node the solution does not pass its check: ${expected.message}`);
  }
  await page.locator('[data-editor-status="ready"]').waitFor();
  // Ready is the editor's; its lines are drawn a frame or two after it has the text.
  await until('the editor opens on the starter', () => visibleCode(page)).toContain(
    exercise.starterFirstLine,
  );
  expect(
    await page.locator('[data-check="pass"], [data-check="passed-before"]').count(),
    'a pass shown before the learner did anything',
  ).toBe(0);

  await setFiles(page, exercise.files);
  const status = await runToEnd(page);
  if (status !== 'finished') {
    const failure = squash(await page.locator('[data-failure-kind]').first().textContent());
    throw new Error(`the solution's run ${status}: ${failure}`);
  }
  const banner = page.locator('[data-check]');
  await banner.waitFor();
  const verdict = await banner.getAttribute('data-check');
  const text = squash(await banner.innerText());
  if (verdict !== 'pass') throw new Error(`the solution's run shows "${text}", not a pass`);
  if (!text.includes(squash(expected.message))) {
    throw new Error(`the pass banner says "${text}", not the check's "${expected.message}"`);
  }
}

/** After the run, the view that shows time: the event-time chart, its records drawn as dots. */
async function seeChart(page: Page, exercise: Exercise): Promise<void> {
  const opened = page.locator('section.output [role="tab"][aria-selected="true"]');
  if (exercise.chartRecords === null) {
    expect(await opened.getAttribute('data-view'), 'a run without event time opens').toBe(
      'Results',
    );
    return;
  }
  const records = exercise.chartRecords;
  expect(records, 'records at the operator the chart opens on').toBeGreaterThan(0);
  await until('a run with event time opens', () => opened.getAttribute('data-view')).toBe(
    'Event time',
  );
  const chart = page.locator('#run-view .chart');
  await until('the chart says what it drew', () =>
    page.locator('#run-view .event-time-summary').textContent().then(squash),
  ).toMatch(new RegExp(`^${records} records reached `));
  // Past a size the chart paints records on a canvas; lessons' runs are small enough for dots.
  if ((await chart.getAttribute('data-render')) === 'svg') {
    await until('dots drawn', () => chart.locator('svg [data-kind="record"]').count()).toBe(
      records,
    );
  }
}

async function markRead(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Mark as read' }).click();
  await page.locator('section.mark-read[data-read="true"]').waitFor();
}

/** The chapter after `chapter` in the journey, if any. */
const chapterAfter = (chapter: ChapterSummary) =>
  course.chapters[course.chapters.findIndex((c) => c.slug === chapter.slug) + 1];

/**
 * Leaves `lesson` by the link a learner uses: the pass banner's "Next" after an exercise, the
 * page's next link after a reading lesson. Either leads to the next lesson, or at a chapter's end
 * to the next chapter's overview; from there, on to its first lesson (past chapters with none).
 */
async function moveOn(
  page: Page,
  lesson: CourseLesson,
  next: CourseLesson | undefined,
  visitChapter: (chapter: ChapterSummary) => Promise<void>,
): Promise<void> {
  const [link, said, prefix] = lesson.exercise
    ? [
        page.locator('[data-check="pass"]').getByRole('link', { name: /^Next: / }),
        'the pass banner',
        'Next: ',
      ]
    : [
        page.getByRole('navigation', { name: 'Lessons' }).locator('a[rel="next"]'),
        'the next link',
        '',
      ];
  const sameChapter = next?.chapter.slug === lesson.chapter.slug;
  if (next && sameChapter) {
    expect(squash(await link.textContent()), said).toBe(`${prefix}${next.title} →`);
    await link.click();
    return;
  }
  let chapter = chapterAfter(lesson.chapter);
  if (!chapter) {
    expect(await link.count(), `${said} after the last chapter`).toBe(0);
    return;
  }
  expect(squash(await link.textContent()), `${said} at the end of a chapter`).toBe(
    `${prefix}Step ${chapter.step}: ${chapter.title} →`,
  );
  await link.click();
  for (;;) {
    await until('the chapter', () => new URL(page.url()).hash).toBe(`#/chapter/${chapter.slug}`);
    await until('the chapter title', () =>
      page.locator('main article.chapter > h1').textContent(),
    ).toBe(chapter.title);
    await visitChapter(chapter);
    if (!next || chapter.slug === next.chapter.slug) break;
    // A chapter with no lessons yet: its overview leads on to the next chapter.
    const following: ChapterSummary | undefined = chapterAfter(chapter);
    if (!following) break;
    await page.getByRole('navigation', { name: 'Chapters' }).locator('a[rel="next"]').click();
    chapter = following;
  }
  if (!next) return;
  const listed = page.locator('main ol.lessons > li[data-lesson]');
  expect(await listed.first().getAttribute('data-lesson'), 'the chapter lists first').toBe(
    next.slug,
  );
  await listed.first().getByRole('link', { name: next.title, exact: true }).click();
}

/** The in-app links on the page (`#/…`), each once. */
const inAppLinks = (page: Page) =>
  page
    .locator('a[href^="#/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href') ?? ''))]);

/**
 * Opens a reference link as a learner following it would, and says what is wrong with where it
 * leads, if anything.
 */
async function referenceProblem(
  page: Page,
  open: (path: string) => Promise<void>,
  href: string,
  name: string,
  member: string | undefined,
): Promise<string | undefined> {
  await open(href);
  // The export's page, or the page saying there is no such name: either names this export.
  await page.waitForFunction(
    (name) =>
      document.querySelector('#entry-title code')?.textContent === name ||
      document.querySelector('.not-found code')?.textContent === `/reference/${name}`,
    name,
  );
  if ((await page.locator('.not-found').count()) > 0) return 'the reference has no such name';
  if (member !== undefined && (await page.locator(`[id="member-${member}"]`).count()) === 0) {
    return `${name}'s page has no member ${member}`;
  }
  return undefined;
}

/** What the home page and the sidebar do not show as done, once every lesson was walked. */
async function notShownDone(page: Page): Promise<string[]> {
  const missing: string[] = [];
  const first = course.lessons[0] as CourseLesson;
  const way = squash(await page.locator('main .actions a.primary').textContent());
  if (way !== `Go over “${first.title}” again`) missing.push(`the home page offers "${way}"`);
  for (const chapter of course.chapters) {
    const count = page.locator(`main a[href="#/chapter/${chapter.slug}"] .count`);
    const done = Number(await count.getAttribute('data-done'));
    if (done !== chapter.lessons.length) {
      missing.push(
        `the home page counts ${done} of the ${chapter.lessons.length} lessons of step ${chapter.step} done`,
      );
    }
  }
  for (const lesson of course.lessons) {
    const icon = page.locator(`#journey a[href="#/learn/${lesson.slug}"] [data-status]`);
    const status = await icon.getAttribute('data-status');
    if (status !== 'done') missing.push(`${named(lesson)}: the sidebar shows it ${status}`);
  }
  return missing;
}

describe('the whole course, as a learner walks it', () => {
  const { start } = useBrowser();

  it('goes from the home page through every lesson, and every lesson ends done', async () => {
    const steps = new Set(course.lessons.map((lesson) => lesson.chapter.step));
    expect(
      [1, 2, 3, 4].filter((step) => !steps.has(step)),
      'steps 1–4 each have lessons to walk',
    ).toEqual([]);

    const { page, open } = await start();
    page.setDefaultTimeout(WAIT);
    /** Everything that went wrong, each naming its lesson: the walk goes on past a failure. */
    const found: string[] = [];
    /** The reference links seen, with the pages linking to them: followed once each at the end. */
    const references = new Map<string, { name: string; member?: string; from: string[] }>();

    const checkLinks = async (where: string) => {
      for (const href of await inAppLinks(page)) {
        const target = course.follow(href);
        if (target.leads === 'nowhere') {
          found.push(`${where}: the link ${href} leads nowhere: ${target.why}`);
        }
        if (target.leads !== 'reference') continue;
        const seen = references.get(href) ?? { name: target.name, member: target.member, from: [] };
        references.set(href, { ...seen, from: [...seen.from, where] });
      }
    };
    const visitChapter = (chapter: ChapterSummary) =>
      checkLinks(`chapter ${chapter.slug} (step ${chapter.step})`);

    await open('#/');
    const first = course.lessons[0] as CourseLesson;
    await page.getByRole('link', { name: `Start with “${first.title}”`, exact: true }).click();

    /** False when the last lesson gave no way on: the next one is opened by its address. */
    let led = true;
    for (const [i, lesson] of course.lessons.entries()) {
      const next = course.lessons[i + 1];
      /** Runs one part of the lesson; a part that fails is noted and the walk goes on. */
      const attempt = async (what: string, part: () => Promise<void>) => {
        try {
          await part();
          return true;
        } catch (error) {
          found.push(`${named(lesson)}, ${what}: ${said(error)}`);
          return false;
        }
      };
      if (!led) await open(`#/learn/${lesson.slug}`);
      if (!(await attempt('arriving', () => arriveAt(page, lesson)))) {
        led = false;
        continue;
      }
      await attempt('its quizzes', () => answerQuizzes(page, lesson.quizzes));
      await attempt('its figures', () => seeFigures(page, lesson.figures));
      await attempt('its examples', () => runExamples(page, lesson.examples));
      const exercise = lesson.exercise;
      let done: boolean;
      if (exercise) {
        done = await attempt('solving it', () => solve(page, exercise));
        if (done) await attempt('the event-time chart', () => seeChart(page, exercise));
      } else {
        done = await attempt('marking it as read', () => markRead(page));
      }
      await attempt('its links', () => checkLinks(named(lesson)));
      // Without a pass there is no "Next" to take.
      led = done && (await attempt('moving on', () => moveOn(page, lesson, next, visitChapter)));
    }

    for (const [href, { name, member, from }] of references) {
      const problem = await referenceProblem(page, open, href, name, member).catch(said);
      if (problem) found.push(`${from.join(', ')}: the link ${href} leads nowhere: ${problem}`);
    }

    // Home, as a learner goes there: every lesson done, on the journey and in the sidebar.
    await page.locator('header .brand').click();
    await page.getByRole('heading', { level: 2, name: 'The learning journey' }).waitFor();
    found.push(...(await notShownDone(page)));

    expect(found, 'what the walk through the course found').toEqual([]);
  }, 300_000);
});
