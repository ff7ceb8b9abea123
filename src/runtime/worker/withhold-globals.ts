/**
 * Replaces the worker's ways out (network, storage, worker control, workers of its own) with properties that throw a
 * clear message at the learner's line. The sandbox's CSP and opaque origin are what actually stop
 * them; this only turns a silent block or a cryptic SecurityError into a sentence.
 */
const WITHHELD: Readonly<Record<string, string>> = {
  fetch: 'has no network',
  XMLHttpRequest: 'has no network',
  WebSocket: 'has no network',
  EventSource: 'has no network',
  WebTransport: 'has no network',
  importScripts: 'loads no other scripts',
  indexedDB: 'has no storage',
  caches: 'has no storage',
  localStorage: 'has no storage',
  sessionStorage: 'has no storage',
  close: 'cannot be closed by a pipeline',
  // A worker of the learner's would outlive the run it was started in (until the next Run
  // tears the sandbox down), out of the watchdog's sight.
  Worker: 'starts no workers of its own',
  SharedWorker: 'starts no workers of its own',
};

export function withholdGlobals(scope: object): void {
  for (const [name, why] of Object.entries(WITHHELD)) {
    Object.defineProperty(scope, name, {
      configurable: false,
      enumerable: false,
      get() {
        throw new Error(
          `${name} is not available here: the playground ${why}. A pipeline reads data from sources (env.fromElements, env.fromSource, env.datasets) and writes to sinks.`,
        );
      },
    });
  }
}
