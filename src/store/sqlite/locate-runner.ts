/**
 * Locate on the store's connection: the SQL built by locate.ts, a bounded cache of its prepared statements by
 * SQL text (their shape depends on the filters; preparing costs more than running), the filters SQL cannot
 * express checked per candidate, and the choice between running a query at once and walking it in slices
 * (locate-walk.ts).
 */
import type Database from 'better-sqlite3';
import type { LocateQuery, WalkOptions } from '../port';
import { attributesMatch, pageOf } from '../match';
import { walkInSlices, type WalkHost } from './locate-walk';
import { buildLocate, type LocateSql } from './locate';
import { decodeValue } from './rows';

/** Prepared Locate statements kept (oldest dropped first). */
const STATEMENT_CACHE = 256;

type PostFilters = LocateSql['post'];

export class LocateRunner {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly host: WalkHost = {
    statement: (sql) => this.statement(sql),
    postMatches: (uid, post) => this.postMatches(uid, post),
  };

  constructor(
    private readonly db: Database.Database,
    /** attribute rows of one object by name: (uid, name) → (tag, value_blob) */
    private readonly attrsByName: Database.Statement,
  ) {}

  locate(query: LocateQuery): string[] {
    return this.run(query, buildLocate(query, 'select'));
  }

  count(query: LocateQuery): number {
    return this.runCount(buildLocate(query, 'count'));
  }

  async locateAsync(query: LocateQuery, opts: WalkOptions): Promise<string[]> {
    const q = buildLocate(query, 'select');
    if (!this.walksInSlices(q, opts)) return this.run(query, q);
    return (await walkInSlices(this.host, query, 'select', opts)) as string[];
  }

  async countAsync(query: LocateQuery, opts: WalkOptions): Promise<number> {
    const q = buildLocate(query, 'count');
    if (!this.walksInSlices(q, opts)) return this.runCount(q);
    return (await walkInSlices(this.host, query, 'count', opts)) as number;
  }

  /** The query plan (EXPLAIN QUERY PLAN details), for tests and diagnostics. */
  explain(query: LocateQuery): string[] {
    const q = buildLocate(query, 'select');
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail);
  }

  private run(query: LocateQuery, q: LocateSql): string[] {
    const uids = (this.statement(q.sql).all(...q.params) as { uid: string }[]).map((r) => r.uid);
    if (q.pagedInSql) return uids;
    const matched = uids.filter((u) => this.postMatches(u, q.post));
    const { offset, limit } = pageOf(query);
    return limit < 0 ? matched.slice(offset) : matched.slice(offset, offset + limit);
  }

  private runCount(q: LocateSql): number {
    if (q.pagedInSql) return (this.statement(q.sql).get(...q.params) as { n: number }).n;
    const uids = (this.statement(q.sql).all(...q.params) as { uid: string }[]).map((r) => r.uid);
    return uids.filter((u) => this.postMatches(u, q.post)).length;
  }

  /**
   * A query no index drives walks in slices, unless the caller has a write of its own in the open group
   * transaction: giving the loop away then could let the group commit split its batch.
   */
  private walksInSlices(q: LocateSql, opts: WalkOptions): boolean {
    return q.walksAll && (!this.db.inTransaction || opts.noWritesOfMine === true);
  }

  private statement(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
      if (this.statements.size > STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value as string);
    }
    return st;
  }

  private postMatches(uid: string, post: PostFilters): boolean {
    return post.every((f) => {
      const rows = this.attrsByName.all(uid, f.name) as { tag: number; value_blob: Buffer }[];
      const attrs = rows.map((r) => ({ name: f.name, index: 0, value: decodeValue(r.value_blob, r.tag, uid) }));
      return attributesMatch(attrs, f);
    });
  }
}
