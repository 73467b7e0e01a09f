export { SqliteStore, openSqliteStore, type SqliteStoreOptions } from './store';
export type { FaultInjector } from './group-commit';
export { MIGRATIONS, migrate } from './migrations';
