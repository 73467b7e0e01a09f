/**
 * A Locate that no index drives walks every object in creation order and probes each one: about 3 µs per
 * object, 0.3 s at 100,000 objects and seconds at millions, all of it on the event loop. Such a walk runs
 * here in slices of created_seq, giving the event loop back between slices, so other clients wait for a
 * slice (a few milliseconds), not for the whole walk.
 *
 * The result is the same as the single query's, in the same order, for the objects that existed when the
 * walk began (it ranges over the created_seq values of that moment). An object whose attributes change
 * during the walk is judged as it is when its slice is read, as it would be with the single query run a
 * moment earlier or later. The store decides when to walk (LocateRunner.locateAsync, locate-runner.ts): not for a batch with
 * a write of its own in the open group transaction, whose group commit must not be split.
 */
import type Database from 'better-sqlite3';
import type { LocateQuery, WalkOptions } from '../port';
import { pageOf } from '../match';
import { buildLocate } from './locate';

/** created_seq values per slice: ~1,024 objects, a few milliseconds of probing. */
export const SLICE = 1024;

export interface WalkHost {
  statement(sql: string): Database.Statement;
  postMatches(uid: string, post: ReturnType<typeof buildLocate>['post']): boolean;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * Identifiers (mode 'select', paged by the query's offset/maxItems) or their count (mode 'count') of a query
 * no index drives (the store decides when to walk: LocateRunner.locateAsync, locate-runner.ts).
 */
export async function walkInSlices(host: WalkHost, query: LocateQuery, mode: 'select' | 'count', opts: WalkOptions = {}): Promise<string[] | number> {
  const slice = opts.slice ?? SLICE;
  const q = buildLocate(query, 'select', { window: true });
  // Two statements: SQLite answers a lone min() or max() from the index, but min and max together by a scan.
  const bounds = {
    lo: (host.statement('SELECT min(created_seq) AS v FROM objects').get() as { v: number | null }).v,
    hi: (host.statement('SELECT max(created_seq) AS v FROM objects').get() as { v: number | null }).v,
  };
  if (bounds.lo === null || bounds.hi === null) return mode === 'count' ? 0 : [];
  const { offset, limit } = pageOf(query);
  if (mode === 'select' && limit === 0) return [];
  const st = host.statement(q.sql);
  const out: string[] = [];
  let skipped = 0;
  let counted = 0;
  const desc = query.newestFirst === true;
  for (let k = 0; ; k++) {
    const lo = desc ? Math.max(bounds.lo, bounds.hi - (k + 1) * slice + 1) : bounds.lo + k * slice;
    const hi = desc ? bounds.hi - k * slice : Math.min(bounds.hi, bounds.lo + (k + 1) * slice - 1);
    if (lo > hi || (desc ? hi < bounds.lo : lo > bounds.hi)) break;
    // Stepped, not fetched whole: a paged walk stops at its last wanted row, as the single statement's LIMIT does.
    for (const { uid } of st.iterate(...q.params, lo, hi) as IterableIterator<{ uid: string }>) {
      if (q.post.length && !host.postMatches(uid, q.post)) continue;
      if (mode === 'count') {
        counted++;
        continue;
      }
      if (skipped < offset) {
        skipped++;
        continue;
      }
      out.push(uid);
      if (limit >= 0 && out.length >= limit) return out;
    }
    if (desc ? lo <= bounds.lo : hi >= bounds.hi) break;
    await yieldToLoop();
    // A batch of another client may have opened the group's write transaction meanwhile: reading inside it
    // is what the single query would have done too (its writes are visible to this connection).
  }
  return mode === 'count' ? counted : out;
}
