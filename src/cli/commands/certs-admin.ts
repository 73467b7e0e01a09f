/**
 * `tumbler certs list|revoke|sign-csr --dir DIR` (`certs issue-client` is in certs-issue-client.ts):
 *   list      client certificates in DIR/clients (and DIR/clients/signed), with expiry and revocation status
 *   revoke    NAME | FINGERPRINT (or a prefix of at least 8 hex digits) | FILE.pem: add the certificate to
 *             DIR/revoked-clients.json; the listener refuses it at the next handshake (no restart)
 *   sign-csr  CSR.pem --out CERT.pem: sign an RSA certificate request with the directory's development CA
 *             (subject taken from the request, EKU clientAuth); a copy goes to DIR/clients/signed
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { X509Certificate, createHash } from 'node:crypto';
import forge from 'node-forge';
import type { Command } from 'commander';
import { addRevocations, readRevocations, revokedFilePath, type RevokedEntry } from '../../auth';
import { CliError, EXIT } from '../errors';
import { auditAction, withSession } from '../admin-session';
import { printJson, printTable } from '../output';

export interface CertEntry {
  name: string;
  file: string;
  fingerprint: string;
  serial: string;
  subject: string;
  notAfter: string;
  status: 'valid' | 'expired' | 'revoked';
}

function certFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of [path.join(dir, 'clients'), path.join(dir, 'clients', 'signed')]) {
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) {
      if (f.endsWith('.pem') && !f.endsWith('-key.pem') && f !== 'ca.pem') out.push(path.join(d, f));
    }
  }
  return out;
}

function entryOf(file: string, revoked: Set<string>, now = Date.now()): CertEntry | undefined {
  let c: X509Certificate;
  try {
    c = new X509Certificate(fs.readFileSync(file));
  } catch {
    return undefined;
  }
  const fingerprint = createHash('sha256').update(c.raw).digest('hex');
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(c.subject)?.[1] ?? path.basename(file, '.pem');
  const status = revoked.has(fingerprint) ? 'revoked' : Date.parse(c.validTo) < now ? 'expired' : 'valid';
  return { name: cn, file, fingerprint, serial: c.serialNumber, subject: c.subject.replace(/\n/g, ', '), notAfter: new Date(c.validTo).toISOString(), status };
}

export function listCerts(dir: string): CertEntry[] {
  const revoked = new Set(readRevocations(revokedFilePath(dir)).map((r) => r.fingerprint));
  return certFiles(path.resolve(dir)).map((f) => entryOf(f, revoked)).filter((e): e is CertEntry => e !== undefined);
}

/** Certificates named by NAME, fingerprint (prefix >= 8 hex) or PEM file. */
function resolveTargets(dir: string, what: string): CertEntry[] {
  if (fs.existsSync(what) && fs.statSync(what).isFile()) {
    const e = entryOf(what, new Set());
    if (!e) throw new CliError(`${what} is not a PEM certificate`, EXIT.PARSE);
    return [e];
  }
  const all = listCerts(dir);
  const fp = what.toLowerCase().replace(/:/g, '');
  const matches = /^[0-9a-f]{8,64}$/.test(fp) ? all.filter((e) => e.fingerprint.startsWith(fp)) : all.filter((e) => e.name === what);
  if (matches.length === 0) throw new CliError(`no client certificate named or fingerprinted "${what}" in ${dir}/clients (give the PEM file instead)`, EXIT.USAGE);
  return matches;
}

function signCsr(dir: string, csrPem: string, days: number): string {
  const caCert = path.join(dir, 'ca.pem');
  const caKey = path.join(dir, 'ca-key.pem');
  if (!fs.existsSync(caCert) || !fs.existsSync(caKey)) throw new CliError(`no development CA in ${dir} (ca.pem and ca-key.pem)`, EXIT.USAGE);
  let csr: ReturnType<typeof forge.pki.certificationRequestFromPem>;
  try {
    csr = forge.pki.certificationRequestFromPem(csrPem);
  } catch (err) {
    throw new CliError(`the certificate request cannot be read (PEM, RSA key): ${(err as Error).message}`, EXIT.PARSE);
  }
  if (!csr.verify()) throw new CliError('the certificate request signature does not verify', EXIT.PARSE);
  if (!csr.subject.getField('CN')) throw new CliError('the certificate request has no CN: the server would not know who the client is', EXIT.USAGE);
  const ca = forge.pki.certificateFromPem(fs.readFileSync(caCert, 'utf8'));
  const key = forge.pki.privateKeyFromPem(fs.readFileSync(caKey, 'utf8'));
  const cert = forge.pki.createCertificate();
  cert.publicKey = csr.publicKey as forge.pki.rsa.PublicKey;
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 5 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + days * 24 * 3600 * 1000);
  cert.setSubject(csr.subject.attributes);
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

