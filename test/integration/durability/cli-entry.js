/*
 * The tumbler CLI from the TypeScript sources (through ts-hook.js), for tests that need a real CLI
 * process without a build:  node test/integration/durability/cli-entry.js hsm rotate-kek --dir DIR
 */
'use strict';
require('./ts-hook-cached');
require('../../../src/cli/index.ts')
  .main(process.argv)
  .catch((err) => {
    process.stderr.write(`tumbler: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  });
