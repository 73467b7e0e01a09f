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
import { encodeTtlv } from '../../ttlv/binary-writer';
import { T, type TtlvItem } from '../../ttlv/item';
import { Tag } from '../../kmip';
import { SHORT_UID } from '../../attributes/short-uid';

export interface LocateSql {
  sql: string;
  params: unknown[];
  /** Filters that must be re-checked on the decoded values (Structures). */
  post: PlannedFilter[];
  /** True when paging is in SQL (no post filters). */
  pagedInSql: boolean;
  /** No index drives the query: it walks the objects in creation order and probes each (see locate-walk.ts). */
  walksAll: boolean;
}

/**
 * Item types whose integer column is indexed (attributes_int, migration 4): dates and Structures. The type is
 * written into the SQL as a literal, because SQLite uses a partial index only when the query's WHERE
 * implies the index's, and a bound parameter implies nothing.
 */
const INDEXED_INT_TYPES: ReadonlySet<number> = new Set([ItemType.DateTime, ItemType.DateTimeExtended]);

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
    const literal = !text && INDEXED_INT_TYPES.has(f.rangeType!);
    let sql = `SELECT uid FROM attributes WHERE name = ? AND ${col} IS NOT NULL AND type = ${literal ? f.rangeType : '?'}`;
    const params: unknown[] = literal ? [f.name] : [f.name, f.rangeType];
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
    // No text to look up (a Digest, Cryptographic Parameters...): Structures are in no value index
    // (migration 5). A Byte String field of the filter (a Digest Value) must appear, encoded, inside the
    // stored value: SQLite's instr() drops almost every row before the exact check in JS.
    const bytes = byteStringField(v);
    if (bytes) {
      return { sql: `SELECT uid FROM attributes WHERE name = ? AND type = ${ItemType.Structure} AND instr(value_blob, ?) > 0`, params: [f.name, encodeTtlv(bytes)], post: true };
    }
    return { sql: `SELECT uid FROM attributes WHERE name = ? AND type = ${ItemType.Structure}`, params: [f.name], post: true };
  }
  if (v.type === ItemType.TextString) {
    return { sql: 'SELECT uid FROM attributes WHERE name = ? AND value_text = ? AND type = ?', params: [f.name, v.value, v.type], post: false };
  }
  const n = scalarInt(v);
  if (n !== undefined) {
    if (INDEXED_INT_TYPES.has(v.type)) {
      return { sql: `SELECT uid FROM attributes WHERE name = ? AND value_int = ? AND type = ${v.type}`, params: [f.name, n], post: false };
    }
    return { sql: 'SELECT uid FROM attributes WHERE name = ? AND value_int = ? AND type = ?', params: [f.name, n, v.type], post: false };
  }
  return {
    // `type <> 1` as in the partial index attributes_blob (migration 5), so that SQLite may use it.
    sql: `SELECT uid FROM attributes WHERE name = ? AND value_int IS NULL AND value_text IS NULL AND type <> ${ItemType.Structure} AND value_blob = ?`,
    params: [f.name, encodeValue(v)],
    post: false,
  };
}

/** A Structure's first direct non-empty Byte String field; TTLV-encoded, its bytes are the same wherever it is nested. */
function byteStringField(v: TtlvItem): TtlvItem | undefined {
  if (v.type !== ItemType.Structure) return undefined;
  return v.value.find((c) => c.type === ItemType.ByteString && c.value.length > 0);
}

/**
 * The same filter probed for one candidate: the uid comes first and attributes_uid (uid, name) is forced,
 * because an equally keyed (name, value) index would walk every object with that value.
 */
function correlated(sql: string): string {
  return sql.replace(/FROM attributes (INDEXED BY \w+ )?WHERE /g, 'FROM attributes INDEXED BY attributes_uid WHERE uid = o.uid AND ');
}

/** A filter with no index to drive from (see UNINDEXED): it is only ever probed per candidate. */
const UNINDEXED = 4;

/**
 * How selective a filter usually is, lowest first: text and byte-string equality (names, identifiers)
 * pick out a few objects; ranges some; a Structure without a text field may match many. Equality, ranges
 * and masks on numbers that are not dates (an enumeration, a Boolean such as the internal storage flag or
 * Fresh, a length, a usage mask) typically match a large share of all objects and have no index.
 */
function selectivity(f: PlannedFilter): number {
  if (f.kind === 'mask') return UNINDEXED;
  if (f.kind === 'range') return f.rangeType === ItemType.TextString || INDEXED_INT_TYPES.has(f.rangeType!) ? 1 : UNINDEXED;
  const v = f.value!;
  if (v.type === ItemType.TextString || v.type === ItemType.ByteString) return 0;
  if (v.type === ItemType.Structure) return indexColumns(v).text !== null ? 0 : byteStringField(v) ? 1 : 2;
  if (scalarInt(v) === undefined) return 0;
  return INDEXED_INT_TYPES.has(v.type) ? 2 : UNINDEXED;
}

