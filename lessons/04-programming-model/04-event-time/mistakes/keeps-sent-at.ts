// Mistake: splits the packets but leaves each reading with its packet's timestamp (sentAt).
// The check answers: /The reading boiler-1 took at 1 s carries event time 3200 ms: that is when the gateway sent its packet.*After the flatMap, assign each reading its own event time/
import { WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: a recorded shift of the east gateway, replayed. The gateway collects readings
    // from two boilers and sends them in packets. `sentAt` is when it sent a packet, in ms since
    // the start of the shift; a reading's `takenAt` is when the boiler took it, in whole seconds
    // (the boilers' clocks only count seconds). The packets arrive 100 ms apart.
    .fromElements<Packet>(
      {
        gateway: 'east',
        sentAt: 3200,
        readings: [
          { sensor: 'boiler-1', takenAt: 1, celsius: 71.5 },
          { sensor: 'boiler-2', takenAt: 1, celsius: 68.0 },
          { sensor: 'boiler-1', takenAt: 3, celsius: 72.0 },
        ],
      },
      {
        gateway: 'east',
        sentAt: 6100,
        readings: [
          { sensor: 'boiler-2', takenAt: 4, celsius: 68.5 },
          { sensor: 'boiler-1', takenAt: 5, celsius: 72.5 },
          { sensor: 'boiler-2', takenAt: 6, celsius: 69.0 },
        ],
      },
      {
        gateway: 'east',
        sentAt: 9050,
        readings: [
          { sensor: 'boiler-1', takenAt: 7, celsius: 73.0 },
          { sensor: 'boiler-2', takenAt: 2, celsius: 68.3 },
          { sensor: 'boiler-1', takenAt: 9, celsius: 73.5 },
        ],
      },
      {
        gateway: 'east',
        sentAt: 12300,
        readings: [
          { sensor: 'boiler-2', takenAt: 8, celsius: 69.5 },
          { sensor: 'boiler-2', takenAt: 10, celsius: 70.0 },
          { sensor: 'boiler-1', takenAt: 11, celsius: 74.0 },
          { sensor: 'boiler-2', takenAt: 12, celsius: 70.5 },
        ],
      },
      {
        gateway: 'east',
        sentAt: 15200,
        readings: [
          { sensor: 'boiler-1', takenAt: 13, celsius: 74.5 },
          { sensor: 'boiler-2', takenAt: 14, celsius: 71.0 },
          { sensor: 'boiler-1', takenAt: 15, celsius: 75.0 },
        ],
      },
    )
    // Event time, for now: each packet happened when the gateway sent it.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.noWatermarks<Packet>().withTimestampAssigner((packet) => packet.sentAt),
    )
    // One packet in, its readings out. Each reading starts with its packet's timestamp.
    .flatMap((packet) => packet.readings)
    .sinkTo(env.collect('readings'));
}

/** A packet the gateway sent: when (ms), and the readings it carries. */
interface Packet {
  gateway: string;
  sentAt: number;
  readings: Reading[];
}

/** One reading: which boiler, when it was taken (whole seconds), and the value. */
interface Reading {
  sensor: string;
  takenAt: number;
  celsius: number;
}
