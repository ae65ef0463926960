#!/usr/bin/env node
/** The saistore CLI. The commands (demo, boot, shutdown, bench) come with the agent issue. */
console.log('saistore: the CLI (demo, boot, shutdown, bench) is coming with the switch agent; run `npm test` for now.');
