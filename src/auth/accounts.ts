/**
 * Accounts: names with a password, for clients that send a Username and Password credential (kind 'user',
 * named by the Username) or a Device credential (kind 'device', named by its Device Identifier, else its
 * Device Serial Number) in the request header. An account's principal is `user:NAME` or `device:NAME`,
 * so it can never be mistaken for a certificate's common name. Kept in the `accounts` table of the store's
 * database (migration 6), written through the store's group commit; only scrypt hashes (passwords.ts).
 * AccountStore is the port; MemoryAccountStore serves unit tests.
 */
import type { SqlHost } from './grants';

export type AccountKind = 'user' | 'device';

export interface Account {
  kind: AccountKind;
  name: string;
  /** passwords.ts encoding. */
  hash: string;
  createdAt: string;
  createdBy: string;
}

export function accountPrincipal(kind: AccountKind, name: string): string {
  return `${kind}:${name}`;
}

/** The account a principal names (accountPrincipal read back); undefined for a certificate's principal. */
export function accountOf(principal: string): { kind: AccountKind; name: string } | undefined {
  const m = /^(user|device):(.+)$/s.exec(principal);
  return m ? { kind: m[1] as AccountKind, name: m[2] } : undefined;
}

/** Account names: printable, no leading or trailing space, at most 256 characters. */
export function checkAccountName(name: string): void {
  if (name.length === 0 || name.length > 256 || name.trim() !== name || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new Error('an account name must be 1-256 printable characters without leading or trailing spaces');
  }
}

export interface AccountStore {
  get(kind: AccountKind, name: string): Account | undefined;
  list(): Account[];
  /** Creates the account, or replaces its password when it exists. */
  put(a: Account): void;
  /** True when it existed. */
  remove(kind: AccountKind, name: string): boolean;
  /** True when no account exists at all (the authenticator then has nothing to look up). */
  empty(): boolean;
}

interface Row {
  kind: AccountKind;
  name: string;
  hash: string;
  created_at: string;
  created_by: string;
}

const fromRow = (r: Row): Account => ({ kind: r.kind, name: r.name, hash: r.hash, createdAt: r.created_at, createdBy: r.created_by });

export class SqliteAccountStore implements AccountStore {
  private readonly stmts;
  constructor(private readonly host: SqlHost) {
    const db = host.connection;
    this.stmts = {
      get: db.prepare('SELECT * FROM accounts WHERE kind = ? AND name = ?'),
      list: db.prepare('SELECT * FROM accounts ORDER BY kind, name'),
      any: db.prepare('SELECT 1 FROM accounts LIMIT 1'),
      put: db.prepare(
        `INSERT INTO accounts (kind, name, hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, name) DO UPDATE SET hash = excluded.hash`,
      ),
      remove: db.prepare('DELETE FROM accounts WHERE kind = ? AND name = ?'),
    };
  }

  get(kind: AccountKind, name: string): Account | undefined {
    const r = this.stmts.get.get(kind, name) as Row | undefined;
    return r && fromRow(r);
  }

  list(): Account[] {
    return (this.stmts.list.all() as Row[]).map(fromRow);
  }

  put(a: Account): void {
    this.host.groupWrite(() => this.stmts.put.run(a.kind, a.name, a.hash, a.createdAt, a.createdBy), { atomic: false });
  }

  remove(kind: AccountKind, name: string): boolean {
    return this.host.groupWrite(() => this.stmts.remove.run(kind, name).changes > 0, { atomic: false });
  }

  empty(): boolean {
    return this.stmts.any.get() === undefined;
  }
}

export class MemoryAccountStore implements AccountStore {
  private readonly rows = new Map<string, Account>();

  get(kind: AccountKind, name: string): Account | undefined {
    const a = this.rows.get(accountPrincipal(kind, name));
    return a && { ...a };
  }

  list(): Account[] {
    return [...this.rows.values()].map((a) => ({ ...a })).sort((x, y) => (x.kind + x.name < y.kind + y.name ? -1 : 1));
  }

  put(a: Account): void {
    const k = accountPrincipal(a.kind, a.name);
    const old = this.rows.get(k);
    this.rows.set(k, old ? { ...old, hash: a.hash } : { ...a });
  }

  remove(kind: AccountKind, name: string): boolean {
    return this.rows.delete(accountPrincipal(kind, name));
  }

  empty(): boolean {
    return this.rows.size === 0;
  }
}
