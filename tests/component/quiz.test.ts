import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { userEvent } from 'vitest/browser';
import Quiz from '../../src/ui/lesson/Quiz.svelte';
import type { QuizBlock } from '../../src/content/types';

const oneRight: QuizBlock = {
  kind: 'quiz',
  question: 'Which time does <code>TumblingEventTimeWindows</code> use?',
  detail: '',
  choices: [
    {
      html: 'When the record arrived',
      correct: false,
      explanation: '<p>That is processing time.</p>',
    },
    { html: 'The record’s timestamp', correct: true, explanation: '<p>Event time.</p>' },
    {
      html: 'The watermark’s time',
      correct: false,
      explanation: '<p>It only says when to fire.</p>',
    },
  ],
};

const twoRight: QuizBlock = {
  kind: 'quiz',
  question: 'Which of these are operators?',
  detail: '<pre><code>env.fromElements(1).map(f).filter(g)</code></pre>',
  choices: [
    { html: '<code>map</code>', correct: true, explanation: '<p>One step.</p>' },
    { html: '<code>filter</code>', correct: true, explanation: '<p>Another step.</p>' },
    { html: '<code>env</code>', correct: false, explanation: '<p>The environment.</p>' },
  ],
};

describe('Quiz', () => {
  it('offers radio buttons under the question when one answer is right', async () => {
    const screen = await render(Quiz, { quiz: oneRight });
    const group = screen.getByRole('group', {
      name: 'Which time does TumblingEventTimeWindows use?',
    });
    await expect.element(group).toBeVisible();
    expect(group.getByRole('radio').elements()).toHaveLength(3);
    await expect.element(screen.getByText('Choose one answer.')).toBeVisible();
  });

  it('asks for a choice before checking', async () => {
    const screen = await render(Quiz, { quiz: oneRight });
    await screen.getByRole('button', { name: 'Check answer' }).click();
    await expect.element(screen.getByRole('status')).toHaveTextContent('Choose an answer first.');
    expect(screen.container.querySelectorAll('.why')).toHaveLength(0);
  });

  it('judges a wrong choice and explains every answer, then starts over', async () => {
    const screen = await render(Quiz, { quiz: oneRight });
    await screen.getByRole('radio', { name: 'When the record arrived' }).click();
    await screen.getByRole('button', { name: 'Check answer' }).click();
    await expect.element(screen.getByRole('status')).toHaveTextContent(/^Not quite\./);
    const marks = [...screen.container.querySelectorAll('.mark')].map((m) => m.textContent?.trim());
    expect(marks).toEqual(['✗ Wrong answer · your choice', '✓ Right answer', '✗ Wrong answer']);
    // Each explanation describes its choice for screen readers, and the choices are locked.
    const arrived = screen.getByRole('radio', { name: 'When the record arrived' });
    await expect.element(arrived).toHaveAccessibleDescription(/That is processing time/);
    await expect.element(arrived).toBeDisabled();

    await screen.getByRole('button', { name: 'Try again' }).click();
    await expect.element(screen.getByRole('status')).toHaveTextContent('');
    await expect.element(arrived).not.toBeChecked();
    await expect.element(arrived).toBeEnabled();
    expect(screen.container.querySelectorAll('.why')).toHaveLength(0);
  });

  it('judges the right choice right, answered with the keyboard', async () => {
    const screen = await render(Quiz, { quiz: oneRight });
    screen.getByRole('radio', { name: 'When the record arrived' }).element().focus();
    await userEvent.keyboard('{ArrowDown}');
    await expect
      .element(screen.getByRole('radio', { name: 'The record’s timestamp' }))
      .toBeChecked();
    await userEvent.keyboard('{Tab}{Enter}');
    await expect.element(screen.getByRole('status')).toHaveTextContent(/^Right\./);
    // The button keeps the focus and now offers to start over.
    await expect.element(screen.getByRole('button', { name: 'Try again' })).toHaveFocus();
  });

  it('uses checkboxes when several answers are right, and counts what was chosen', async () => {
    const screen = await render(Quiz, { quiz: twoRight });
    expect(screen.getByRole('checkbox').elements()).toHaveLength(3);
    await expect.element(screen.getByText(/there is more than one/)).toBeVisible();
    await expect.element(screen.getByText('env.fromElements(1).map(f).filter(g)')).toBeVisible();
    await screen.getByRole('checkbox', { name: 'map' }).click();
    await screen.getByRole('checkbox', { name: 'env' }).click();
    await screen.getByRole('button', { name: 'Check answer' }).click();
    await expect
      .element(screen.getByRole('status'))
      .toHaveTextContent('Not quite: you chose 1 of the 2 right answers and 1 wrong one.', {
        normalizeWhitespace: true,
      });

    await screen.getByRole('button', { name: 'Try again' }).click();
    await screen.getByRole('checkbox', { name: 'map' }).click();
    await screen.getByRole('checkbox', { name: 'filter' }).click();
    await screen.getByRole('button', { name: 'Check answer' }).click();
    await expect
      .element(screen.getByRole('status'))
      .toHaveTextContent(/^Right: all 2 right answers, and no wrong one\./);
  });
});
