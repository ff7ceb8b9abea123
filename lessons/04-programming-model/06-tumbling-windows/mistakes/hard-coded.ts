// Mistake: replaces the source with the nine expected counts, so nothing is counted.
// The check answers: /must read the lesson's 18 views, unchanged and in order.*view 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { page: '/home', views: 4 },
      { page: '/search', views: 1 },
      { page: '/cart', views: 1 },
      { page: '/search', views: 3 },
      { page: '/home', views: 3 },
      { page: '/cart', views: 1 },
      { page: '/cart', views: 2 },
      { page: '/home', views: 2 },
      { page: '/search', views: 1 },
    )
    .sinkTo(env.collect('views per window'));
}
