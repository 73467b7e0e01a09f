/**
 * `tumbler conformance [--server HOST:PORT --cert C --key K --ca A] [--json] [--filter REGEX]
 *  [--skip FILE] [--show-messages] [--http ttlv|xml|json] PATH...`: replay OASIS XML test vectors (files or
 * directories, recursive) against a server over mutual TLS (TTLV, or KMIP over HTTPS in the encoding
 * --http names) and report the first difference of each failing file.
 *
 * Without --server every file runs on a fresh in-process Tumbler (temporary directory and SQLite
 * store; SoftHSM2 when installed, else the software provider), stopped afterwards. Progress goes to
 * stderr; the final table (or with --json the machine-readable summary) to stdout. Exit code 1 when
 * any file fails. conformance/setup.json gives the local server of some files what they state as a
 * precondition (accounts, auth settings; runner/setup.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors';
import {
  DiscoverError,
  findVectorFiles,
  formatTable,
  loadSetupList,
  loadSkipList,
  progressLine,
  runConformance,
  toJson,
  type ServerEndpoint,
} from '../../../conformance/runner';
import { HTTP_ENCODINGS, type HttpEncoding } from '../../../conformance/runner/channel';

interface ConformanceOptions {
  server?: string;
  cert?: string;
  key?: string;
  ca?: string;
  servername?: string;
  json?: boolean;
  filter?: string;
  skip?: string;
  software?: boolean;
  quiet?: boolean;
  showMessages?: boolean;
  http?: string;
}

/** conformance/NAME of the source tree (the command runs from dist/src/cli/commands). */
function defaultConformanceFile(name: string): string {
  const candidates = [
    path.resolve(__dirname, '..', '..', '..', 'conformance', name),
    path.resolve(__dirname, '..', '..', '..', '..', 'conformance', name),
  ];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

function readPem(file: string | undefined, what: string): string {
  if (!file) throw new CliError(`--server needs --${what}`, EXIT.USAGE);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`--${what} ${file}: ${(err as Error).message}`, EXIT.USAGE);
  }
}

export function parseServer(o: ConformanceOptions): ServerEndpoint | undefined {
  if (!o.server) {
    if (o.cert || o.key || o.ca) throw new CliError('--cert/--key/--ca are only used with --server', EXIT.USAGE);
    return undefined;
  }
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(o.server);
  if (!m || Number(m[2]) > 65535) throw new CliError(`--server must be HOST:PORT, got "${o.server}"`, EXIT.USAGE);
  const host = m[1].replace(/^\[|\]$/g, '');
  return {
    host,
    port: Number(m[2]),
    cert: readPem(o.cert, 'cert'),
    key: readPem(o.key, 'key'),
    ca: o.ca ? readPem(o.ca, 'ca') : undefined,
    servername: o.servername,
  };
}

export async function runConformanceCommand(paths: string[], o: ConformanceOptions): Promise<number> {
  if (paths.length === 0) throw new CliError('give at least one vector file or directory', EXIT.USAGE);
  let filter: RegExp | undefined;
  if (o.filter) {
    try {
      filter = new RegExp(o.filter);
    } catch (err) {
      throw new CliError(`--filter: ${(err as Error).message}`, EXIT.USAGE);
    }
  }
  if (o.http !== undefined && !HTTP_ENCODINGS.includes(o.http as HttpEncoding)) {
    throw new CliError(`--http must be one of ${HTTP_ENCODINGS.join(', ')}, got "${o.http}"`, EXIT.USAGE);
  }
  const server = parseServer(o);
  let files: string[];
  let skips;
  let setups;
  try {
    files = findVectorFiles(paths, filter);
    skips = loadSkipList(o.skip ?? defaultConformanceFile('skip.json'));
    setups = loadSetupList(defaultConformanceFile('setup.json'));
  } catch (err) {
    if (err instanceof DiscoverError) throw new CliError(err.message, EXIT.USAGE);
    throw err;
  }
  if (files.length === 0) throw new CliError('no *.xml vector files found', EXIT.USAGE);
  const log = (s: string) => {
    if (!o.quiet) process.stderr.write(s + '\n');
  };
  log(`conformance: ${files.length} file(s) against ${server ? `${server.host}:${server.port}` : 'a fresh local Tumbler per file (per sequence for files that continue earlier ones)'}${o.http ? `, over HTTPS in ${o.http}` : ''}`);
  const results = await runConformance({
    files,
    server,
    skips,
    setups,
    local: { hsm: o.software ? 'software' : 'auto' },
    showMessages: o.showMessages,
    http: o.http as HttpEncoding | undefined,
    onLocalServer: (kind) => log(`conformance: local servers use the ${kind === 'pkcs11' ? 'PKCS#11 (SoftHSM2)' : 'SOFTWARE'} crypto provider`),
    onResult: (r, done, total) => log(progressLine(r, done, total)),
  });
  if (o.json) process.stdout.write(JSON.stringify(toJson(results), null, 2) + '\n');
  else process.stdout.write(formatTable(results));
  return results.some((r) => r.status === 'fail') ? EXIT.FAILED : EXIT.OK;
}

export function register(program: Command): void {
  program
    .command('conformance')
    .description('replay OASIS KMIP XML test vectors against a server and report differences')
    .argument('<paths...>', 'vector files or directories (searched recursively for *.xml)')
    .option('--server <host:port>', 'server to test (default: a fresh local Tumbler per file, or per sequence of files that continue one another)')
    .option('--cert <file>', 'client certificate (PEM), with --server')
    .option('--key <file>', 'client private key (PEM), with --server')
    .option('--ca <file>', 'CA that signed the server certificate (PEM), with --server')
    .option('--servername <name>', 'name to check in the server certificate (default: the host)')
    .option('--json', 'print a machine-readable summary instead of the table')
    .option('--filter <regex>', 'only run files whose path matches')
    .option('--skip <file>', 'skip list (default conformance/skip.json)')
    .option('--software', 'local servers use the software crypto provider even when SoftHSM2 is installed')
    .option('--quiet', 'no progress on stderr')
    .option('--http <encoding>', 'send every request as KMIP over HTTPS (POST /kmip) in this encoding: ttlv, xml or json')
    .option('--show-messages', 'include the failing request (as sent) and response (as received) in KMIP XML')
    .action(async (paths: string[], o: ConformanceOptions) => {
      process.exitCode = await runConformanceCommand(paths, o);
    });
}
