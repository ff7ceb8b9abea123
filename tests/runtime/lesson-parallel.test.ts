/**
 * The anatomy lesson invites the learner to add `env.setParallelism(2)` once the exercise is done
 * and watch the Graph tab: its check must still pass the solution run in parallel, or the lesson
 * would punish following its own advice.
 */
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';
import { RunSession } from '../../src/runtime/worker/session';
import { ROOT } from './lesson-mistakes';

const library = loadLessons(ROOT);

describe('the anatomy lesson in parallel', () => {
  it('passes its solution with env.setParallelism(2), which the lesson suggests', () => {
    const lesson = [...library.lessons.values()].find((l) => l.slug.endsWith('anatomy-of-a-job'));
    if (lesson === undefined || lesson.check === null) throw new Error('no anatomy lesson check');
    const entry = Object.keys(lesson.solution)[0] as string;
    const parallel = (lesson.solution[entry] as string).replace(
      'export default function pipeline(env: StreamExecutionEnvironment) {',
      'export default function pipeline(env: StreamExecutionEnvironment) {\n  env.setParallelism(2);',
    );
    expect(parallel).toContain('env.setParallelism(2);');
    let now = 0;
    const session = new RunSession({ now: () => (now += 0.01) });
    const loaded = session.load({
      files: { ...lesson.solution, [entry]: parallel },
      entry,
      trace: 'full',
      provenance: true,
    });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.graph.operators.every((o) => o.parallelism === 2)).toBe(true);
    for (let i = 0; i < 1000; i++) {
      const step = session.advance({ kind: 'end' }, 1000);
      expect(step.failure).toBeUndefined();
      if (step.done) break;
    }
    expect(session.check(lesson.check)).toMatchObject({ ok: true, pass: true });
  });
});
