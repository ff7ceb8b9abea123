import { defineConfig } from '@vite-pwa/assets-generator/config';

/** The brand mark's own blue, so a padded icon reads as one tile rather than a badge on a plate. */
const BRAND_BLUE = '#1d4ed8';

/**
 * The installed app's icons, made from the favicon (the header's brand mark) by `npm run icons`;
 * the PNGs land beside it in public/ and are committed. Maskable and Apple icons are cropped to a
 * shape by the system, so they get the mark inside the safe zone (the central circle, 80% across) on a full-bleed brand blue.
 */
export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    // Sharper edges than the default (quality 60) for a few hundred bytes more.
    png: { compressionLevel: 9, quality: 90 },
    transparent: { sizes: [64, 192, 512] },
    maskable: { sizes: [512], padding: 0.2, resizeOptions: { background: BRAND_BLUE } },
    apple: { sizes: [180], padding: 0.2, resizeOptions: { background: BRAND_BLUE } },
  },
  images: ['public/favicon.svg'],
});
