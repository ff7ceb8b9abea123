import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface Site {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site as a static host serves a deployment: files whose names carry their content
 * hash (`/assets/`) may be kept by the browser for good, everything else is revalidated by its
 * ETag. Uncompressed: on the loopback, compressing the 11 MB a page load fetches would only cost
 * the machine's two cores (Vite's preview server gzips every response, about a second of CPU per
 * load). Files are looked up on each request, so a test may change the site while it is served.
 */
export async function serveSite(dir: string, port = 0): Promise<Site> {
  const files = sirv(dir, {
    dev: true,
    etag: true,
    setHeaders(res, pathname) {
      if (pathname.startsWith('/assets/')) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
  const server = createServer((req, res) => files(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
