/*
 * Require hook that loads the TypeScript sources directly (typescript.transpileModule, no type check),
 * so the integration tests run the server child from src/ without a build:
 *   node -r test/integration/durability/ts-hook.js src/bench/server-child.ts
 * Transpiled output is cached in memory for the life of the process only.
 */
'use strict';
const fs = require('fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
    fileName: filename,
  });
  module._compile(out.outputText, filename);
};
