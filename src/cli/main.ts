#!/usr/bin/env node
/** The saistore CLI (see `program.ts`): `saistore demo | boot | shutdown | bench`. */
import { runCli } from './program.js';

// No top-level await: tsup also builds this entry as CommonJS.
void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
