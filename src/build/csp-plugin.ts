import type { Plugin } from 'vite';

/**
 * The app's own Content-Security-Policy, added to the built page (the dev server needs inline
 * module scripts and a WebSocket for hot reload, so it goes without). Styles may be inline:
 * Svelte and Monaco set them. Learners' code never runs under this policy; it runs in the sandbox
 * iframe, under the stricter one in `public/sandbox.html`.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

export function cspPlugin(): Plugin {
  return {
    name: 'streamlab-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: APP_CSP },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
