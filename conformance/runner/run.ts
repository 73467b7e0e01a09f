/**
 * Runs many vector files: each on a fresh local Tumbler (fresh directory and SQLite store, so the
 * fixed Names of the vectors never collide) or all against one given server. The files of a test
 * sequence (sequences.ts: a file that continues what earlier files of its group left on the server)
 * run in numeric order on one shared server instead, sharing what the server generated.
 */
import * as path from 'node:path';
import { LocalServerFactory, type LocalServerFactoryOptions } from './local-server';
import { replayVector, type ReplayOptions } from './replay';
import { commonRoot, profileOf, skipReason, type SkipEntry } from './discover';
import { planRuns, type PlanOptions, type RunUnit } from './sequences';
import { setupFor, type SetupEntry } from './setup';
import { loadVectorFile, VectorFileError } from './vector-file';
import type { FileResult, ServerEndpoint } from './types';

export interface RunOptions extends ReplayOptions {
  files: string[];
  /** A running server; when absent each file (or sequence) gets a fresh local server. */
  server?: ServerEndpoint;
  local?: LocalServerFactoryOptions;
  skips?: SkipEntry[];
  /** Preconditions of files for their local server (conformance/setup.json). */
  setups?: SetupEntry[];
  /** Called after each reported file (progress). */
  onResult?: (r: FileResult, done: number, total: number) => void;
  /** Told which crypto provider the local servers use. */
  onLocalServer?: (crypto: 'pkcs11' | 'software') => void;
  /** How sequences are found (tests); default: sequences.ts rules on the files and their directories. */
  plan?: PlanOptions;
}

interface Server {
  endpoint: ServerEndpoint;
  stop?: () => Promise<void>;
}

export async function runConformance(opts: RunOptions): Promise<FileResult[]> {
  const root = commonRoot(opts.files);
  const results: FileResult[] = [];
  let factory: LocalServerFactory | undefined;
  const getFactory = (): LocalServerFactory => {
    if (!factory) {
      factory = new LocalServerFactory(opts.local);
      opts.onLocalServer?.(factory.cryptoKind);
    }
    return factory;
  };
  const units = planRuns(opts.files, opts.plan);
  const total = units.reduce((n, u) => n + u.files.filter((f) => f.report).length, 0);
  try {
    for (const unit of units) {
      for (const r of await runUnit(unit, root, opts, getFactory)) {
        results.push(r);
        opts.onResult?.(r, results.length, total);
      }
    }
  } finally {
    factory?.dispose();
  }
  return results;
}

function displayName(file: string, root: string): string {
  const rel = root ? path.relative(root, file) : file;
  return rel || path.basename(file);
}

/** The files of one unit on one server (a fresh local one unless --server), in order. */
async function runUnit(unit: RunUnit, root: string, opts: RunOptions, factory: () => LocalServerFactory): Promise<FileResult[]> {
  const out: FileResult[] = [];
  let server: Server | undefined;
  let serverError: string | undefined;
  const connect = async (): Promise<Server | undefined> => {
    if (server || serverError) return server;
    if (opts.server) return (server = { endpoint: opts.server });
    try {
      const s = await factory().start(setupFor(unit.files.map((f) => f.file), opts.setups ?? []));
      return (server = { endpoint: s.endpoint, stop: s.stop });
    } catch (err) {
      serverError = `cannot start a local server: ${(err as Error).message}`;
      return undefined;
    }
  };
  // What the server generated, shared by the files of a sequence (fresh per file otherwise).
  const serverGenerated = new Set<string>();
  const before: string[] = [];
  const prereqFailures: string[] = [];
  try {
    for (const { file, report } of unit.files) {
      const r = await runOne(file, root, opts, connect, () => serverError, unit.sequence ? serverGenerated : new Set());
      const ownMessage = r.failure?.message;
      if (unit.sequence) {
        r.after = [...before];
        if (r.failure && prereqFailures.length > 0) {
          r.failure.message = `${r.failure.message} (after failed prerequisite ${prereqFailures.join('; ')})`;
        }
      }
      if (report) out.push(r);
      else if (r.status === 'fail') prereqFailures.push(`${r.display}: ${ownMessage ?? 'failed'}`);
      before.push(report ? r.display : `${r.display} (prerequisite)`);
    }
  } finally {
    await server?.stop?.();
  }
  return out;
}

async function runOne(
  file: string,
  root: string,
  opts: RunOptions,
  connect: () => Promise<Server | undefined>,
  serverError: () => string | undefined,
  serverGenerated: Set<string>,
): Promise<FileResult> {
  const started = Date.now();
  const base: FileResult = {
    file,
    display: displayName(file, root),
    version: versionFromPath(file),
    profile: profileOf(file),
    status: 'fail',
    pairs: 0,
    pairsPassed: 0,
    ms: 0,
  };
  const done = (r: Partial<FileResult>): FileResult => ({ ...base, ...r, ms: Date.now() - started });
  const skip = skipReason(file, opts.skips ?? []);
  if (skip) return done({ status: 'skip', skipReason: skip });

  let vf;
  try {
    vf = loadVectorFile(file);
  } catch (err) {
    const m = err instanceof VectorFileError ? err : new VectorFileError((err as Error).message);
    return done({ failure: { kind: 'parse', messageIndex: m.messageIndex, message: m.message } });
  }
  if (vf.version !== 'unknown') base.version = vf.version;
  base.pairs = vf.pairs.length;

  const server = await connect();
  if (!server) return done({ failure: { kind: 'transport', message: serverError() ?? 'no server' } });
  const out = await replayVector(vf, server.endpoint, opts, { serverGenerated });
  return done({ status: out.failure ? 'fail' : 'pass', pairs: out.pairs, pairsPassed: out.pairsPassed, failure: out.failure });
}

/** "1.4" from a path like .../1.4/profiles/..., used until the file's own header is read. */
function versionFromPath(file: string): string {
  const m = /(?:^|[/\\])([12]\.[0-9])(?:[/\\])/.exec(file);
  return m ? m[1] : 'unknown';
}
