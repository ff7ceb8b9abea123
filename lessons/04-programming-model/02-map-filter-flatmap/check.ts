// Grades a run of "map, filter and flatMap" by what reached the 'hashtags' sink, and which post
// each tag came from.
import { formatRecord, originOfEach, pipelineProblem, sameRecord } from 'streamlab';
import type { CheckInput, CheckResult, LessonPipeline } from 'streamlab';

interface Post {
  user: string;
  ts: number;
  text: string;
}

// The posts the starter program sends, in the same order. "C#" tells startsWith('#') from
// includes('#'), capitals tell a lower-cased tag from one left as written, and posts with no tag
// at all tell flatMap (nothing out) from map (an empty array out).
const POSTS: Post[] = [
  { user: 'ana', ts: 1000, text: 'Sunrise over the harbour #Sunrise #photography' },
  { user: 'ben', ts: 2000, text: 'Coffee first, then code' },
  { user: 'cleo', ts: 3000, text: '#Flink windows finally make sense' },
  { user: 'dev', ts: 4000, text: 'I write C# all day and I love it' },
  { user: 'ana', ts: 5000, text: 'Golden hour at the pier #photography #GoldenHour' },
  { user: 'ben', ts: 6000, text: 'Deploying on a Friday #yolo' },
  { user: 'cleo', ts: 7000, text: 'Event time beats processing time #flink #Streaming' },
  { user: 'dev', ts: 8000, text: 'Lunch' },
  { user: 'eli', ts: 9000, text: '#TBT my first marathon #running' },
  { user: 'ana', ts: 10000, text: 'Fog rolling in #sunrise' },
];

const SINK = 'hashtags';
const wordsOf = (post: Post) => post.text.split(' ');
const isTag = (word: string) => word.startsWith('#');
const tagName = (word: string) => word.slice(1).toLowerCase();

/** Every tag the trends board should get, in order, with the position of its post. */
const EXPECTED = POSTS.flatMap((post, p) =>
  wordsOf(post)
    .filter(isTag)
    .map((word) => ({ tag: tagName(word), post: p })),
);

const PIPELINE: LessonPipeline<Post> = {
  sink: SINK,
  madeFrom: 'one record',
  unsourced: 'each tag must come out of the post it is in, through .flatMap, .filter and .map.',
  input: {
    records: POSTS,
    noun: 'post',
    counted: 'ten posts',
    restore:
      'Put the posts back as the starter had them (Reset brings the starter back) and find the tags with .flatMap, .filter and .map.',
    readOnly:
      'The tags must come out of the posts, not be written into a source: read only the posts.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

const describe = (p: number) => `post ${p + 1} (${formatRecord((POSTS[p] as Post).text)})`;

/** The word of `post` that `value` was made from, trying what a pipeline could have done to it. */
function wordBehind(value: string, post: Post): string | undefined {
  const made = (word: string) => [
    word,
    word.toLowerCase(),
    word.slice(1),
    tagName(word),
    word.replaceAll('#', ''),
    word.replaceAll('#', '').toLowerCase(),
  ];
  const words = wordsOf(post);
  // A tag explains a value before an ordinary word does: 'flink' comes from '#flink'.
  return (
    words.find((w) => isTag(w) && made(w).includes(value)) ??
    words.find((w) => made(w).includes(value))
  );
}

/** What is wrong with a string that reached the sink from post `p`, or undefined if it is a tag. */
function tagProblem(value: string, p: number, anyTag: boolean): string | undefined {
  const post = POSTS[p] as Post;
  const expected = EXPECTED.filter((e) => e.post === p).map((e) => e.tag);
  if (expected.includes(value)) return undefined;
  const word = wordBehind(value, post);
  if (word === undefined) {
    return `'${SINK}' got ${formatRecord(value)} from ${describe(p)}, which has no such word. Each tag should be a hashtag of its post, without the '#' and in lower case.`;
  }
  if (!isTag(word)) {
    if (word.includes('#')) {
      return `'${SINK}' got ${formatRecord(value)}, made from the word ${formatRecord(word)} of ${describe(p)}. That word contains a '#' but does not start with one, so it is not a hashtag: keep the words that start with '#', with word.startsWith('#').`;
    }
    const inverted = anyTag
      ? ''
      : " None of the tags got through, so the filter looks the wrong way round: it keeps the words for which it returns true, and those should be the ones that start with '#'.";
    return `'${SINK}' got ${formatRecord(value)}, made from the word ${formatRecord(word)} of ${describe(p)}, which is not a hashtag.${inverted}`;
  }
  if (value.startsWith('#')) {
    return `'${SINK}' got ${formatRecord(value)}: the trends board shows tags without their '#'. Drop it in the map, with word.slice(1).`;
  }
  if (value.toLowerCase() === tagName(word)) {
    return `'${SINK}' got ${formatRecord(value)} from ${describe(p)}, but the trends board shows tags in lower case, so that #Flink and #flink are one tag: it should be ${formatRecord(tagName(word))}. Add .toLowerCase() in the map.`;
  }
  return `'${SINK}' got ${formatRecord(value)} for the hashtag ${formatRecord(word)} of ${describe(p)}; it should be ${formatRecord(tagName(word))}.`;
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const got = run.sinks[SINK] ?? [];

  // Which post each record came from: exactly one, through the learner's operators.
  const from = originOfEach(run, SINK) as number[];

  const array = got.findIndex((value) => Array.isArray(value));
  if (array !== -1) {
    return fail(
      `Record ${array + 1} of '${SINK}' is an array, ${formatRecord(got[array])}, made from ${describe(from[array] as number)}. map sends exactly one record for each record it gets, so a whole array went out as one record (and posts without tags sent an empty one). Use flatMap, which sends each element of the array it returns as a record of its own, and none for an empty array.`,
    );
  }
  if (got.length > 0 && got.every((value, i) => sameRecord(value, POSTS[from[i] as number]))) {
    return fail(
      `The posts reached '${SINK}' as they are. Split each post's text into words with .flatMap((post) => post.text.split(' ')), keep the words that are hashtags with .filter, and turn each into its tag with .map.`,
    );
  }
  const notString = got.findIndex((value) => typeof value !== 'string');
  if (notString !== -1) {
    return fail(
      `Record ${notString + 1} of '${SINK}' is ${formatRecord(got[notString])}, but the trends board wants each tag as a string, such as "sunrise".`,
    );
  }

  const tags = got as string[];
  const anyTag = tags.some((tag, i) => EXPECTED.some((e) => e.post === from[i] && e.tag === tag));
  for (const [i, tag] of tags.entries()) {
    const wrong = tagProblem(tag, from[i] as number, anyTag);
    if (wrong !== undefined) return fail(wrong);
  }

  for (const want of EXPECTED) {
    const wanted = EXPECTED.filter((e) => e.post === want.post && e.tag === want.tag).length;
    const found = tags.filter((tag, i) => tag === want.tag && from[i] === want.post).length;
    if (found < wanted) {
      return fail(
        `The tag ${formatRecord(want.tag)} of ${describe(want.post)} did not reach '${SINK}'. Does the flatMap split the text on spaces, and does the filter keep every word that starts with '#'?`,
      );
    }
    if (found > wanted) {
      return fail(
        `The tag ${formatRecord(want.tag)} of ${describe(want.post)} reached '${SINK}' ${found} times: each hashtag should send one tag.`,
      );
    }
  }

  return {
    pass: true,
    message: `All ${EXPECTED.length} tags are right, in the order they were posted: ${EXPECTED.map((e) => e.tag).join(', ')}.`,
  };
}
