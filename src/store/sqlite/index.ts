export { SqliteStore, openSqliteStore, type SqliteStoreOptions, type WrapRow } from './store';
export type { FaultInjector } from './group-commit';
export { MIGRATIONS, migrate } from './migrations';
