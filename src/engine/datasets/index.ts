/**
 * Datasets a learner recognises, generated deterministically from a seed, with realistic
 * out-of-order arrival. Each is `(options, seed) => Source<Record>` and bounded by default.
 */
export type { DatasetOptions } from './dataset-options';
export { sensorReadings, type SensorReading, type SensorReadingsOptions } from './sensor-readings';
export {
  clickStream,
  MAX_THINK_TIME_MS,
  type Click,
  type ClickAction,
  type ClickStreamOptions,
} from './click-stream';
export {
  cardTransactions,
  type CardTransaction,
  type CardTransactionsOptions,
  type FraudPattern,
} from './card-transactions';
export {
  taxiRides,
  type TaxiRide,
  type TaxiRideEnd,
  type TaxiRideStart,
  type TaxiRidesOptions,
} from './taxi-rides';
