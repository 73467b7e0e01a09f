/**
 * `tumbler serve --dir DIR [--init] [--host H] [--port N]`: run the KMIP server until SIGTERM/SIGINT.
 * With --init, a directory that has no tumbler.json yet is initialised first (as `tumbler init`).
 * `npm start` runs `serve --dir ./data --init`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../config/load';
import { serveForever } from '../../main';
import type { ConfigOverrides, RunningServer } from '../../server';
import { CliError, EXIT } from '../errors';
import { AlreadyInitialisedError, initServerDir, isInitialised } from '../init-dir';
import { isSoftHsmInstalled, setupSoftHsmToken } from '../../crypto/pkcs11/softhsm-setup';

interface ServeOptions {
  dir: string;
  init?: boolean;
  host?: string;
  port?: string;
}

/** Client certificates found in <dir>/clients (as `tumbler init` and `certs issue-client` write them). */
function clientCertFiles(dir: string): Array<{ cert: string; key: string }> {
  const clients = path.join(dir, 'clients');
  if (!fs.existsSync(clients)) return [];
  return fs
    .readdirSync(clients)
    .filter((f) => f.endsWith('.pem') && !f.endsWith('-key.pem') && f !== 'ca.pem')
    .map((f) => ({ cert: path.join(clients, f), key: path.join(clients, f.replace(/\.pem$/, '-key.pem')) }))
    .filter((c) => fs.existsSync(c.key));
}

function banner(server: RunningServer, dir: string): string {
  const shownHost = server.host === '0.0.0.0' || server.host === '::' ? 'localhost' : server.host;
  const ca = fs.existsSync(path.join(dir, 'clients', 'ca.pem')) ? path.join(dir, 'clients', 'ca.pem') : path.join(dir, 'ca.pem');
  const clients = clientCertFiles(dir);
  const first = clients[0] ?? { cert: '<client.pem>', key: '<client-key.pem>' };
  const lines = [
    `Tumbler KMIP server listening on ${server.host}:${server.port} (KMIP 1.0-2.1, mutual TLS)`,
    `  crypto   ${server.crypto.kind.toUpperCase()}: ${server.crypto.description}`,
    `  store    ${server.store}: ${server.config.store.path}`,
    `  CA       ${ca}`,
    ...(clients.length > 0
      ? clients.map((c) => `  client   cert ${c.cert}  key ${c.key}`)
      : ['  client   none yet: issue one with `tumbler certs issue-client`']),
    `  PyKMIP   python3 -c "from kmip.pie.client import ProxyKmipClient as C; c=C(hostname='${shownHost}', port=${server.port}, cert='${first.cert}', key='${first.key}', ca='${ca}'); c.open(); print(c.create(__import__('kmip').enums.CryptographicAlgorithm.AES, 256)); c.close()"`,
    '',
  ];
  return lines.join('\n');
}

export async function runServe(o: ServeOptions): Promise<void> {
  const dir = path.resolve(o.dir);
  if (o.port !== undefined && !/^\d+$/.test(o.port)) throw new CliError(`--port must be a number, got "${o.port}"`, EXIT.USAGE);
  if (o.init && !isInitialised(dir)) {
    try {
      const r = await initServerDir({
        dir,
        host: o.host,
        port: o.port === undefined ? undefined : Number(o.port),
        // First run on a machine with SoftHSM2: create the token, so the default hsm.mode "auto" uses it.
        setupHsm: (config, hsmDir) => {
          if (isSoftHsmInstalled()) setupSoftHsmToken(hsmDir, { label: config.hsm.tokenLabel });
        },
      });
      process.stdout.write(`initialised ${r.dir} (first run)\n`);
    } catch (err) {
      if (err instanceof AlreadyInitialisedError || err instanceof ConfigError) throw new CliError(err.message, EXIT.USAGE);
      throw err;
    }
  }
  const overrides: ConfigOverrides = {};
  if (o.host !== undefined || o.port !== undefined) {
    overrides.server = { ...(o.host !== undefined ? { host: o.host } : {}), ...(o.port !== undefined ? { port: Number(o.port) } : {}) };
  }
  let started;
  try {
    started = await serveForever({ dir, overrides });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.USAGE);
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new CliError(`cannot listen: ${(err as Error).message}`, EXIT.UNAVAILABLE);
    if ((err as Error).name === 'CryptoUnavailableError') throw new CliError(`HSM unavailable: ${(err as Error).message}`, EXIT.UNAVAILABLE);
    throw err;
  }
  process.stdout.write(banner(started.server, dir));
  await started.stopped;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the KMIP server (mutual TLS) until SIGTERM or SIGINT')
    .requiredOption('--dir <dir>', 'server directory (holds tumbler.json)')
    .option('--init', 'initialise the directory first when it has no tumbler.json')
    .option('--host <host>', 'listen address (overrides server.host)')
    .option('--port <port>', 'TCP port (overrides server.port)')
    .action((o: ServeOptions) => runServe(o));
}
