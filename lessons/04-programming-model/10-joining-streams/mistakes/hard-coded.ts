// Mistake: replaces both sources with the five expected paid orders, so nothing is joined.
// The check answers: /must read the lesson's 7 orders and 7 payments, unchanged and in order, but order 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { orderId: 'o-1', amount: 40, paidAfter: 3000 },
      { orderId: 'o-2', amount: 25, paidAfter: 6500 },
      { orderId: 'o-3', amount: 60, paidAfter: 2500 },
      { orderId: 'o-4', amount: 15, paidAfter: 0 },
      { orderId: 'o-5', amount: 30, paidAfter: 9000 },
    )
    .sinkTo(env.collect('paid orders'));
}
