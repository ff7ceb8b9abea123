import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { ChapterSummary, LessonSummary } from '../../src/content/types';
import HomePage from '../../src/ui/pages/HomePage.svelte';
import { progress } from '../../src/ui/progress/course-progress.svelte';
import MarkRead from '../../src/ui/progress/MarkRead.svelte';
import ProgressIcon from '../../src/ui/progress/ProgressIcon.svelte';
import Sidebar from '../../src/ui/Sidebar.svelte';

const lesson = (slug: string, chapter: string): LessonSummary => ({
  slug,
  chapter,
  title: `Lesson ${slug}`,
  step: 1,
  minutes: 10,
  goals: [],
});

/** Slugs unique to one test: the app's progress is saved in this browser's IndexedDB. */
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;

describe('ProgressIcon', () => {
  it('has a label that says the status, unless the status is written beside it', async () => {
    const labelled = await render(ProgressIcon, { status: 'in-progress' });
    await expect.element(labelled.getByRole('img', { name: 'In progress' })).toBeVisible();
    labelled.unmount();
    const quiet = await render(ProgressIcon, { status: 'done', labelled: false });
    expect(quiet.container.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(quiet.container.querySelector('[role="img"]')).toBeNull();
  });
});

describe('progress on the pages', () => {
  it('marks each lesson in the sidebar', async () => {
    const [done, started, fresh] = [unique('done'), unique('started'), unique('fresh')];
    await progress.passed(done, 'Passed.');
    await progress.started(started);
    const chapters: ChapterSummary[] = [
      {
        slug: 'c',
        title: 'Chapter',
        step: 1,
        summary: '',
        lessons: [lesson(done, 'c'), lesson(started, 'c'), lesson(fresh, 'c')],
      },
    ];
    const screen = await render(Sidebar, { chapters, route: { page: 'home' } });
    await expect
      .element(screen.getByRole('link', { name: `Lesson ${done} Done` }))
      .toHaveAttribute('href', `#/learn/${done}`);
    await expect
      .element(screen.getByRole('link', { name: `Lesson ${started} In progress` }))
      .toBeVisible();
    await expect
      .element(screen.getByRole('link', { name: `Lesson ${fresh} Not started` }))
      .toBeVisible();
  });

  it('counts lessons done per chapter on the home page, honest about chapters with none', async () => {
    const [first, second] = [unique('first'), unique('second')];
    const chapters: ChapterSummary[] = [
      {
        slug: 'one',
        title: 'One',
        step: 1,
        summary: 'The first.',
        lessons: [lesson(first, 'one'), lesson(second, 'one')],
      },
      { slug: 'two', title: 'Two', step: 2, summary: 'The second.', lessons: [] },
    ];
    const screen = await render(HomePage, { chapters });
    await expect
      .element(screen.getByRole('link', { name: /One.*0 of 2 lessons done/ }))
      .toBeVisible();
    await expect
      .element(screen.getByRole('link', { name: /Two.*No lessons yet: an overview to read/ }))
      .toBeVisible();
    await expect
      .element(screen.getByRole('link', { name: `Start with “Lesson ${first}”` }))
      .toBeVisible();

    await progress.passed(first, 'Passed.');
    await expect
      .element(screen.getByRole('link', { name: /One.*1 of 2 lessons done/ }))
      .toBeVisible();
    // Once begun, the way in is the first lesson not done.
    await expect
      .element(screen.getByRole('link', { name: `Continue with “Lesson ${second}”` }))
      .toHaveAttribute('href', `#/learn/${second}`);
  });

  it('lets a lesson with no check be marked read, and counts opening it as a start', async () => {
    const slug = unique('reading');
    const screen = await render(MarkRead, { slug });
    await expect.element(screen.getByText(/counts as done once you mark it as read/)).toBeVisible();
    expect(progress.status(slug)).toBe('in-progress');
    await screen.getByRole('button', { name: 'Mark as read' }).click();
    const done = screen.getByText(/Done: you marked this lesson as read\s+today at/);
    await expect.element(done).toHaveFocus();
    expect(progress.status(slug)).toBe('done');
  });
});
