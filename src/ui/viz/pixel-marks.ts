/**
 * Marks stamped straight into a pixel buffer, for charts with tens of thousands of records.
 * Rasterising that many vector shapes costs more than a frame; copying a small bitmap per record
 * into one `ImageData` costs a few milliseconds at 100 000 records, whatever the shapes. Each fate
 * keeps its own shape, so late and dropped still differ without colour.
 */
import type { Fate } from './trace-model';

const STAMPS: Readonly<Record<Fate, readonly string[]>> = {
  'on-time': ['.###.', '#####', '#####', '#####', '.###.'],
  late: ['...#...', '..###..', '..###..', '.#####.', '.#####.', '#######', '#######'],
  'side-output': ['...#...', '..###..', '.#####.', '#######', '.#####.', '..###..', '...#...'],
  dropped: ['#.....#', '##...##', '.##.##.', '..###..', '.##.##.', '##...##', '#.....#'],
};

/** A stamp as pixel offsets from its centre, scaled by `scale` (device pixels per CSS pixel). */
export function stampOffsets(fate: Fate, scale: number): Int32Array {
  const rows = STAMPS[fate];
  const size = rows.length;
  const half = Math.floor(size / 2);
  const offsets: number[] = [];
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (row[x] !== '#') continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          offsets.push((x - half) * scale + dx, (y - half) * scale + dy);
        }
      }
    }
  });
  return Int32Array.from(offsets);
}

/** `#rrggbb` as a little-endian RGBA word for a `Uint32Array` view of `ImageData`. */
export function rgbaWord(hex: string, alpha = 1): number {
  const value = Number.parseInt(hex.slice(1), 16);
  const r = (value >> 16) & 0xff;
  const g = (value >> 8) & 0xff;
  const b = value & 0xff;
  return ((Math.round(alpha * 255) << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** Mixes `hex` into the background `bg` by `amount` (0: background, 1: the colour). */
export function mix(hex: string, bg: string, amount: number): string {
  const a = Number.parseInt(hex.slice(1), 16);
  const b = Number.parseInt(bg.slice(1), 16);
  const channel = (shift: number) =>
    Math.round(((a >> shift) & 0xff) * amount + ((b >> shift) & 0xff) * (1 - amount));
  const rgb = (channel(16) << 16) | (channel(8) << 8) | channel(0);
  return `#${rgb.toString(16).padStart(6, '0')}`;
}

/** Stamps `offsets` centred at device pixel (`cx`, `cy`) into `pixels` (`width` wide), clipped. */
export function stamp(
  pixels: Uint32Array,
  width: number,
  height: number,
  cx: number,
  cy: number,
  offsets: Int32Array,
  color: number,
): void {
  for (let i = 0; i < offsets.length; i += 2) {
    const x = cx + (offsets[i] as number);
    const y = cy + (offsets[i + 1] as number);
    if (x >= 0 && y >= 0 && x < width && y < height) pixels[y * width + x] = color;
  }
}
