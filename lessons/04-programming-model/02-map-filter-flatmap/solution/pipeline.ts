import { WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: ten posts from a small social network, in the order they were posted.
    // `ts` is when each was posted, in ms.
    .fromElements<Post>(
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
    )
    // Event time: each post happened at its `ts`, so the chart can place it.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.noWatermarks<Post>().withTimestampAssigner((post) => post.ts),
    )
    // One post in, one record out per word of its text: split on spaces.
    .flatMap((post) => post.text.split(' '))
    // A hashtag is a word that starts with '#' ("C#" has one, but is not a hashtag).
    .filter((word) => word.startsWith('#'))
    // The trends board shows tags without the '#' and in lower case, so #Flink and #flink are
    // one tag.
    .map((word) => word.slice(1).toLowerCase())
    .sinkTo(env.collect('hashtags'));
}

/** A post: who wrote it, when (ms), and its text. */
interface Post {
  user: string;
  ts: number;
  text: string;
}
