// Grades a run of "Event time" by what reached the 'readings' sink: every reading of every
// packet, unchanged, each carrying the time it was taken as its event time.
import { formatRecord, originOfEach, pipelineProblem, sameRecord } from 'streamlab';
import type { CheckInput, CheckResult, CollectedRecord, LessonPipeline } from 'streamlab';

interface Reading {
  sensor: string;
  takenAt: number;
  celsius: number;
}

interface Packet {
  gateway: string;
  sentAt: number;
  readings: Reading[];
}

// The packets the starter program sends, in the same order. A packet's send time is never a
// reading's take time, nor is either a thousand times the other, so the time the packet was sent,
// takenAt without × 1000 and one time for a whole packet each give different event times. Boiler-2's
// reading taken at 2 s travels in the packet sent at 9050 ms, after readings taken later.
const PACKETS: Packet[] = [
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
];

const SINK = 'readings';
/** Every reading the sink should get, in order, with the position of its packet. */
const EXPECTED = PACKETS.flatMap((packet, p) => packet.readings.map((reading) => ({ reading, p })));
const eventTimeOf = (r: Reading) => r.takenAt * 1000;

const PIPELINE: LessonPipeline<Packet> = {
  sink: SINK,
  madeFrom: 'one record',
  unsourced: 'each reading must come out of the packet that carried it.',
  input: {
    records: PACKETS,
    noun: 'packet',
    counted: 'five packets',
    whose: "the gateway's",
    describe: (packet) => `the one sent at ${packet.sentAt} ms`,
    restore:
      'Put the packets back as the starter had them (Reset brings the starter back), split them into readings with .flatMap and give each reading its event time.',
    readOnly:
      'The readings must come out of the packets, not be written into a source: read only the packets.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

function isPacket(value: unknown): value is Packet {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.gateway === 'string' && typeof v.sentAt === 'number' && Array.isArray(v.readings);
}

const describe = (r: Reading) => `the reading ${r.sensor} took at ${r.takenAt} s`;
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What is wrong with the event time of the k-th reading, or undefined when it is right. */
function timeProblem(rows: readonly CollectedRecord[], k: number): string | undefined {
  const { reading, p } = EXPECTED[k] as { reading: Reading; p: number };
  const packet = PACKETS[p] as Packet;
  const got = rows[k]?.timestamp;
  const want = eventTimeOf(reading);
  if (got === want) return undefined;
  const what = `${capital(describe(reading))} carries`;
  if (got === undefined) {
    return `${what} no event time. Give each reading its event time with .assignTimestampsAndWatermarks(...) after the flatMap.`;
  }
  if (got === reading.takenAt) {
    return `${what} event time ${got} ms, but it was taken ${reading.takenAt} s into the shift. takenAt counts seconds and event time counts milliseconds: multiply by 1000, (reading) => reading.takenAt * 1000.`;
  }
  if (got === packet.sentAt) {
    return `${what} event time ${got} ms: that is when the gateway sent its packet, not when the boiler took the reading (${want} ms). A flatMap's outputs keep the timestamp of the record they came from, so every reading still has its packet's. After the flatMap, assign each reading its own event time with .assignTimestampsAndWatermarks(...), from takenAt.`;
  }
  const shared = packet.readings.every((_, j) => {
    const i = EXPECTED.findIndex((e) => e.p === p && e.reading === packet.readings[j]);
    return rows[i]?.timestamp === got;
  });
  if (shared) {
    return `Every reading of the packet sent at ${packet.sentAt} ms carries the same event time, ${got} ms, but they were taken at different times (${packet.readings.map((r) => `${r.takenAt} s`).join(', ')}). A timestamp assigned to a packet is one per packet: assign timestamps after the flatMap, so each reading gets its own, from its takenAt.`;
  }
  return `${what} event time ${got} ms, but it was taken at ${reading.takenAt} s, which is ${want} ms.`;
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const got = run.sinks[SINK] ?? [];
  const rows = run.outputs[SINK] ?? [];

  const from = originOfEach(run, SINK) as number[];

  if (got.length > 0 && got.every((value) => isPacket(value))) {
    return fail(
      `The packets reached '${SINK}' as they are, but the dashboard wants one record per reading. Split each packet into its readings with .flatMap((packet) => packet.readings).`,
    );
  }
  const array = got.findIndex((value) => Array.isArray(value));
  if (array !== -1) {
    return fail(
      `Record ${array + 1} of '${SINK}' is an array of readings: map sends one record per packet. Use flatMap, which sends each reading of the array as a record of its own.`,
    );
  }
  for (const [k, { reading, p }] of EXPECTED.entries()) {
    const value = got[k];
    if (!sameRecord(value, reading) || from[k] !== p) {
      const instead = value === undefined ? 'nothing' : formatRecord(value);
      return fail(
        `Record ${k + 1} of '${SINK}' should be ${describe(reading)}, ${formatRecord(reading)}, from the packet sent at ${PACKETS[p]?.sentAt} ms, but it is ${instead}. Send every reading of every packet, unchanged and in order: .flatMap((packet) => packet.readings).`,
      );
    }
  }
  if (got.length > EXPECTED.length) {
    return fail(
      `'${SINK}' got ${got.length} records, but the packets carry ${EXPECTED.length} readings: each should arrive once.`,
    );
  }

  for (const k of EXPECTED.keys()) {
    const wrong = timeProblem(rows, k);
    if (wrong !== undefined) return fail(wrong);
  }

  const late = EXPECTED.find(
    ({ reading }, k) =>
      k > 0 && EXPECTED.slice(0, k).some((e) => e.reading.takenAt > reading.takenAt + 3),
  );
  const note =
    late === undefined
      ? ''
      : ` On the chart, with Sink: readings picked, ${describe(late.reading)} sits far left of the readings that arrived with it: it arrived in the packet sent at ${PACKETS[late.p]?.sentAt} ms.`;
  return {
    pass: true,
    message: `All ${EXPECTED.length} readings carry the time they were taken as their event time, from ${Math.min(...EXPECTED.map((e) => eventTimeOf(e.reading)))} to ${Math.max(...EXPECTED.map((e) => eventTimeOf(e.reading)))} ms.${note}`,
  };
}
