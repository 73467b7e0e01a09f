/*
 * Like ts-hook.js (loads the TypeScript sources with typescript.transpileModule, no type check), but keeps
 * the transpiled output in a cache directory keyed by the SHA-256 of path and source, so the many short
 * CLI processes a test starts do not each transpile the whole CLI again (and TypeScript itself is loaded
 * only on a cache miss). The cache lives in $TMPDIR/tumbler-ts-hook-cache-<uid>; stale entries are never
 * used because the key covers the source text.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const CACHE = path.join(os.tmpdir(), `tumbler-ts-hook-cache-${process.getuid ? process.getuid() : 'u'}`);
let ts;

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(filename).update('\0').update(source).digest('hex');
  const file = path.join(CACHE, `${key}.js`);
  let out;
  try {
    out = fs.readFileSync(file, 'utf8');
  } catch {
    ts = ts || require('typescript');
    out = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
      fileName: filename,
    }).outputText;
    try {
      fs.mkdirSync(CACHE, { recursive: true, mode: 0o700 });
      // Write then rename: a concurrent reader never sees half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, out);
      fs.renameSync(tmp, file);
    } catch {
      // No cache this time: still correct, only slower.
    }
  }
  module._compile(out, filename);
};
