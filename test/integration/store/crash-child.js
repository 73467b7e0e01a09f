/*
 * Child process of crash.test.ts: writes objects through the real SQLite adapter as concurrent "requests"
 * and prints each uid only after durable() resolved for it, until it is SIGKILLed.
 * Usage: node crash-child.js <repo root> <db path>
 * TypeScript sources are loaded with a minimal require hook (typescript.transpileModule), no build needed.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const [root, dbPath] = process.argv.slice(2);
const ts = require(path.join(root, 'node_modules', 'typescript'));
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename,
  });
  module._compile(out.outputText, filename);
};
const { openSqliteStore } = require(path.join(root, 'src', 'store', 'sqlite', 'index.ts'));
const { T } = require(path.join(root, 'src', 'ttlv', 'item.ts'));

const store = openSqliteStore({ path: dbPath });
let n = 0;
const RUN = process.pid.toString(36);
async function request(worker) {
  for (;;) {
    const uid = `crash-${RUN}-${worker}-${n++}`;
    const mark = store.writeMark();
    store.insert({
      uid,
      objectType: 2,
      state: 1,
      owner: 'crash',
      tenant: '',
      body: Buffer.alloc(64, 1),
      material: Buffer.alloc(48, 2),
      kekId: 'k',
      attributes: [
        { name: 'Name', index: 0, value: T.struct(0x42000b, [T.text(0x420055, uid), T.enum(0x420054, 1)]) },
        { name: 'x-payload', index: 0, value: T.bytes(0x42000b, Buffer.alloc(512, n & 0xff)) },
      ],
    });
    await store.durable(mark);
    process.stdout.write(uid + '\n');
  }
}
process.stdout.write('ready\n');
for (let w = 0; w < 8; w++) request(w);