export function register(program: Command): void {
  const certs = program.commands.find((c) => c.name() === 'certs') ?? program.command('certs').description('development certificates');
  certs
    .command('list')
    .description('client certificates of the server directory, with expiry and revocation status')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--json', 'JSON instead of a table')
    .action((o: { dir: string; json?: boolean }) => {
      const list = listCerts(o.dir);
      if (o.json) printJson(list);
      else printTable(['NAME', 'STATUS', 'EXPIRES', 'SERIAL', 'SHA-256', 'FILE'], list.map((e) => [e.name, e.status, e.notAfter, e.serial, e.fingerprint.slice(0, 16) + '…', e.file]), '(no client certificates)');
    });
  certs
    .command('revoke')
    .description('revoke a client certificate: refused at the TLS handshake from now on')
    .argument('<cert>', 'certificate name (CN), SHA-256 fingerprint (or 8+ hex prefix), or PEM file')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--reason <text>', 'reason recorded with the revocation', 'unspecified')
    .option('--json', 'print the revoked entries as JSON')
    .action(async (what: string, o: { dir: string; reason: string; json?: boolean }) => {
      const targets = resolveTargets(o.dir, what);
      await withSession(o.dir, {}, async (s) => {
        const entries: RevokedEntry[] = targets.map((t) => ({
          fingerprint: t.fingerprint, serial: t.serial, subject: t.subject, reason: o.reason, revokedAt: new Date().toISOString(), revokedBy: s.actor.principal,
        }));
        // Audit first: if the record cannot be written the revocation is not made (fail closed).
        await auditAction(s, 'certs-revoke', [], true, entries.map((e) => `${e.subject} sha256=${e.fingerprint}`).join('; '));
        addRevocations(revokedFilePath(o.dir), entries);
        if (o.json) printJson(entries);
        else for (const e of entries) process.stdout.write(`revoked ${e.subject} (sha256 ${e.fingerprint})\n`);
      });
    });
  certs
    .command('sign-csr')
    .description('sign a client certificate request (RSA) with the directory CA')
    .argument('<csr>', 'PKCS#10 request, PEM')
    .requiredOption('--dir <dir>', 'server directory holding ca.pem and ca-key.pem')
    .requiredOption('--out <file>', 'where to write the certificate (PEM)')
    .option('--days <n>', 'validity in days', '825')
    .option('--force', 'replace an existing --out file')
    .option('--json', 'print the certificate facts as JSON')
    .action(async (csrFile: string, o: { dir: string; out: string; days: string; force?: boolean; json?: boolean }) => {
      if (!/^\d+$/.test(o.days) || Number(o.days) < 1 || Number(o.days) > 3650) throw new CliError('--days must be 1..3650', EXIT.USAGE);
      if (fs.existsSync(o.out) && !o.force) throw new CliError(`${o.out} already exists; use --force to replace it`, EXIT.USAGE);
      let csrPem: string;
      try {
        csrPem = fs.readFileSync(csrFile, 'utf8');
      } catch (err) {
        throw new CliError(`cannot read ${csrFile}: ${(err as Error).message}`, EXIT.USAGE);
      }
      const dir = path.resolve(o.dir);
      const pem = signCsr(dir, csrPem, Number(o.days));
      const facts = entryOf2(pem);
      await withSession(o.dir, {}, async (s) => {
        await auditAction(s, 'certs-sign-csr', [], true, `${facts.subject} sha256=${facts.fingerprint}`);
      });
      fs.writeFileSync(o.out, pem, { mode: 0o644 });
      const signedDir = path.join(dir, 'clients', 'signed');
      fs.mkdirSync(signedDir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(signedDir, `${facts.name.replace(/[^A-Za-z0-9._@-]/g, '_')}-${facts.serial}.pem`), pem, { mode: 0o644 });
      if (o.json) printJson({ ...facts, file: path.resolve(o.out) });
      else process.stdout.write(`signed ${facts.subject}\n  cert    ${path.resolve(o.out)}\n  sha256  ${facts.fingerprint}\n`);
    });
}

function entryOf2(pem: string): { name: string; subject: string; serial: string; fingerprint: string } {
  const c = new X509Certificate(pem);
  return {
    name: /(?:^|\n)CN=([^\n]+)/.exec(c.subject)?.[1] ?? '',
    subject: c.subject.replace(/\n/g, ', '),
    serial: c.serialNumber,
    fingerprint: createHash('sha256').update(c.raw).digest('hex'),
  };
}
