/**
 * Lets Node import the repository's TypeScript sources as they are, with the same `streamlab`
 * path as everywhere else (tsconfig.json maps it to the engine). The command line runs from a
 * checkout, so it reads the sources rather than a build of them: nothing can be stale after a
 * `git pull`, and `npm ci` is the only setup.
 */
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Named explicitly, so the map applies whatever folder the command is run from.
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
