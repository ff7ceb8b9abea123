import type { VitePWAOptions } from 'vite-plugin-pwa';

/** The header's background in each theme (`--bg-subtle` in src/ui/styles/global.css). */
export const THEME_COLORS = { light: '#f5f6f8', dark: '#1b1f26' } as const;

/**
 * Monaco's TypeScript worker is about 7 MB, its editor core about 3 MB; Workbox's default limit
 * (2 MiB) would silently leave them out and the editor would not start offline. The limit stays
 * a limit: a chunk past it means something grew by accident, and the offline test catches it.
 */
const LARGEST_PRECACHED_FILE = 12 * 1024 * 1024;

/**
 * The web app manifest and a Workbox service worker that precaches the whole built site, so after
 * one visit online the playground works with the network off: the page, every chunk (Monaco and
 * its workers, each lesson, the reference), the sandbox frame and its worker's script, the fonts.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  // A new version waits until the learner says so (see src/pwa/service-worker.svelte.ts): their
  // code is saved as they type, but a reload still throws away the run they are looking at, the
  // step they scrubbed to and the cursor in the editor. Until then the old version keeps working
  // in full, from its own precache, online or off.
  registerType: 'prompt',
  // Registered from src/main.ts, which also tells the learner when it is ready or has an update.
  injectRegister: false,
  // `vite dev` serves modules one by one and changes them as they are edited: caching them would
  // only serve stale code. The service worker exists in builds (and `vite preview`) only.
  devOptions: { enabled: false },
  manifest: {
    id: './',
    name: 'Streamlab',
    short_name: 'Streamlab',
    description:
      'Learn stream processing by writing pipelines and watching events, windows and watermarks move.',
    lang: 'en',
    start_url: './',
    scope: './',
    display: 'standalone',
    // The manifest has one colour per role; the page's theme-color meta tags follow the theme.
    theme_color: THEME_COLORS.light,
    background_color: '#ffffff',
    categories: ['education', 'developer'],
    icons: [
      // Made from favicon.svg by `npm run icons` (pwa-assets.config.ts).
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png', purpose: 'any' },
      { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      {
        src: 'maskable-icon-512x512.png',
        sizes: '512x512',
        type: 'image/png',
        purpose: 'maskable',
      },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,svg,png,ttf,woff,woff2}'],
    maximumFileSizeToCacheInBytes: LARGEST_PRECACHED_FILE,
    // Routes live in the hash (#/learn/…), so every navigation of the app is to index.html. The
    // sandbox's host frame is a navigation too, to its own page, which the precache answers by name.
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/\/sandbox(-host)?\.html$/],
    // The first visit's page is served by the network, before the worker exists; claiming it lets
    // the chunks it fetches later (an editor, a lesson) come from the precache if the network goes.
    clientsClaim: true,
    cleanupOutdatedCaches: true,
  },
  // The icons are in the precache already, by the glob above.
  includeManifestIcons: false,
};
