/**
 * Delivery guarantees of sinks, as Flink's `DeliveryGuarantee` (of `KafkaSink` and other sinks).
 */

/**
 * What a sink guarantees about the rows it writes when the job fails and restarts from a
 * checkpoint (the sources rewound, the records after the checkpoint processed again).
 *
 * - `AT_LEAST_ONCE` (`env.collect(name)`'s default): rows are written as they come, so those
 *   written after the last checkpoint are written again after a restart: duplicates (each marked
 *   `duplicate: true` in the job result). Nothing is lost.
 * - `EXACTLY_ONCE`: rows go into a transaction per checkpoint, pre-committed at the checkpoint's
 *   barrier and committed when the checkpoint completes (Flink's `TwoPhaseCommitSinkFunction`); a
 *   failure aborts the open transaction, whose rows are then written again in a new one. Readers
 *   see committed rows only once. Needs checkpointing.
 *
 * Both count on the source rewinding to the checkpoint. A source that cannot (`socketSource`, like
 * Flink's socket source) makes the job at most once, whatever the sink: after a restart nothing is
 * read again, so the records read since the checkpoint are lost rather than written twice.
 */
export const DeliveryGuarantee = {
  EXACTLY_ONCE: 'EXACTLY_ONCE',
  AT_LEAST_ONCE: 'AT_LEAST_ONCE',
} as const;
/** `DeliveryGuarantee.EXACTLY_ONCE` or `DeliveryGuarantee.AT_LEAST_ONCE`. */
export type DeliveryGuarantee = (typeof DeliveryGuarantee)[keyof typeof DeliveryGuarantee];
