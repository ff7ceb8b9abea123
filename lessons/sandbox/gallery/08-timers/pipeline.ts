// A timer asks the engine to call onTimer when event time (the watermark) reaches a given moment.
// Each reading pushes its sensor's timer 30 s ahead, so the timer fires only after 30 s of event
// time with no reading from that sensor: an absence turned into an event.
import {
  csvSource,
  KeyedProcessFunction,
  MAX_WATERMARK,
  Time,
  ValueStateDescriptor,
  WatermarkStrategy,
} from 'streamlab';
import type {
  Collector,
  KeyedContext,
  KeyedRuntimeContext,
  OnTimerContext,
  StreamExecutionEnvironment,
  ValueState,
} from 'streamlab';
import readings from './readings.csv';

/** How long a sensor may stay quiet. Try Time.seconds(10). */
const SILENCE = Time.seconds(30);

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      csvSource<Reading>(readings, {
        timestampField: 'ts',
        arrivalField: 'arrival',
        types: { celsius: 'number' },
      }),
      WatermarkStrategy.forBoundedOutOfOrderness<Reading>(Time.seconds(2)),
      'sensors',
    )
    .keyBy((reading) => reading.sensor)
    .process(new SilenceAlarm())
    .sinkTo(env.collect('alerts'));
}

/** Says when a sensor falls silent for longer than SILENCE, and when it is heard from again. */
class SilenceAlarm extends KeyedProcessFunction<string, Reading, Alert> {
  /** The time this sensor's timer is set for, so the next reading can delete it. */
  private deadline!: ValueState<number>;
  /** Whether the sensor has been reported silent and not heard from since. */
  private silent!: ValueState<boolean>;

  open(context: KeyedRuntimeContext) {
    this.deadline = context.getState(new ValueStateDescriptor<number>('deadline'));
    this.silent = context.getState(new ValueStateDescriptor<boolean>('silent', false));
  }

  processElement(reading: Reading, ctx: KeyedContext<string>, out: Collector<Alert>) {
    if (this.silent.value()) {
      out.collect({ sensor: reading.sensor, event: 'heard again', at: reading.ts });
      this.silent.update(false);
    }
    const timers = ctx.timerService();
    const previous = this.deadline.value();
    const next = reading.ts + SILENCE;
    // A reading that arrives out of order must not pull the deadline back.
    if (previous !== undefined && previous >= next) return;
    if (previous !== undefined) timers.deleteEventTimeTimer(previous);
    timers.registerEventTimeTimer(next);
    this.deadline.update(next);
  }

  onTimer(timestamp: number, ctx: OnTimerContext<string>, out: Collector<Alert>) {
    this.deadline.clear();
    // When the input ends, the watermark jumps to the end of time and fires every timer left:
    // that is the end of the file, not a silent sensor.
    if (ctx.timerService().currentWatermark() === MAX_WATERMARK) return;
    out.collect({ sensor: ctx.getCurrentKey(), event: 'silent', at: timestamp });
    this.silent.update(true);
  }
}

/** One row of readings.csv. */
interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
  arrival: number;
}

/** A sensor fell silent (`at` = its last reading + SILENCE) or was heard again (`at` = reading). */
interface Alert {
  sensor: string;
  event: 'silent' | 'heard again';
  at: number;
}
