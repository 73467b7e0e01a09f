import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { runStoreContract } from './contract';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-store-'));
}

runStoreContract(
  'sqlite',
  () => {
    const dir = tempDir();
    const file = path.join(dir, 'store.db');
    let failNext = false;
    const faultInjector = {
      beforeCommit() {
        if (failNext) {
          failNext = false;
          throw new Error('injected: disk full');
        }
      },
    };
    let current: SqliteStore = openSqliteStore({ path: file, faultInjector });
    return {
      get store() {
        return current;
      },
      failNextCommit: () => (failNext = true),
      reopen: async () => {
        await current.close();
        current = openSqliteStore({ path: file, faultInjector });
        return current;
      },
      dispose: async () => {
        await current.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { persistent: true },
);
