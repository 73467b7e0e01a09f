/**
 * `tumbler init --dir DIR [--host H] [--port N] [--force]`: create a ready-to-run server directory
 * (configuration, development CA, server certificate, a first client certificate, store directory).
 */
import type { Command } from 'commander';
import { ConfigError } from '../../config/load';
import { CliError, EXIT } from '../errors';
import { AlreadyInitialisedError, initServerDir, setupSoftHsmIfInstalled, type InitResult } from '../init-dir';

export interface InitCommandOptions {
  dir: string;
  host?: string;
  port?: string;
  force?: boolean;
  san?: string[];
}

export async function runInit(o: InitCommandOptions): Promise<InitResult> {
  let port: number | undefined;
  if (o.port !== undefined) {
    if (!/^\d+$/.test(o.port)) throw new CliError(`--port must be a number, got "${o.port}"`, EXIT.USAGE);
    port = Number(o.port);
  }
  const hostnames: string[] = [];
  const ips: string[] = [];
  for (const s of o.san ?? []) (/^[\d.]+$|:/.test(s) ? ips : hostnames).push(s);
  try {
    return await initServerDir({ dir: o.dir, host: o.host, port, force: o.force, hostnames, ips, setupHsm: setupSoftHsmIfInstalled });
  } catch (err) {
    if (err instanceof AlreadyInitialisedError) throw new CliError(err.message, EXIT.USAGE);
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.USAGE);
    throw err;
  }
}

export function register(program: Command): void {
  program
    .command('init')
    .description('create a ready-to-run server directory: tumbler.json, development CA, server and admin client certificates')
    .requiredOption('--dir <dir>', 'server directory to create')
    .option('--host <host>', 'address to listen on (server.host)')
    .option('--port <port>', 'TCP port (server.port, default 5696)')
    .option('--san <name...>', 'extra DNS names or IP addresses for the server certificate')
    .option('--force', 'overwrite an initialised directory (creates a NEW CA)')
    .action(async (o: InitCommandOptions) => {
      const r = await runInit(o);
      process.stdout.write(
        [
          `initialised ${r.dir}`,
          `  config          ${r.configFile}`,
          `  CA              ${r.caCert} (key ${r.caKey})`,
          `  server cert     ${r.serverCert} (RSA), ${r.serverEcdsaCert} (ECDSA P-256)`,
          `  client cert     ${r.adminCert} (key ${r.adminKey}, CA ${r.clientCa})`,
          `  client sha256   ${r.adminFingerprint}`,
          `  store           ${r.storePath}`,
          `start it with: tumbler serve --dir ${r.dir}`,
          '',
        ].join('\n'),
      );
    });
}
