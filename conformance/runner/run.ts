/**
 * Runs many vector files: each on a fresh local Tumbler (fresh directory and SQLite store, so the
 * fixed Names of the vectors never collide) or all against one given server.
 */
import * as path from 'node:path';
import { LocalServerFactory, type LocalServerFactoryOptions } from './local-server';
import { replayVector, type ReplayOptions } from './replay';
import { commonRoot, profileOf, skipReason, type SkipEntry } from './discover';
import { loadVectorFile, VectorFileError } from './vector-file';
import type { FileResult, ServerEndpoint } from './types';

export interface RunOptions extends ReplayOptions {
  files: string[];
  /** A running server; when absent each file gets a fresh local server. */
  server?: ServerEndpoint;
  local?: LocalServerFactoryOptions;
  skips?: SkipEntry[];
  /** Called after each file (progress). */
  onResult?: (r: FileResult, done: number, total: number) => void;
  /** Told which crypto provider the local servers use. */
  onLocalServer?: (crypto: 'pkcs11' | 'software') => void;
}

export async function runConformance(opts: RunOptions): Promise<FileResult[]> {
  const root = commonRoot(opts.files);
  const results: FileResult[] = [];
  let factory: LocalServerFactory | undefined;
  try {
    for (const file of opts.files) {
      const r = await runOne(file, root, opts, () => {
        if (!factory) {
          factory = new LocalServerFactory(opts.local);
          opts.onLocalServer?.(factory.cryptoKind);
        }
        return factory;
      });
      results.push(r);
      opts.onResult?.(r, results.length, opts.files.length);
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

async function runOne(file: string, root: string, opts: RunOptions, factory: () => LocalServerFactory): Promise<FileResult> {
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

  let endpoint = opts.server;
  let stop: (() => Promise<void>) | undefined;
  if (!endpoint) {
    try {
      const s = await factory().start();
      endpoint = s.endpoint;
      stop = s.stop;
    } catch (err) {
      return done({ failure: { kind: 'transport', message: `cannot start a local server: ${(err as Error).message}` } });
    }
  }
  try {
    const out = await replayVector(vf, endpoint, opts);
    return done({ status: out.failure ? 'fail' : 'pass', pairs: out.pairs, pairsPassed: out.pairsPassed, failure: out.failure });
  } finally {
    await stop?.();
  }
}

/** "1.4" from a path like .../1.4/profiles/..., used until the file's own header is read. */
function versionFromPath(file: string): string {
  const m = /(?:^|[/\\])([12]\.[0-9])(?:[/\\])/.exec(file);
  return m ? m[1] : 'unknown';
}
