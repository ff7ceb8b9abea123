/**
 * What travels on an input channel besides nothing: a record, a watermark, an idleness change or
 * a checkpoint barrier, kept as data where a channel cannot hand it over at once (in flight on a
 * delayed edge, or held on a channel blocked while its operator aligns barriers).
 */
import type { WindowOrigin } from '../records';
import type { Millis } from '../time';
import type { Edge, EdgeTarget } from './operator';

export type ChannelItem =
  | {
      readonly kind: 'record';
      readonly edge: Edge;
      readonly value: unknown;
      readonly timestamp: Millis | undefined;
      readonly origin: WindowOrigin | undefined;
      readonly id: number;
    }
  | { readonly kind: 'watermark'; readonly edge: Pick<Edge, 'channel'>; readonly watermark: Millis }
  | { readonly kind: 'status'; readonly edge: Pick<Edge, 'channel'>; readonly idle: boolean }
  | { readonly kind: 'barrier'; readonly edge: Pick<Edge, 'channel'>; readonly checkpoint: number };

/**
 * Hands `item` to `target`, as the sender would have. `receive` is how records are handed over:
 * the target's own method unless the caller needs another (see `CheckpointBarrierHandler`).
 */
export function handOver(
  item: ChannelItem,
  target: EdgeTarget,
  receive: EdgeTarget['receive'] = target.receive,
): void {
  switch (item.kind) {
    case 'record':
      receive.call(target, item.edge, item.value, item.timestamp, item.origin, item.id);
      break;
    case 'watermark':
      target.receiveWatermark(item.edge, item.watermark);
      break;
    case 'status':
      target.receiveStatus(item.edge, item.idle);
      break;
    case 'barrier':
      target.receiveBarrier(item.edge.channel, item.checkpoint);
      break;
  }
}
