/**
 * `tumbler bench`: KMIP load generator (binary TTLV over mutual TLS).
 *
 *   tumbler bench --standard                     standard scenarios on a fresh Tumbler (npm run bench)
 *   tumbler bench --op get --duration 10         one operation, fresh Tumbler
 *   tumbler bench --mix get=8,create=1,encrypt=1 --connections 8 --inflight 4
 *   tumbler bench --op get --host h --port 5696 --cert c.pem --key k.pem --ca ca.pem   any KMIP server
 *   tumbler bench --op handshake | --op handshake-resumed     new mutual-TLS connection per operation
 *   tumbler bench --idle-connections 1000 --duration 10       hold 1000 idle connections, then use each once
 *
 * Progress goes to stderr, the table (or --json) to stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import {
  formatProfileSummary, formatTable, isOpName, parseKmipVersion, parseMix, runSuite, STANDARD_SCENARIOS, summarizeProfile, toJson,
  type Scenario,
} from '../../bench';
import { CliError, EXIT } from '../errors';
import { intOption } from '../options';
import { HTTP_BODY_ENCODINGS, type HttpBodyEncoding } from '../../client/http-framing';
import type { ConfigOverrides } from '../../server';

interface BenchCliOptions {
  standard?: boolean;
  http?: string;
  op?: string;
  mix?: string;
  connections: string;
  inflight: string;
  batch: string;
  kmipVersion: string;
  duration?: string;
  count?: string;
  warmup: string;
  objects: string;
  idleConnections?: string;
  populateConnections: string;
  cipher: string;
  dataSize: string;
  host?: string;
  port?: string;
  cert?: string;
  key?: string;
  ca?: string;
  servername?: string;
  crypto: string;
  serverCpuProf?: string;
  serverSet: string[];
  keepDir?: boolean;
  json?: boolean;
}

function num(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new CliError(`--${name} must be a number >= ${min}, got "${v}"`, EXIT.USAGE);
  return n;
}

/**
 * --server-set section.field=value (repeatable) -> configuration overrides of the benchmark's own server. true,
 * false and numbers are taken as such, anything else as text; the server validates them as it does tumbler.json.
 */
export function serverSettings(items: string[]): ConfigOverrides {
  const out: ConfigOverrides = {};
  for (const item of items) {
    const m = /^([A-Za-z]\w*)\.([A-Za-z]\w*)=(.*)$/s.exec(item);
    if (!m) throw new CliError(`--server-set takes section.field=value (e.g. hsm.generationWorker=never), got "${item}"`, EXIT.USAGE);
    const [, section, field, text] = m;
    const value = text === 'true' ? true : text === 'false' ? false : text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    out[section] = { ...out[section], [field]: value };
  }
  return out;
}

function readPem(name: string, file: string | undefined): Buffer {
  if (!file) throw new CliError(`--${name} is required with --host/--port`, EXIT.USAGE);
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`--${name} ${file}: ${(err as Error).message}`, EXIT.USAGE);
  }
}

