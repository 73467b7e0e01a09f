/**
 * Grants, kept in the `grants` table of the store's database (one row per object, grantee and operation),
 * written through the store's group commit so a grant is durable with the audit record that tells of it.
 * GrantStore is the port; MemoryGrantStore serves unit tests.
 */
import type Database from 'better-sqlite3';
import type { GrantRecord } from './policy';

export interface GrantStore {
  /** Grants on one object. */
  forObject(uid: string): GrantRecord[];
  /** Identifiers of objects of `tenant` on which any of `grantees` holds any grant. */
  objectsGrantedTo(tenant: string, grantees: string[]): Set<string>;
  list(filter?: { uid?: string; grantee?: string; tenant?: string }): GrantRecord[];
  /** Add operations to a grantee's grant on an object (existing ones are kept). */
  add(g: GrantRecord): void;
  /** Remove the listed operations (all when undefined); returns how many operation grants were removed. */
  remove(uid: string, grantee: string, operations?: number[]): number;
}

/** What the SQLite grant store needs of the store adapter: the connection and a write in the current group. */
export interface SqlHost {
  readonly connection: Database.Database;
  /** opts.record: a record of a read (audit); opts.atomic false: fn is one statement, no savepoint needed. */
  groupWrite<T>(fn: () => T, opts?: { record?: boolean; atomic?: boolean }): T;
  /** False while the database refuses writes (the latest commit failed). Absent: assume writable. */
  readonly writable?: boolean;
  /** Resolves when every write so far is committed and on disk (see ObjectStore.durable). */
  durable?(): Promise<void>;
}

interface Row {
  uid: string;
  tenant: string;
  grantee: string;
  operation: number;
  granted_by: string;
  granted_at: string;
}

function aggregate(rows: Row[]): GrantRecord[] {
  const by = new Map<string, GrantRecord>();
  for (const r of rows) {
    const k = `${r.uid}\u0000${r.grantee}`;
    const g = by.get(k);
    if (g) g.operations.push(r.operation);
    else by.set(k, { uid: r.uid, tenant: r.tenant, grantee: r.grantee, operations: [r.operation], grantedBy: r.granted_by, grantedAt: r.granted_at });
  }
  return [...by.values()];
}

export class SqliteGrantStore implements GrantStore {
  private readonly stmts;
  constructor(private readonly host: SqlHost) {
    const db = host.connection;
    this.stmts = {
      forObject: db.prepare('SELECT * FROM grants WHERE uid = ? ORDER BY grantee, operation'),
      insert: db.prepare(
        `INSERT INTO grants (uid, tenant, grantee, operation, granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (uid, grantee, operation) DO NOTHING`,
      ),
      removeOne: db.prepare('DELETE FROM grants WHERE uid = ? AND grantee = ? AND operation = ?'),
      removeAll: db.prepare('DELETE FROM grants WHERE uid = ? AND grantee = ?'),
    };
  }

  forObject(uid: string): GrantRecord[] {
    return aggregate(this.stmts.forObject.all(uid) as Row[]);
  }

  objectsGrantedTo(tenant: string, grantees: string[]): Set<string> {
    if (grantees.length === 0) return new Set();
    const sql = `SELECT DISTINCT uid FROM grants WHERE tenant = ? AND grantee IN (${grantees.map(() => '?').join(',')})`;
    const rows = this.host.connection.prepare(sql).all(tenant, ...grantees) as { uid: string }[];
    return new Set(rows.map((r) => r.uid));
  }

  list(filter: { uid?: string; grantee?: string; tenant?: string } = {}): GrantRecord[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.uid !== undefined) (where.push('uid = ?'), params.push(filter.uid));
    if (filter.grantee !== undefined) (where.push('grantee = ?'), params.push(filter.grantee));
    if (filter.tenant !== undefined) (where.push('tenant = ?'), params.push(filter.tenant));
    const sql = `SELECT * FROM grants ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY uid, grantee, operation`;
    return aggregate(this.host.connection.prepare(sql).all(...params) as Row[]);
  }

  add(g: GrantRecord): void {
    this.host.groupWrite(() => {
      for (const op of g.operations) this.stmts.insert.run(g.uid, g.tenant, g.grantee, op, g.grantedBy, g.grantedAt);
    });
  }

  remove(uid: string, grantee: string, operations?: number[]): number {
    return this.host.groupWrite(() => {
      if (!operations) return this.stmts.removeAll.run(uid, grantee).changes;
      let n = 0;
      for (const op of operations) n += this.stmts.removeOne.run(uid, grantee, op).changes;
      return n;
    });
  }
}

export class MemoryGrantStore implements GrantStore {
  private grants: GrantRecord[] = [];

  forObject(uid: string): GrantRecord[] {
    return this.grants.filter((g) => g.uid === uid).map((g) => ({ ...g, operations: [...g.operations] }));
  }

  objectsGrantedTo(tenant: string, grantees: string[]): Set<string> {
    return new Set(this.grants.filter((g) => g.tenant === tenant && grantees.includes(g.grantee)).map((g) => g.uid));
  }

  list(filter: { uid?: string; grantee?: string; tenant?: string } = {}): GrantRecord[] {
    return this.grants.filter(
      (g) =>
        (filter.uid === undefined || g.uid === filter.uid) &&
        (filter.grantee === undefined || g.grantee === filter.grantee) &&
        (filter.tenant === undefined || g.tenant === filter.tenant),
    );
  }

  add(g: GrantRecord): void {
    const existing = this.grants.find((x) => x.uid === g.uid && x.grantee === g.grantee);
    if (!existing) {
      this.grants.push({ ...g, operations: [...g.operations] });
      return;
    }
    for (const op of g.operations) if (!existing.operations.includes(op)) existing.operations.push(op);
  }

  remove(uid: string, grantee: string, operations?: number[]): number {
    const g = this.grants.find((x) => x.uid === uid && x.grantee === grantee);
    if (!g) return 0;
    const before = g.operations.length;
    g.operations = operations ? g.operations.filter((o) => !operations.includes(o)) : [];
    if (g.operations.length === 0) this.grants = this.grants.filter((x) => x !== g);
    return before - g.operations.length;
  }
}
