/**
 * Locate as SQL. Every attribute filter becomes `o.uid IN (SELECT uid FROM attributes WHERE name = ? AND ...)`
 * whose WHERE matches one of the partial indexes of migration 1, so SQLite drives the query from the
 * most selective index and looks objects up by primary key; the result is ordered by creation.
 *
 * Scalar filters are exact in SQL. Structure filters (subset semantics, KMIP 1.4 §4.9) are narrowed in SQL
 * by their primary text when they carry it, then checked exactly in JS (match.ts); paging is then applied
 * after that check so offset/maxItems count only real matches.
 */
import { ItemType } from '../../kmip/item-type';
import type { LocateQuery } from '../port';
import { type PlannedFilter, pageOf, planFilters, scalarInt } from '../match';
import { encodeValue, indexColumns } from './rows';

export interface LocateSql {
  sql: string;
  params: unknown[];
  /** Filters that must be re-checked on the decoded values (Structures). */
  post: PlannedFilter[];
  /** True when paging is in SQL (no post filters). */
  pagedInSql: boolean;
}

/** The SQL condition (and parameters) selecting candidate uids for one filter. */
function filterSql(f: PlannedFilter): { sql: string; params: unknown[]; post: boolean } {
  if (f.kind === 'mask') {
    const m = BigInt((f.value!.value as number) >>> 0);
    return {
      sql: `SELECT uid FROM attributes WHERE name = ? AND value_int IS NOT NULL AND type = ? AND (value_int & ?) = ?`,
      params: [f.name, ItemType.Integer, m, m],
      post: false,
    };
  }
  if (f.kind === 'range') {
    const text = f.rangeType === ItemType.TextString;
    const col = text ? 'value_text' : 'value_int';
    let sql = `SELECT uid FROM attributes WHERE name = ? AND ${col} IS NOT NULL AND type = ?`;
    const params: unknown[] = [f.name, f.rangeType];
    if (f.lo) (sql += ` AND ${col} >= ?`), params.push(f.lo.v);
    if (f.hi) (sql += ` AND ${col} <= ?`), params.push(f.hi.v);
    return { sql, params, post: false };
  }
  const v = f.value!;
  if (v.type === ItemType.Structure) {
    const { int, text } = indexColumns(v);
    if (text !== null) {
      // Candidates whose primary field is the filter's first text field with that text, plus (rare) those
      // whose primary field has another tag (the filter omitted it): both are index range lookups.
      return {
        sql:
          `SELECT uid FROM attributes INDEXED BY attributes_text WHERE name = ? AND value_text = ? AND value_int = ? AND type = ${ItemType.Structure}` +
          ` UNION ALL SELECT uid FROM attributes WHERE name = ? AND value_int < ? AND type = ${ItemType.Structure}` +
          ` UNION ALL SELECT uid FROM attributes WHERE name = ? AND value_int > ? AND type = ${ItemType.Structure}`,
        params: [f.name, text, int, f.name, int, f.name, int],
        post: true,
      };
    }
    return { sql: `SELECT uid FROM attributes WHERE name = ? AND type = ${ItemType.Structure}`, params: [f.name], post: true };
  }
  if (v.type === ItemType.TextString) {
    return { sql: 'SELECT uid FROM attributes WHERE name = ? AND value_text = ? AND type = ?', params: [f.name, v.value, v.type], post: false };
  }
  const n = scalarInt(v);
  if (n !== undefined) {
    return { sql: 'SELECT uid FROM attributes WHERE name = ? AND value_int = ? AND type = ?', params: [f.name, n, v.type], post: false };
  }
  return {
    sql: 'SELECT uid FROM attributes WHERE name = ? AND value_int IS NULL AND value_text IS NULL AND value_blob = ?',
    params: [f.name, encodeValue(v)],
    post: false,
  };
}

/** Build the SELECT (or COUNT) for a query. */
export function buildLocate(query: LocateQuery, mode: 'select' | 'count'): LocateSql {
  const planned = planFilters(query);
  const where: string[] = [];
  const params: unknown[] = [];
  const post: PlannedFilter[] = [];
  // With attribute filters the attribute indexes must drive the query (an object type or state matches
  // a large share of all objects); the unary + keeps SQLite from choosing an objects index instead.
  const p = planned.length ? '+' : '';
  if (query.objectTypes && query.objectTypes.length) {
    where.push(`${p}o.object_type IN (${query.objectTypes.map(() => '?').join(',')})`);
    params.push(...query.objectTypes);
  }
  if (query.states && query.states.length) {
    where.push(`${p}o.state IN (${query.states.map(() => '?').join(',')})`);
    params.push(...query.states);
  }
  if (query.owner !== undefined) (where.push(`${p}o.owner = ?`), params.push(query.owner));
  if (query.tenant !== undefined) (where.push(`${p}o.tenant = ?`), params.push(query.tenant));
  for (const f of planned) {
    const s = filterSql(f);
    where.push(`o.uid IN (${s.sql})`);
    params.push(...s.params);
    if (s.post) post.push(f);
  }
  const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const pagedInSql = post.length === 0;
  if (mode === 'count' && pagedInSql) return { sql: `SELECT COUNT(*) AS n FROM objects o${w}`, params, post, pagedInSql };
  let sql = `SELECT o.uid AS uid FROM objects o${w} ORDER BY o.created_seq`;
  if (mode === 'select' && pagedInSql) {
    const { offset, limit } = pageOf(query);
    sql += ' LIMIT ? OFFSET ?';
    params.push(limit, offset);
  }
  return { sql, params, post, pagedInSql };
}
