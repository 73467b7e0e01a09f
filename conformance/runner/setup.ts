/**
 * Server set-up that a vector file states as its precondition, applied to the local server it runs on
 * (conformance/setup.json). Some test cases assume things about the server that no request creates, e.g.
 * TC_111: "both Credentials used in this example are for valid users of the server". An entry names the
 * files by a regular expression on the file name, quotes that precondition, and gives the accounts to
 * create (`tumbler accounts` does the same for an operator) and the `auth` settings the local server runs
 * with. Against `--server`, the operator must prepare that server the same way. An entry may also give
 * `operations` settings, for test cases written for one of several server policies the profile allows
 * (CS-RNG-O-2..4: a server that uses part of a seed, ignores it or refuses it).
 */
import * as path from 'node:path';
import { DiscoverError, readJsonList } from './discover';

export interface SetupAccount {
  kind: 'user' | 'device';
  name: string;
  password: string;
}

export interface SetupEntry {
  /** Regular expression matched against the file name (not the directory). */
  files: string;
  /** The precondition as the vector states it. */
  why: string;
  accounts?: SetupAccount[];
  /** Settings of the `auth` configuration section for the local server. */
  auth?: Record<string, unknown>;
  /** Settings of the `operations` configuration section for the local server. */
  operations?: Record<string, unknown>;
}

/** What one server needs for the files it runs. */
export interface ServerSetup {
  accounts: SetupAccount[];
  auth: Record<string, unknown>;
  operations: Record<string, unknown>;
}

export function loadSetupList(file: string): SetupEntry[] {
  return readJsonList(file, '{files, why, accounts?, auth?, operations?}').map((e, i) => {
    const bad = (m: string) => new DiscoverError(`${file}: entry ${i}: ${m}`);
    if (!e || typeof e.files !== 'string' || typeof e.why !== 'string' || !e.why) throw bad('needs "files" (a regular expression) and "why"');
    try {
      new RegExp(e.files);
    } catch (err) {
      throw bad(`"files": ${(err as Error).message}`);
    }
    for (const a of e.accounts ?? []) {
      if (!a || (a.kind !== 'user' && a.kind !== 'device') || typeof a.name !== 'string' || typeof a.password !== 'string' || !a.name || !a.password) {
        throw bad('each account needs kind "user" or "device", a name and a password');
      }
    }
    for (const section of ['auth', 'operations'] as const) {
      const v = e[section];
      if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) throw bad(`"${section}" must be an object`);
    }
    return e as SetupEntry;
  });
}

/** The set-up of a server running `files` (entries matching any of them, merged), or undefined. */
export function setupFor(files: readonly string[], entries: readonly SetupEntry[]): ServerSetup | undefined {
  const hits = entries.filter((e) => files.some((f) => new RegExp(e.files).test(path.basename(f))));
  if (hits.length === 0) return undefined;
  return {
    accounts: hits.flatMap((e) => e.accounts ?? []),
    auth: Object.assign({}, ...hits.map((e) => e.auth ?? {})),
    operations: Object.assign({}, ...hits.map((e) => e.operations ?? {})),
  };
}
