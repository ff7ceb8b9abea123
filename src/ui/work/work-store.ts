import { createStore } from 'idb-keyval';

/**
 * The IndexedDB store that holds everything the learner makes: their files per lesson (or the
 * sandbox) and their progress. One store for both, because idb-keyval opens a database with the
 * one store it was first created with and cannot add a second to it later.
 */
export const workStore = createStore('streamlab', 'saved-work');
