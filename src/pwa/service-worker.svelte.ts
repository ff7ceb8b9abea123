/// <reference types="vite-plugin-pwa/vanillajs" />

import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker's news for the learner: the playground is ready to work offline (the first
 * visit's precache is complete), or a new version is ready and waits for them to reload.
 * Without a service worker (the dev server, a browser without them) neither ever comes.
 */
class OfflineStatus {
  readyOffline = $state(false);
  updateReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | undefined;

  register(): void {
    this.#update = registerSW({
      immediate: true,
      onOfflineReady: () => (this.readyOffline = true),
      onNeedRefresh: () => (this.updateReady = true),
      // Offline, the browser cannot fetch the worker's script to look for an update; the one it
      // has goes on serving the app, so there is nothing to tell the learner.
      onRegisterError: () => {},
    });
  }

  /** Lets the waiting version take over; the page reloads into it. */
  async update(): Promise<void> {
    await this.#update?.();
  }

  dismiss(): void {
    this.readyOffline = false;
    this.updateReady = false;
  }
}

export const offlineStatus = new OfflineStatus();
