#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'index.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('tumbler: not built yet; run `npm run build` (or `npm start` / `npm test`, which build first)\n');
  process.exit(2);
}
require(entry).main(process.argv).catch((err) => {
  process.stderr.write(`tumbler: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
});
