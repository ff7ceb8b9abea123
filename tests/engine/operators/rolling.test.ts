import { describe, expect, it } from 'vitest';
import { run, values } from '../helpers';

interface Score {
  readonly player: string;
  readonly round: number;
  readonly points: number;
}

const scores: Score[] = [
  { player: 'ann', round: 1, points: 5 },
  { player: 'bob', round: 1, points: 3 },
  { player: 'ann', round: 2, points: 2 },
  { player: 'ann', round: 3, points: 9 },
  { player: 'ann', round: 4, points: 2 },
];

function rolling(kind: 'sum' | 'min' | 'max' | 'minBy' | 'maxBy'): Score[] {
  const result = run((env) => {
    const keyed = env.fromCollection(scores).keyBy((s) => s.player);
    keyed[kind]('points').sinkTo(env.collect('out'));
  });
  return values<Score>(result, 'out').filter((s) => s.player === 'ann');
}

describe('rolling aggregations (Flink’s exact results)', () => {
  it('sum keeps the first record’s other fields', () => {
    expect(rolling('sum')).toEqual([
      { player: 'ann', round: 1, points: 5 },
      { player: 'ann', round: 1, points: 7 },
      { player: 'ann', round: 1, points: 16 },
      { player: 'ann', round: 1, points: 18 },
    ]);
  });

  it('min and max only update the field', () => {
    expect(rolling('min').map((s) => [s.round, s.points])).toEqual([
      [1, 5],
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(rolling('max').map((s) => [s.round, s.points])).toEqual([
      [1, 5],
      [1, 5],
      [1, 9],
      [1, 9],
    ]);
  });

  it('minBy and maxBy return whole records, the first one on ties', () => {
    expect(rolling('minBy').map((s) => s.round)).toEqual([1, 2, 2, 2]);
    expect(rolling('maxBy').map((s) => s.round)).toEqual([1, 1, 3, 3]);
  });

  it('reduce emits the running value, starting with the first record', () => {
    const result = run((env) => {
      env
        .fromElements(1, 2, 3, 4)
        .keyBy((n) => n % 2)
        .reduce((a, b) => a + b)
        .sinkTo(env.collect('out'));
    });
    expect(values(result, 'out')).toEqual([1, 2, 4, 6]);
  });

  it('sum works on tuples by index, as in word count', () => {
    const result = run((env) => {
      env
        .fromElements('to be', 'or not to be')
        .flatMap((line) => line.split(' ').map((word): [string, number] => [word, 1]))
        .keyBy(([word]) => word)
        .sum(1)
        .sinkTo(env.upsertTable('counts', ([word]) => word));
    });
    expect(result.tables['counts']?.map((row) => row.value)).toEqual([
      ['to', 2],
      ['be', 2],
      ['or', 1],
      ['not', 1],
    ]);
    expect(result.tables['counts']?.map((row) => row.updates)).toEqual([2, 2, 1, 1]);
  });
});
