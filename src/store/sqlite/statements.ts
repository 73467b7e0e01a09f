/**
 * The SQLite store's prepared statements, made once per connection (store.ts). Positional parameters:
 * binding by name costs measurably more per row (~3 us per attribute row).
 */
import type Database from 'better-sqlite3';

/** One object's wrapped material, as KEK rotation reads it. */
export interface WrapRow {
  uid: string;
  material: Buffer;
  kekId: string | null;
  seq: number;
}

export function prepareStatements(db: Database.Database) {
  return {
    getObject: db.prepare('SELECT * FROM objects WHERE uid = ?'),
    // Existence only (no body or wrapped material read): the checks before insert, update and remove.
    hasObject: db.prepare('SELECT 1 FROM objects WHERE uid = ?').pluck(),
    getAttrs: db.prepare('SELECT name, idx, tag, value_blob FROM attributes WHERE uid = ? ORDER BY rowid'),
    // Every column with the rowid: journal undo images, and the base of an update's diff (row-diff.ts).
    attrRows: db.prepare('SELECT rowid AS rid, * FROM attributes WHERE uid = ? ORDER BY rowid').safeIntegers(true),
    updateAttr: db.prepare('UPDATE attributes SET type = ?, tag = ?, value_int = ?, value_text = ?, value_blob = ? WHERE rowid = ?'),
    deleteAttrRow: db.prepare('DELETE FROM attributes WHERE rowid = ?'),
    attrsByName: db.prepare('SELECT tag, value_blob FROM attributes WHERE uid = ? AND name = ?'),
    insertObject: db.prepare(
      `INSERT INTO objects (uid, object_type, state, owner, tenant, body, material, kek_id, created_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateObject: db.prepare(
      `UPDATE objects SET object_type = ?, state = ?, owner = ?, tenant = ?, body = ?, material = ?, kek_id = ? WHERE uid = ?`,
    ),
    deleteObject: db.prepare('DELETE FROM objects WHERE uid = ?'),
    insertAttr: db.prepare(
      `INSERT INTO attributes (uid, name, idx, type, tag, value_int, value_text, value_blob)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteAttrs: db.prepare('DELETE FROM attributes WHERE uid = ?'),
    maxSeq: db.prepare('SELECT COALESCE(MAX(created_seq), 0) AS s FROM objects'),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    deleteMeta: db.prepare('DELETE FROM meta WHERE key = ?'),
    wrapsNotUnder: db.prepare(
      'SELECT uid, material, kek_id AS kekId, created_seq AS seq FROM objects WHERE created_seq > ? AND material IS NOT NULL AND (kek_id IS NULL OR kek_id != ?) ORDER BY created_seq LIMIT ?',
    ),
    countWrapsNotUnder: db.prepare('SELECT COUNT(*) FROM objects WHERE material IS NOT NULL AND (kek_id IS NULL OR kek_id != ?)').pluck(),
    replaceWrap: db.prepare('UPDATE objects SET material = ?, kek_id = ? WHERE uid = ? AND kek_id IS ? AND material = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