/**
 * Build the SELECT (or COUNT) for a query.
 *
 * Plan: one filter drives the query as `o.uid IN (subquery)` (an index range on attributes, materialised
 * once); every other filter is a correlated `EXISTS` probed per candidate through attributes_uid
 * (uid, name). Materialising a filter that matches every object (the storage flag Locate always adds) as
 * an IN list would make every Locate O(number of objects). The driver is the most selective filter; when
 * there is none that is likely selective and the result is paged in SQL, nothing drives and SQLite walks
 * objects in creation order, stopping at the limit.
 */
/**
 * The SQL of a Locate. `window`: for a walk in slices (locate-walk.ts), the statement takes two more
 * parameters, the lowest and highest created_seq of the slice, and pages nothing.
 */
export function buildLocate(query: LocateQuery, mode: 'select' | 'count', opts: { window?: boolean } = {}): LocateSql {
  const planned = planFilters(query);
  const where: string[] = [];
  const params: unknown[] = [];
  const post: PlannedFilter[] = [];
  const sqls = planned.map(filterSql);
  const pagedInSql = sqls.every((s) => !s.post);
  const paged = mode === 'select' && pagedInSql && pageOf(query).limit >= 0;
  let driver = -1;
  planned.forEach((f, i) => {
    if (driver < 0 || selectivity(f) < selectivity(planned[driver])) driver = i;
  });
  // Nothing drives when the best filter has no index (walking every object in creation order and probing
  // each costs no more than materialising an index range that holds most of them), nor when the result is
  // paged and no filter is likely selective (the walk stops at the limit).
  if (driver >= 0 && (selectivity(planned[driver]) >= UNINDEXED || (selectivity(planned[driver]) >= 2 && paged))) driver = -1;
  // With a driving attribute filter the attribute index must lead (an object type, state or tenant
  // matches a large share of all objects), and a paged query should walk creation order and stop at the
  // limit: the unary + keeps SQLite from choosing an objects index on those columns instead.
  // A walk in slices must use created_seq's index for its range, so it too keeps the objects indexes out.
  // Named objects (uids) are looked up by primary key: no objects index on those columns either.
  const p = driver >= 0 || paged || opts.window || query.uids ? '+' : '';
  if (query.objectTypes && query.objectTypes.length) {
    where.push(`${p}o.object_type IN (${query.objectTypes.map(() => '?').join(',')})`);
    params.push(...query.objectTypes);
  }
  if (query.states && query.states.length) {
    where.push(`${p}o.state IN (${query.states.map(() => '?').join(',')})`);
    params.push(...query.states);
  }
  if (query.owner !== undefined && query.alsoUids && query.alsoUids.length > 0) {
    // Own objects or granted ones, in SQL, so Locate still pages there: one JSON parameter whatever the count.
    where.push(`(${p}o.owner = ? OR o.uid IN (SELECT value FROM json_each(?)))`);
    params.push(query.owner, JSON.stringify(query.alsoUids));
  } else if (query.owner !== undefined) (where.push(`${p}o.owner = ?`), params.push(query.owner));
  if (query.tenant !== undefined) (where.push(`${p}o.tenant = ?`), params.push(query.tenant));
  if (query.uids) {
    // Named objects: each looked up by its primary key (the identifiers as one JSON parameter, whatever their count).
    where.push('o.uid IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.uids));
  }
  if (query.shortUid) {
    // The Short Unique Identifier is the SHA-256 of the uid (short_uid(), registered in connection.ts), checked
    // per candidate (no index: attributes/short-uid.ts says why), unless the object has one stored (an
    // Import's that differs, or one an earlier version stored); those are found as any Byte String filter is.
    const stored = filterSql({ name: SHORT_UID, kind: 'eq', value: T.bytes(Tag.AttributeValue, query.shortUid) });
    where.push(`(o.uid IN (${stored.sql}) OR (short_uid(o.uid) = ? AND NOT EXISTS (SELECT 1 FROM attributes INDEXED BY attributes_uid WHERE uid = o.uid AND name = ?)))`);
    params.push(...stored.params, query.shortUid, SHORT_UID);
  }
  const order = [driver, ...planned.keys()].filter((i, k, all) => i >= 0 && all.indexOf(i) === k);
  for (const i of order) {
    const s = sqls[i];
    if (i === driver) where.push(`o.uid IN (${s.sql})`);
    else where.push(`EXISTS (${correlated(s.sql)})`);
    params.push(...s.params);
    if (s.post) post.push(planned[i]);
  }
  const walksAll = driver < 0 && !query.uids;
  if (opts.window) {
    where.push('o.created_seq BETWEEN ? AND ?');
    const w = ` WHERE ${where.join(' AND ')}`;
    return { sql: `SELECT o.uid AS uid FROM objects o${w} ORDER BY o.created_seq${query.newestFirst ? ' DESC' : ''}`, params, post, pagedInSql: false, walksAll };
  }
  const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  if (mode === 'count' && pagedInSql) return { sql: `SELECT COUNT(*) AS n FROM objects o${w}`, params, post, pagedInSql, walksAll };
  let sql = `SELECT o.uid AS uid FROM objects o${w} ORDER BY o.created_seq${query.newestFirst ? ' DESC' : ''}`;
  if (mode === 'select' && pagedInSql) {
    const { offset, limit } = pageOf(query);
    sql += ' LIMIT ? OFFSET ?';
    params.push(limit, offset);
  }
  return { sql, params, post, pagedInSql, walksAll };
}