export async function runBenchCommand(o: BenchCliOptions): Promise<void> {
  let scenarios: Scenario[];
  try {
    if (o.standard) scenarios = STANDARD_SCENARIOS;
    else if (o.idleConnections !== undefined || o.op === 'idle') {
      const n = intOption('idle-connections', o.idleConnections ?? '100', 1);
      scenarios = [{ name: `idle ${n}`, kind: 'idle', idleConnections: n, mix: [] }];
    } else if (o.op === 'handshake' || o.op === 'handshake-resumed') {
      scenarios = [{ name: o.op, kind: o.op, mix: [] }];
    } else if (o.mix) scenarios = [{ name: o.mix, mix: parseMix(o.mix, isOpName) }];
    else scenarios = [{ name: o.op ?? 'get', mix: parseMix(o.op ?? 'get', isOpName) }];
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.USAGE);
  }
  if (o.cipher !== 'aes-gcm' && o.cipher !== 'aes-cbc') throw new CliError('--cipher must be aes-gcm or aes-cbc', EXIT.USAGE);
  if (!['software', 'pkcs11', 'auto'].includes(o.crypto)) throw new CliError('--crypto must be software, pkcs11 or auto', EXIT.USAGE);
  let version;
  try {
    version = parseKmipVersion(o.kmipVersion);
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.USAGE);
  }
  if (o.http !== undefined && !HTTP_BODY_ENCODINGS.includes(o.http as HttpBodyEncoding)) {
    throw new CliError(`--http must be one of ${HTTP_BODY_ENCODINGS.join(', ')}`, EXIT.USAGE);
  }
  const http = o.http === undefined ? undefined : { encoding: o.http as HttpBodyEncoding };
  const external = o.host !== undefined || o.port !== undefined;
  const target = external
    ? {
        host: o.host ?? '127.0.0.1',
        port: intOption('port', o.port ?? '5696', 1),
        cert: readPem('cert', o.cert),
        key: readPem('key', o.key),
        ca: o.ca ? readPem('ca', o.ca) : undefined,
        servername: o.servername,
        http,
      }
    : undefined;
  const standardDuration = o.standard && o.duration === undefined && o.count === undefined ? 10 : undefined;
  let profDir: string | undefined;
  if (o.serverCpuProf) {
    if (external) throw new CliError('--server-cpu-prof needs the benchmark to start its own server (no --host/--port)', EXIT.USAGE);
    profDir = path.resolve(o.serverCpuProf);
    fs.mkdirSync(profDir, { recursive: true });
  }
  if (external && o.serverSet.length) throw new CliError('--server-set needs the benchmark to start its own server (no --host/--port)', EXIT.USAGE);
  const overrides = serverSettings(o.serverSet);
  const tty = process.stderr.isTTY;
  const log = (line: string) => process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);

  const suite = await runSuite({
    target,
    http,
    scenarios,
    versionLabel: o.kmipVersion,
    defaults: {
      connections: intOption('connections', o.connections, 1),
      inflight: intOption('inflight', o.inflight, 1),
      batch: intOption('batch', o.batch, 1),
      version,
      durationS: standardDuration ?? num('duration', o.duration ?? '10', 0.1),
      count: o.count === undefined ? undefined : intOption('count', o.count, 1),
      warmupS: num('warmup', o.warmup, 0),
      objects: intOption('objects', o.objects, 0),
      populateConnections: intOption('populate-connections', o.populateConnections, 1),
      cipher: o.cipher as 'aes-gcm' | 'aes-cbc',
      dataSize: intOption('data-size', o.dataSize, 1),
      onProgress: log,
    },
    local: { crypto: o.crypto as 'software' | 'pkcs11' | 'auto', keepDir: o.keepDir, profileDir: profDir, overrides },
    log,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  if (suite.local) process.stderr.write(`server: Tumbler pid ${suite.local.pid}, crypto ${suite.local.crypto}\n`);
  if (o.json) process.stdout.write(JSON.stringify(toJson(suite.reports), null, 2) + '\n');
  else process.stdout.write(formatTable(suite.reports));
  for (const p of suite.profiles) {
    process.stderr.write(`\n${p.scenario}: ${p.file}\n${formatProfileSummary(summarizeProfile(p.file))}`);
  }
  if (suite.reports.some((r) => r.result.ok === 0)) process.exitCode = EXIT.FAILED;
}

export function register(program: Command): void {
  program
    .command('bench')
    .description('KMIP load generator (binary TTLV over mutual TLS); without --host it starts a fresh Tumbler')
    .option('--standard', 'run the standard scenarios (get, encrypt AES-GCM/CBC 64 B, create, locate; 4 connections, 1 in flight)')
    .option(
      '--op <op>',
      'operation: get|create|register|encrypt|decrypt|locate|query|create-destroy|create-rsa4096, or handshake (new mutual-TLS ' +
        'connection per operation: full handshake + Discover Versions), handshake-resumed (the same with TLS 1.3 session ' +
        'resumption), idle (see --idle-connections)',
      'get',
    )
    .option('--mix <mix>', 'weighted mix, e.g. get=8,create=1,encrypt=1')
    .option('--connections <n>', 'TLS connections', '4')
    .option('--inflight <n>', 'requests in flight per connection (pipelining)', '1')
    .option('--batch <n>', 'operations (batch items) per request message', '1')
    .option('--kmip-version <v>', 'protocol version of the requests', '1.4')
    .option('--duration <s>', 'measured seconds (default 10)')
    .option('--count <n>', 'stop after N operations instead of a duration')
    .option('--warmup <s>', 'warm-up seconds, not measured', '2')
    .option('--objects <n>', 'pre-populate the store with N keys (batched Register + Activate) before timing', '0')
    .option('--populate-connections <n>', 'connections used to pre-populate (--objects)', '4')
    .option('--idle-connections <n>', 'open N idle mutual-TLS connections, hold them for --duration s, send one request on each; reports server RSS')
    .option('--cipher <c>', 'encrypt/decrypt cipher: aes-gcm or aes-cbc', 'aes-gcm')
    .option('--data-size <bytes>', 'encrypt/decrypt plaintext size', '64')
    .option('--host <host>', 'target server (default: start a fresh Tumbler)')
    .option('--port <port>', 'target port')
    .option('--cert <file>', 'client certificate (PEM) for the target')
    .option('--key <file>', 'client key (PEM) for the target')
    .option('--ca <file>', 'CA certificate (PEM) that signed the target server certificate')
    .option('--servername <name>', 'TLS server name to verify (default: the host)')
    .option('--http <encoding>', 'send the requests as KMIP over HTTPS (POST /kmip) with ttlv, xml or json bodies')
    .option('--crypto <mode>', 'own server only: software, pkcs11 or auto (SoftHSM2 when installed)', 'auto')
    .option('--server-cpu-prof <dir>', 'own server only: CPU-profile the server during each measured window, write <dir>/<scenario>.cpuprofile and summarise it')
    .option('--server-set <section.field=value>', 'own server only: a setting of its configuration, e.g. hsm.generationWorker=never (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--keep-dir', 'own server only: keep the temporary server directory')
    .option('--json', 'print JSON instead of the table')
    .action((o: BenchCliOptions) => runBenchCommand(o));
}
