// The rule of Flink's fraud detection walkthrough: a small payment followed soon by a large one on
// the same card. Per card, a flag in keyed state remembers a small payment, and an event-time timer
// forgets it when the time to follow it up has passed.
import { KeyedProcessFunction, Time, ValueStateDescriptor, WatermarkStrategy } from 'streamlab';
import type {
  CardTransaction,
  Collector,
  KeyedContext,
  KeyedRuntimeContext,
  OnTimerContext,
  StreamExecutionEnvironment,
  ValueState,
} from 'streamlab';

const SMALL = 2;
const LARGE = 500;
/** How long after a small payment a large one is suspicious. Try Time.minutes(1). */
const FOLLOW_UP = Time.minutes(5);

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      // Twenty cards for ten minutes, with more fraud than real life so there is some to find.
      env.datasets.cardTransactions({ cards: 20, fraudRate: 0.05 }),
      WatermarkStrategy.forBoundedOutOfOrderness<CardTransaction>(
        Time.seconds(3),
      ).withTimestampAssigner((payment) => payment.ts),
      'payments',
    )
    .keyBy((payment) => payment.card)
    .process(new SmallThenLarge())
    .sinkTo(env.collect('alerts'));
}

class SmallThenLarge extends KeyedProcessFunction<string, CardTransaction, Alert> {
  /** The card's last small payment not yet followed up, if any. */
  private small!: ValueState<CardTransaction>;

  open(context: KeyedRuntimeContext) {
    this.small = context.getState(new ValueStateDescriptor<CardTransaction>('small payment'));
  }

  processElement(payment: CardTransaction, ctx: KeyedContext<string>, out: Collector<Alert>) {
    const small = this.small.value();
    if (small !== undefined && payment.amount > LARGE && payment.ts >= small.ts) {
      out.collect({
        card: payment.card,
        small: small.amount,
        large: payment.amount,
        merchant: payment.merchant,
        secondsApart: (payment.ts - small.ts) / 1000,
        // The dataset's own answer, to tell a caught fraud from a false alarm.
        markedFraud: payment.fraud ?? 'no',
      });
      this.forget(ctx);
    }
    if (payment.amount < SMALL) {
      this.forget(ctx);
      this.small.update(payment);
      ctx.timerService().registerEventTimeTimer(payment.ts + FOLLOW_UP);
    }
  }

  /** The follow-up time of the small payment is over: forget it. */
  onTimer(_timestamp: number, _ctx: OnTimerContext<string>, _out: Collector<Alert>) {
    this.small.clear();
  }

  /** Forgets the small payment remembered, and its timer. */
  private forget(ctx: KeyedContext<string>) {
    const small = this.small.value();
    if (small !== undefined) ctx.timerService().deleteEventTimeTimer(small.ts + FOLLOW_UP);
    this.small.clear();
  }
}

/** A large payment soon after a small one on the same card. */
interface Alert {
  card: string;
  small: number;
  large: number;
  merchant: string;
  secondsApart: number;
  markedFraud: string;
}
