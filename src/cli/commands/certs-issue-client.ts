/**
 * `tumbler certs issue-client NAME --dir DIR --out OUTDIR [--force]`: issue a client certificate
 * (CN=NAME, EKU clientAuth) from the server directory's development CA. Writes NAME.pem,
 * NAME-key.pem (mode 0600) and ca.pem into OUTDIR. The server identifies the client as NAME.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { certFingerprint, issueClientCert } from '../../certs';
import { CliError, EXIT } from '../errors';
import { writeFile } from '../init-dir';

export interface IssueClientOptions {
  name: string;
  dir: string;
  out: string;
  force?: boolean;
}

export interface IssuedClient {
  cert: string;
  key: string;
  ca: string;
  fingerprint: string;
}

/** Names end up in file names: keep them to a safe alphabet. */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function issueClientFiles(o: IssueClientOptions): IssuedClient {
  if (!NAME_RE.test(o.name)) {
    throw new CliError(`client name "${o.name}" must be 1-64 characters of letters, digits, '.', '_', '@', '-'`, EXIT.USAGE);
  }
  const dir = path.resolve(o.dir);
  const caCertFile = path.join(dir, 'ca.pem');
  const caKeyFile = path.join(dir, 'ca-key.pem');
  if (!fs.existsSync(caKeyFile) || !fs.existsSync(caCertFile)) {
    throw new CliError(`no development CA in ${dir} (ca.pem and ca-key.pem); run \`tumbler init --dir ${o.dir}\` or use your own CA`, EXIT.USAGE);
  }
  const out = path.resolve(o.out);
  const files = { cert: path.join(out, `${o.name}.pem`), key: path.join(out, `${o.name}-key.pem`), ca: path.join(out, 'ca.pem') };
  if (!o.force && (fs.existsSync(files.cert) || fs.existsSync(files.key))) {
    throw new CliError(`${files.cert} already exists; use --force to replace it`, EXIT.USAGE);
  }
  const ca = { certPem: fs.readFileSync(caCertFile, 'utf8'), keyPem: fs.readFileSync(caKeyFile, 'utf8') };
  const issued = issueClientCert(ca, o.name);
  fs.mkdirSync(out, { recursive: true, mode: 0o700 });
  writeFile(files.key, issued.keyPem, 0o600);
  writeFile(files.cert, issued.certPem, 0o644);
  writeFile(files.ca, ca.certPem, 0o644);
  return { ...files, fingerprint: certFingerprint(issued.certPem) };
}

export function register(program: Command): void {
  // `certs` may already exist if another command file added a sibling subcommand.
  const certs =
    program.commands.find((c) => c.name() === 'certs') ?? program.command('certs').description('development certificates');
  certs
    .command('issue-client')
    .description('issue a client certificate (CN=NAME) from the server directory CA')
    .argument('<name>', 'client identity (certificate CN)')
    .requiredOption('--dir <dir>', 'server directory holding ca.pem and ca-key.pem')
    .requiredOption('--out <outdir>', 'where to write NAME.pem, NAME-key.pem and ca.pem')
    .option('--force', 'replace existing files')
    .action((name: string, o: { dir: string; out: string; force?: boolean }) => {
      const r = issueClientFiles({ name, ...o });
      process.stdout.write(`issued client certificate for "${name}"\n  cert    ${r.cert}\n  key     ${r.key}\n  ca      ${r.ca}\n  sha256  ${r.fingerprint}\n`);
    });
}
