/**
 * Key-pair generation in the HSM: RSA and EC with C_GenerateKeyPair (on the libuv pool, a few at a time),
 * Ed25519 through eddsa.ts. The private key leaves the token only wrapped under the KEK; both session
 * objects are destroyed afterwards.
 */
import * as pkcs11js from 'pkcs11js';
import type { KeyPairResult, KeyPairSpec, KeySpec } from '../port';
import { curveInfo } from '../common';
import { notSupported } from '../errors';
import { checkRsaSpec } from '../software/provider';
import type { HsmContext } from './context';
import { ckrName } from './errors';
import { readPublicKeySpki, sessionKeyTemplate } from './keys';
import { generateEd25519 } from './eddsa';

const P = pkcs11js;

export async function hsmGenerateKeyPair(hsm: HsmContext, spec: KeyPairSpec): Promise<KeyPairResult> {
  if (spec.algorithm === 'ED25519') return generateEd25519Pair(hsm);
  let mech: number;
  let pub: pkcs11js.Template;
  if (spec.algorithm === 'RSA') {
    checkRsaSpec(spec.modulusBits, spec.publicExponent);
    const e = Buffer.alloc(4);
    e.writeUInt32BE(spec.publicExponent ?? 65537);
    let i = 0;
    while (e[i] === 0) i++;
    mech = P.CKM_RSA_PKCS_KEY_PAIR_GEN;
    pub = [{ type: P.CKA_MODULUS_BITS, value: spec.modulusBits }, { type: P.CKA_PUBLIC_EXPONENT, value: e.subarray(i) }];
  } else if (spec.algorithm === 'EC') {
    mech = P.CKM_EC_KEY_PAIR_GEN;
    pub = [{ type: P.CKA_EC_PARAMS, value: curveInfo(spec.curve).oidDer }];
  } else {
    throw notSupported(`key pair algorithm ${(spec as { algorithm: string }).algorithm} is not supported`);
  }
  pub.push({ type: P.CKA_TOKEN, value: false }, { type: P.CKA_VERIFY, value: true });
  const privSpec: KeySpec = { keyClass: 'private', algorithm: spec.algorithm };
  const priv = sessionKeyTemplate(privSpec, 'wrap').filter((a) => a.type !== P.CKA_CLASS && a.type !== P.CKA_KEY_TYPE);
  // A generation holds a pooled session (and a CPU core) for up to seconds: only a few at a time, so
  // that sessions and cores stay free for the short calls (Get, Encrypt) of everyone else.
  await hsm.keyPairSlots.acquire();
  try {
    return await hsm.pool.use('generating a key pair', async (s) => {
      // RSA generation takes up to seconds: the async variant runs on the libuv pool, not the event loop.
      const pair = await hsm.mod.C_GenerateKeyPairAsync(s.handle, { mechanism: mech }, pub, priv);
      try {
        return {
          publicKey: readPublicKeySpki(hsm.mod, s.handle, pair.publicKey, spec.algorithm),
          privateKey: hsm.keys.wrapObject(s, pair.privateKey, privSpec, 0),
        };
      } finally {
        hsm.keys.destroy(s, pair.privateKey);
        hsm.keys.destroy(s, pair.publicKey);
      }
    });
  } finally {
    hsm.keyPairSlots.release();
  }
}

/** Ed25519 in the HSM; the private key is carried as PKCS#8 in a wrapped generic secret (eddsa.ts). */
async function generateEd25519Pair(hsm: HsmContext): Promise<KeyPairResult> {
  const privSpec: KeySpec = { keyClass: 'private', algorithm: 'ED25519' };
  return hsm.pool.use('generating a key pair', async (s) => {
    let pair: { spki: Buffer; pkcs8: Buffer };
    try {
      pair = await generateEd25519(hsm.mod, s.handle);
    } catch (e) {
      if (ckrName(e) === 'CKR_MECHANISM_INVALID') throw notSupported('this HSM offers no Ed25519 (CKM_EC_EDWARDS_KEY_PAIR_GEN)');
      throw e;
    }
    const { spki, pkcs8 } = pair;
    try {
      return { publicKey: spki, privateKey: hsm.keys.wrapCarried(s, privSpec, pkcs8) };
    } finally {
      pkcs8.fill(0);
    }
  });
}
