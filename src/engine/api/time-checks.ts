/**
 * Build-time checks that event-time operations have event time to work with.
 */
import { PipelineDefinitionError } from '../errors';
import type { StreamTime } from './graph';

/** Fails when `what` needs event time and the stream certainly lacks timestamps or watermarks. */
export function requireEventTime(time: StreamTime, what: string, alternative: string): void {
  if (time.timestamps === 'none') {
    throw new PipelineDefinitionError(
      `${what} needs event time, but this stream's records have no timestamps. Assign them first: ` +
        '.assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness<T>(Time.seconds(1))' +
        '.withTimestampAssigner((r) => r.ts)), or pass such a strategy to env.fromSource(...)' +
        `${alternative === '' ? '' : `; or ${alternative}`}.`,
    );
  }
  if (time.watermarks === 'none' && !time.bounded) {
    throw new PipelineDefinitionError(
      `${what} needs watermarks to make progress, but this stream has none and never ends, so ` +
        'nothing would ever fire. Use a WatermarkStrategy that emits watermarks, such as ' +
        'WatermarkStrategy.forBoundedOutOfOrderness(...).',
    );
  }
}
