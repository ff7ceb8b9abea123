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
    // Your operators go here: .flatMap(...) to split each post into words, .filter(...) to keep
    // the hashtags, .map(...) to turn each hashtag into the name the trends board shows.

    // Sink: for now, every post arrives here as it is.
    .sinkTo(env.collect('hashtags'));
}

/** A post: who wrote it, when (ms), and its text. */
interface Post {
  user: string;
  ts: number;
  text: string;
}
