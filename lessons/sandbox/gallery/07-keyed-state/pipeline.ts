// Keyed state is memory a function keeps per key: after keyBy, each meter has its own `highest`,
// and the function sees only the current record's meter's value. Flink keeps it across records
// (and, in a real cluster, across failures, in its checkpoints).
import {
  jsonLinesSource,
  KeyedProcessFunction,
  OutputTag,
  ValueStateDescriptor,
  WatermarkStrategy,
} from 'streamlab';
import type {
  Collector,
  KeyedContext,
  KeyedRuntimeContext,
  StreamExecutionEnvironment,
  ValueState,
} from 'streamlab';
import messages from './messages.jsonl';

const RESENT = new OutputTag<Message>('resent');

export default function pipeline(env: StreamExecutionEnvironment) {
  const delivered = env
    .fromSource(
      // `ts` is when the meter took the reading; `arrival` when the message reached the pipeline.
      jsonLinesSource<Message>(messages, { timestampField: 'ts', arrivalField: 'arrival' }),
      WatermarkStrategy.forMonotonousTimestamps<Message>(),
      'meters',
    )
    .keyBy((message) => message.meter)
    .process(new DropResent());

  delivered.sinkTo(env.collect('delivered'));
  delivered.getSideOutput(RESENT).sinkTo(env.collect('resent'));
}

/** Passes on each message the first time its number is seen for its meter. */
class DropResent extends KeyedProcessFunction<string, Message, Message> {
  /** The highest message number passed on so far, per meter (0 before the first). */
  private highest!: ValueState<number>;

  open(context: KeyedRuntimeContext) {
    this.highest = context.getState(new ValueStateDescriptor<number>('highest seq', 0));
  }

  processElement(message: Message, ctx: KeyedContext<string>, out: Collector<Message>) {
    // A meter numbers its messages 1, 2, 3, … and sends them in order, so a number at or below
    // the highest one seen is a copy of a message already passed on.
    if (message.seq <= (this.highest.value() ?? 0)) {
      ctx.output(RESENT, message);
      return;
    }
    this.highest.update(message.seq);
    out.collect(message);
  }
}

/** One line of messages.jsonl. */
interface Message {
  meter: string;
  seq: number;
  ts: number;
  kwh: number;
  arrival: number;
}
