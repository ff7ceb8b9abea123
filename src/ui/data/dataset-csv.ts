/**
 * A bundled dataset written out as a CSV file, so a sandbox can hold (and a learner can edit) the
 * very rows a run would read: every field of the dataset's records, then `arrival`, the time the
 * engine delivered each record. Read through the engine's public Source API, with the sandbox's
 * seed: the same seed and options always give the same file.
 */
import { cardTransactions, clickStream, sensorReadings, taxiRides, type Source } from 'streamlab';
import { writeCsvTable } from './csv-table';

export type DatasetName = 'sensor-readings' | 'click-stream' | 'card-transactions' | 'taxi-rides';

/** A dataset as the dialog offers it. */
export interface DatasetChoice {
  readonly name: DatasetName;
  readonly label: string;
  /** What its keys are, in the plural: "sensors". */
  readonly keys: string;
  readonly defaultKeys: number;
  readonly defaultSeconds: number;
}

export const DATASETS: readonly DatasetChoice[] = [
  {
    name: 'sensor-readings',
    label: 'Sensor readings',
    keys: 'sensors',
    defaultKeys: 3,
    defaultSeconds: 60,
  },
  {
    name: 'click-stream',
    label: 'Click stream',
    keys: 'users',
    defaultKeys: 20,
    defaultSeconds: 600,
  },
  {
    name: 'card-transactions',
    label: 'Card transactions',
    keys: 'cards',
    defaultKeys: 100,
    defaultSeconds: 60,
  },
  { name: 'taxi-rides', label: 'Taxi rides', keys: 'taxis', defaultKeys: 200, defaultSeconds: 600 },
];

export interface DatasetSize {
  /** How many sensors, users, cards or taxis. */
  readonly keys: number;
  /** How much event time the data covers, in seconds. */
  readonly seconds: number;
}

/** The column each record's arrival (processing) time is written to. */
export const ARRIVAL_COLUMN = 'arrival';
/** The column of event time: every bundled dataset calls it `ts`. */
export const EVENT_TIME_COLUMN = 'ts';
/** A file bigger than this would slow the editor and not fit a share link: the rest is left out. */
export const MAX_DATASET_ROWS = 5_000;

function sourceOf(name: DatasetName, { keys, seconds }: DatasetSize, seed: number): Source<object> {
  const durationMs = seconds * 1000;
  switch (name) {
    case 'sensor-readings':
      return sensorReadings({ sensors: keys, durationMs }, seed);
    case 'click-stream':
      return clickStream({ users: keys, durationMs }, seed);
    case 'card-transactions':
      return cardTransactions({ cards: keys, durationMs }, seed);
    case 'taxi-rides':
      return taxiRides({ taxis: keys, durationMs }, seed);
  }
}

export interface DatasetFile {
  readonly text: string;
  readonly rows: number;
  /** Whether the dataset had more than {@link MAX_DATASET_ROWS} rows, and only those were kept. */
  readonly cut: boolean;
}

/**
 * The dataset's records in arrival order as CSV. Fields a record lacks (a taxi ride's start has no
 * fare) are empty. One partition, so the file reads back as the single stream a text source is.
 */
export function datasetCsv(name: DatasetName, size: DatasetSize, seed: number): DatasetFile {
  const reader = sourceOf(name, size, seed).createReader(0);
  const records: { value: Record<string, unknown>; arrival: number }[] = [];
  let cut = false;
  for (let event = reader.next(); event !== undefined; event = reader.next()) {
    if (event.kind !== 'record') continue;
    if (records.length === MAX_DATASET_ROWS) {
      cut = true;
      break;
    }
    records.push({ value: event.value as Record<string, unknown>, arrival: event.arrivalTime });
  }
  const fields: string[] = [];
  for (const { value } of records) {
    for (const field of Object.keys(value)) if (!fields.includes(field)) fields.push(field);
  }
  const rows = records.map(({ value, arrival }) => [
    ...fields.map((field) => (value[field] === undefined ? '' : String(value[field]))),
    String(arrival),
  ]);
  return { text: writeCsvTable([...fields, ARRIVAL_COLUMN], rows), rows: rows.length, cut };
}
