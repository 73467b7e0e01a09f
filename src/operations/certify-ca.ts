/**
 * The issuing authority of Certify / Re-certify: a server-owned RSA-2048 key generated inside the crypto
 * provider (it never leaves it unwrapped; certificates are signed with `crypto.sign`) and a self-signed CA
 * certificate for it. Both are kept in the store's metadata (the key only in its wrapped form), not as
 * managed objects, so no client can Get, change or destroy them. Created on first use; if its KEK is gone
 * (rotated away) a new authority is created.
 *
 * Not a production PKI (no CRLs, no chosen issuer): operators who need their own CA should register
 * certificates issued elsewhere.
 */
import type { WrappedKey } from '../crypto/port';
import type { OperationContext } from './types';
import { certificate, simpleName, tbsCertificate } from './x509-builder';

const META_KEY = 'certify-ca';
const CA_DAYS = 3650;
const DAY_MS = 86_400_000;

export interface IssuingCa {
  key: WrappedKey;
  cert: Buffer;
  name: Buffer;
}

interface Saved {
  kekId: string;
  wrapped: string;
  cert: string;
  name: string;
}

async function signWith(ctx: OperationContext, key: WrappedKey, tbs: Buffer): Promise<Buffer> {
  return ctx.crypto.sign(key, tbs, { hash: 'SHA-256', padding: 'PKCS1v15' });
}

async function createCa(ctx: OperationContext): Promise<IssuingCa> {
  const pair = await ctx.crypto.generateKeyPair({ algorithm: 'RSA', modulusBits: 2048 });
  const name = simpleName('Tumbler KMIP Certify CA', 'Tumbler', 'KMIP');
  const now = ctx.now();
  const tbs = tbsCertificate({
    issuer: name,
    subject: name,
    spki: pair.publicKey,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter: new Date(now.getTime() + CA_DAYS * DAY_MS),
    isCa: true,
  });
  const cert = certificate(tbs, await signWith(ctx, pair.privateKey, tbs));
  const saved: Saved = { kekId: pair.privateKey.kekId, wrapped: pair.privateKey.wrapped.toString('base64'), cert: cert.toString('base64'), name: name.toString('base64') };
  ctx.store.setMeta(META_KEY, JSON.stringify(saved));
  return { key: pair.privateKey, cert, name };
}

function load(ctx: OperationContext): IssuingCa | undefined {
  const raw = ctx.store.getMeta(META_KEY);
  if (!raw) return undefined;
  try {
    const s = JSON.parse(raw) as Saved;
    return { key: { kekId: s.kekId, wrapped: Buffer.from(s.wrapped, 'base64') }, cert: Buffer.from(s.cert, 'base64'), name: Buffer.from(s.name, 'base64') };
  } catch {
    return undefined;
  }
}

/** Sign a TBSCertificate built for this CA's Name; creates (or re-creates) the CA when needed. */
export async function issue(ctx: OperationContext, build: (issuer: Buffer) => Buffer): Promise<Buffer> {
  let ca = load(ctx);
  if (ca) {
    const tbs = build(ca.name);
    try {
      return certificate(tbs, await signWith(ctx, ca.key, tbs));
    } catch {
      ca = undefined; // the wrapping KEK is no longer known to the provider: start a new authority
    }
  }
  ca = await createCa(ctx);
  const tbs = build(ca.name);
  return certificate(tbs, await signWith(ctx, ca.key, tbs));
}

/** The CA certificate (DER), creating the authority if there is none yet. */
export async function caCertificate(ctx: OperationContext): Promise<Buffer> {
  return (load(ctx) ?? (await createCa(ctx))).cert;
}

/** The CA certificate (DER) if the authority exists; never creates one (Validate's trust anchor). */
export function existingCaCertificate(ctx: OperationContext): Buffer | undefined {
  return load(ctx)?.cert;
}
