/**
 * Combines the watermarks of an operator's input channels into the operator's watermark, as Flink's
 * `StatusWatermarkValve`:
 *
 * - the combined watermark is the minimum over the active channels (idle ones are left out);
 * - it never goes backwards;
 * - a channel that becomes active again only counts once its watermark has caught up with the
 *   combined one (it is "aligned"), so reactivation cannot pull time back;
 * - when the last active channel goes idle, the highest channel watermark is flushed and the whole
 *   valve goes idle.
 */
import { copyState } from '../state/copy-state';
import type { CopiedState } from '../state/copy-state';
import { MIN_WATERMARK } from '../time';
import type { Millis } from '../time';

/** What a change on one channel did to the combined output. */
export interface ValveOutput {
  /** Called with the new combined watermark when it advances. */
  watermark(watermark: Millis): void;
  /** Called when the combined status flips between idle and active. */
  status(idle: boolean): void;
}

interface ChannelState {
  watermark: Millis;
  idle: boolean;
  aligned: boolean;
}

/** Everything a valve knows, as plain data, for a snapshot. */
export interface ValveSnapshot {
  /** The last combined watermark emitted. */
  readonly watermark: Millis;
  readonly idle: boolean;
  readonly channels: readonly Readonly<ChannelState>[];
}

/** The per-channel watermarks and statuses of one operator, as plain data. */
export class WatermarkValve {
  private readonly channels: ChannelState[];
  private combined: Millis = MIN_WATERMARK;
  private idle = false;
  /** The size of a snapshot (see {@link snapshot}), once counted. */
  private snapshotBytes: number | undefined;

  constructor(channelCount: number) {
    this.channels = Array.from({ length: channelCount }, () => ({
      watermark: MIN_WATERMARK,
      idle: false,
      aligned: true,
    }));
  }

  /** The combined watermark so far. */
  get watermark(): Millis {
    return this.combined;
  }

  /** The last watermark of one channel. */
  channelWatermark(channelIndex: number): Millis {
    return this.channel(channelIndex).watermark;
  }

  /** Whether one channel is idle. */
  channelIdle(channelIndex: number): boolean {
    return this.channel(channelIndex).idle;
  }

  /** The watermark each channel reported, in channel order. */
  channelWatermarks(): Millis[] {
    return this.channels.map((channel) => channel.watermark);
  }

  /** The idle flag of each channel, in channel order. */
  channelIdleness(): boolean[] {
    return this.channels.map((channel) => channel.idle);
  }

  /**
   * A copy of the valve's state, with its size as `copyState` counts it. Taken at every checkpoint
   * by every operator, so copied by hand rather than by the general walk; the size depends only on
   * the number of channels (numbers and booleans), so it is counted once, by `copyState`.
   */
  snapshot(): CopiedState<ValveSnapshot> {
    const channels = new Array<ChannelState>(this.channels.length);
    for (let i = 0; i < channels.length; i++) {
      const { watermark, idle, aligned } = this.channels[i] as ChannelState;
      channels[i] = { watermark, idle, aligned };
    }
    const value: ValveSnapshot = { watermark: this.combined, idle: this.idle, channels };
    this.snapshotBytes ??= copyState(value).bytes;
    return { value, bytes: this.snapshotBytes };
  }

  /** Takes over a snapshot's state, which must have as many channels; emits nothing. */
  restore(snapshot: ValveSnapshot): void {
    if (snapshot.channels.length !== this.channels.length) {
      throw new RangeError(
        `The snapshot has ${snapshot.channels.length} input channels, the operator ${this.channels.length}.`,
      );
    }
    this.combined = snapshot.watermark;
    this.idle = snapshot.idle;
    snapshot.channels.forEach((channel, i) => Object.assign(this.channel(i), channel));
  }

  /** Returns false when the channel's watermark did not move (it ignores lower ones). */
  inputWatermark(channelIndex: number, watermark: Millis, output: ValveOutput): boolean {
    const channel = this.channel(channelIndex);
    if (channel.idle || watermark <= channel.watermark) return false;
    channel.watermark = watermark;
    if (!channel.aligned && watermark >= this.combined) channel.aligned = true;
    this.advanceToMinimumOfAligned(output);
    return true;
  }

  /** Records a channel going idle or active again. */
  inputStatus(channelIndex: number, idle: boolean, output: ValveOutput): void {
    const channel = this.channel(channelIndex);
    if (channel.idle === idle) return;
    if (idle) {
      channel.idle = true;
      channel.aligned = false;
      if (this.channels.every((c) => c.idle)) {
        // Nothing will advance any more: flush the highest watermark any channel reached.
        if (channel.watermark === this.combined) this.advanceToMaximum(output);
        this.idle = true;
        output.status(true);
      } else if (channel.watermark === this.combined) {
        // The channel that held the minimum left: the others may allow a higher one.
        this.advanceToMinimumOfAligned(output);
      }
    } else {
      channel.idle = false;
      if (channel.watermark >= this.combined) channel.aligned = true;
      if (this.idle) {
        this.idle = false;
        output.status(false);
      }
    }
  }

  private channel(index: number): ChannelState {
    const channel = this.channels[index];
    if (channel === undefined) throw new RangeError(`No input channel ${index}.`);
    return channel;
  }

  private advanceToMinimumOfAligned(output: ValveOutput): void {
    let minimum = Infinity;
    for (const channel of this.channels) {
      if (channel.aligned && !channel.idle && channel.watermark < minimum) {
        minimum = channel.watermark;
      }
    }
    if (minimum !== Infinity && minimum > this.combined) {
      this.combined = minimum;
      output.watermark(minimum);
    }
  }

  private advanceToMaximum(output: ValveOutput): void {
    let maximum = MIN_WATERMARK;
    for (const channel of this.channels) {
      if (channel.watermark > maximum) maximum = channel.watermark;
    }
    if (maximum > this.combined) {
      this.combined = maximum;
      output.watermark(maximum);
    }
  }
}
