import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Svelte detects runes per component; every component in this repo uses them. */
export default {
  preprocess: vitePreprocess(),
};
