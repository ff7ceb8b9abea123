#!/usr/bin/env node
/** `streamlab`: runs pipelines and grades lessons from the command line (see src/cli/main.ts). */
import '../src/cli/load-typescript.mjs';

const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
