import * as Comlink from 'comlink';
import workerUrl from 'virtual:streamlab/sandbox-worker';
import type { WorkerApi } from './worker/api';

/** A live sandbox: an opaque-origin frame whose worker runs the engine and the learner's code. */
export interface Sandbox {
  readonly api: Comlink.Remote<WorkerApi>;
  /** Rejects when the worker reports a crash it could not turn into an answer (out of memory). */
  readonly crashed: Promise<never>;
  /**
   * True when the sandbox's frame answers within `ms`. Its worker may be stuck in a loop while the
   * frame still answers; when the frame does not, its renderer process is gone (Chromium gives
   * sandboxed frames a process of their own, which it ends when a worker in it runs out of memory).
   */
  frameAnswers(ms: number): Promise<boolean>;
  /** Tears the iframe down, which ends its worker at once, whatever it is doing. */
  dispose(): void;
}

export class SandboxCrash extends Error {
  override name = 'SandboxCrash';
  /** @param outOfMemory the sandbox's process ended (what Chromium does when memory runs out). */
  constructor(
    message: string,
    readonly outOfMemory = false,
  ) {
    super(message);
  }
}

let workerCode: Promise<string> | undefined;

/** The worker's script, fetched once per page: the iframe cannot fetch it (no network there). */
function fetchWorkerCode(): Promise<string> {
  workerCode ??= fetch(workerUrl).then((response) => {
    if (!response.ok) throw new Error(`The sandbox worker did not load (HTTP ${response.status})`);
    return response.text();
  });
  workerCode.catch(() => (workerCode = undefined));
  return workerCode;
}

const START_TIMEOUT_MS = 10_000;

/** Starts a sandbox. Resolves once its worker answers. */
export async function createSandbox(): Promise<Sandbox> {
  const code = await fetchWorkerCode();
  // The app's own page that holds the sandboxed frame (allow-scripts, no allow-same-origin: an
  // opaque origin, cut off from the app's storage) and relays its messages; see
  // public/sandbox-host.html for why the sandboxed frame is not this one (it could not start
  // offline).
  const iframe = document.createElement('iframe');
  iframe.setAttribute('aria-hidden', 'true');
  iframe.title = 'Sandbox for running pipelines';
  iframe.className = 'streamlab-sandbox';
  iframe.style.display = 'none';

  let rejectCrash: (error: Error) => void = () => {};
  const crashed = new Promise<never>((_, reject) => (rejectCrash = reject));
  crashed.catch(() => {});

  /** Called when the frame answers a ping. */
  const pongs = new Set<() => void>();
  const frameReady = new Promise<void>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      // Only this sandbox's own frame may speak, and only these three sentences.
      if (event.source !== iframe.contentWindow) return;
      const type = (event.data as { type?: unknown } | null)?.type;
      if (type === 'streamlab:frame-ready') resolve();
      if (type === 'streamlab:frame-pong') for (const pong of pongs) pong();
      if (type === 'streamlab:worker-error') {
        const message = String((event.data as { message?: unknown }).message ?? 'unknown error');
        rejectCrash(new SandboxCrash(message));
      }
    };
    window.addEventListener('message', onMessage);
    crashed.catch(() => window.removeEventListener('message', onMessage));
    iframe.addEventListener('streamlab:disposed', () =>
      window.removeEventListener('message', onMessage),
    );
  });

  iframe.src = new URL('sandbox-host.html', document.baseURI).href;
  document.body.append(iframe);

  const dispose = () => {
    iframe.dispatchEvent(new Event('streamlab:disposed'));
    iframe.remove();
    channel.port1.close();
  };
  const channel = new MessageChannel();
  try {
    await withTimeout(frameReady, START_TIMEOUT_MS, 'The sandbox frame did not start');
    iframe.contentWindow?.postMessage({ type: 'streamlab:start', code, port: channel.port2 }, '*', [
      channel.port2,
    ]);
    const api = Comlink.wrap<WorkerApi>(channel.port1);
    await withTimeout(api.ping(), START_TIMEOUT_MS, 'The sandbox worker did not start');
    const frameAnswers = (ms: number) =>
      new Promise<boolean>((resolve) => {
        const answered = () => settle(true);
        const timer = setTimeout(() => settle(false), ms);
        const settle = (alive: boolean) => {
          clearTimeout(timer);
          pongs.delete(answered);
          resolve(alive);
        };
        pongs.add(answered);
        iframe.contentWindow?.postMessage({ type: 'streamlab:frame-ping' }, '*');
      });
    return { api, crashed, frameAnswers, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
