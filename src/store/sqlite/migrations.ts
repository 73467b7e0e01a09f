/**
 * Forward-only numbered migrations. Migration N is MIGRATIONS[N-1]; each is applied once, in its own
 * transaction, and recorded in schema_migrations. Never edit a released migration: append a new one.
 *
 * Attribute rows (see rows.ts for the rule that fills them):
 *   value_blob  the value's binary TTLV with its top-level tag set to Attribute Value: round trip and equality
 *   value_int   numeric value (Integer, Enumeration, Interval, Long Integer, Date-Time(-Extended), Boolean,
 *               Big Integer within 64 bits); for a Structure, the tag of its primary text field
 *   value_text  Text String value; for a Structure, its primary text (first direct Text String field)
 * Partial indexes keep each index to the rows that can use it, so Locate stays an index lookup at 10^6 objects.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: initial schema
  `
  CREATE TABLE objects (
    uid         TEXT PRIMARY KEY,
    object_type INTEGER NOT NULL,
    state       INTEGER NOT NULL,
    owner       TEXT NOT NULL,
    tenant      TEXT NOT NULL,
    body        BLOB,
    material    BLOB,
    kek_id      TEXT,
    created_seq INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX objects_created_seq ON objects (created_seq);
  CREATE INDEX objects_type_state ON objects (object_type, state);
  CREATE INDEX objects_owner ON objects (owner);
  CREATE INDEX objects_tenant ON objects (tenant);

  CREATE TABLE attributes (
    uid        TEXT NOT NULL,
    name       TEXT NOT NULL,
    idx        INTEGER NOT NULL,
    type       INTEGER NOT NULL,
    tag        INTEGER NOT NULL,
    value_int  INTEGER,
    value_text TEXT,
    value_blob BLOB NOT NULL
  );
  CREATE INDEX attributes_uid ON attributes (uid, name);
  CREATE INDEX attributes_text ON attributes (name, value_text) WHERE value_text IS NOT NULL;
  CREATE INDEX attributes_int ON attributes (name, value_int) WHERE value_int IS NOT NULL;
  CREATE INDEX attributes_blob ON attributes (name, value_blob) WHERE value_int IS NULL AND value_text IS NULL;

  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: access grants and the audit trail (src/auth, src/audit). One grant row per object, grantee
  // ("alice" or "group:db-servers") and operation. Audit records are hash-chained in seq order;
  // audit_checkpoints holds HMAC-signed (seq, hash) anchors.
  `
  CREATE TABLE grants (
    uid        TEXT NOT NULL,
    tenant     TEXT NOT NULL,
    grantee    TEXT NOT NULL,
    operation  INTEGER NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (uid, grantee, operation)
  );
  CREATE INDEX grants_grantee ON grants (tenant, grantee);

  CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    time        TEXT NOT NULL,
    source      TEXT NOT NULL,
    principal   TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    address     TEXT NOT NULL,
    version     TEXT NOT NULL,
    operation   TEXT NOT NULL,
    objects     TEXT NOT NULL,
    status      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    message     TEXT NOT NULL,
    duration_us INTEGER NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
  );
  CREATE INDEX audit_time ON audit (time);
  CREATE INDEX audit_principal ON audit (principal, time);

  CREATE TABLE audit_checkpoints (
    seq  INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    time TEXT NOT NULL,
    hmac TEXT NOT NULL
  );
  `,
  // 3: the audit table is append-only and written once per request: every secondary index is one more
  // 4 KiB WAL frame in every group commit (measured: 3 pages and twice the time per commit with the two
  // indexes). Queries by time or principal (CLI only) scan it instead.
  `
  DROP INDEX IF EXISTS audit_time;
  DROP INDEX IF EXISTS audit_principal;
  `,
  // 4: the integer index keeps only the rows a Locate can use it for: dates (types 9 and 11, increasing values, so
  // a new object's entries land on one page per date name) and Structures (their primary field's tag, for
  // the rare filter that omits it). Enumerations, Booleans, Integers and masks match a large share of all
  // objects: each of their (name, value) groups ended on its own index page, and one Create wrote ~19 of
  // its ~37 WAL frames for them (measured). Such filters are now probed per candidate (attributes_uid).
  `
  DROP INDEX IF EXISTS attributes_int;
  CREATE INDEX attributes_int ON attributes (name, value_int) WHERE value_int IS NOT NULL AND (type = 9 OR type = 11 OR type = 1);
  `,
  // 5: the byte index leaves out Structures. A Structure without a Text String field (Digest, Random Number
  // Generator, Cryptographic Parameters...) had its whole encoded value there, but Locate never reads it
  // from that index (Structures match by subset, checked after SQL: locate.ts), and a Digest, being a hash,
  // put every new object's entry on a random leaf: one more WAL frame and one more page to keep cached per
  // Create (measured: ~20.5 -> ~18.5 frames and ~15 % less store CPU per object). Byte Strings such as the
  // Short Unique Identifier stay indexed.
  `
  DROP INDEX IF EXISTS attributes_blob;
  CREATE INDEX attributes_blob ON attributes (name, value_blob) WHERE value_int IS NULL AND value_text IS NULL AND type <> 1;
  `,
  // 6: password-checked accounts (src/auth/accounts.ts): a Username and Password or Device credential in a
  // request names one, and the request then acts as that account. Only an scrypt hash of the password is kept.
  `
  CREATE TABLE accounts (
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (kind, name)
  ) WITHOUT ROWID;
  `,
];

/** Told around migrations that run: one that rewrites every attribute row takes about a minute per million objects. */
export interface MigrationProgress {
  starting(from: number, to: number): void;
  done(applied: number[], ms: number): void;
}

/** Apply every migration not yet recorded. Returns the numbers applied (empty when up to date). */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS, progress?: MigrationProgress): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > migrations.length) {
    // Forward-only: an older server must not run on a schema it does not know.
    throw new Error(`database schema version ${current} is newer than this server (${migrations.length})`);
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  if (current < migrations.length) progress?.starting(current, migrations.length);
  const started = Date.now();
  for (let v = current + 1; v <= migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v - 1]);
      record.run(v, new Date().toISOString());
    })();
    applied.push(v);
  }
  if (applied.length > 0) progress?.done(applied, Date.now() - started);
  return applied;
}
