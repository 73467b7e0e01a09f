/**
 * MAC in the HSM: HMAC (SHA-1/2) and CMAC (AES, 3DES) with C_Sign. HMAC keys the token cannot take (too
 * short, or not a whole number of bytes) are unwrapped in the HSM and the MAC is computed in software.
 */
import * as pkcs11js from 'pkcs11js';
import type { MacParams, WrappedKey } from '../port';
import { decodeBlob } from '../blob';
import { hashInfo, type SecretAlgorithm } from '../common';
import { invalidField } from '../errors';
import { softMac } from '../software/ops';
import type { HsmContext } from './context';
import { ckrName } from './errors';
import { hashMechanisms, hasHashMechanisms } from './mechanisms';
import type { PooledSession } from './session-pool';
import { CARRIER } from './hsm-keys';

const P = pkcs11js;

export async function hsmMac(hsm: HsmContext, key: WrappedKey, data: Buffer, params: MacParams): Promise<Buffer> {
  const { spec, length } = decodeBlob(key.wrapped);
  if (spec.keyClass !== 'secret') throw invalidField('MAC needs a secret key');
  let mech = 0;
  if (params.algorithm === 'HMAC') {
    hashInfo(params.hash);
    if (hasHashMechanisms(params.hash)) mech = hashMechanisms(params.hash).hmac;
  } else {
    if (spec.algorithm !== 'AES' && spec.algorithm !== 'DES3') throw invalidField(`CMAC needs an AES or 3DES key, not ${spec.algorithm}`);
    mech = spec.algorithm === 'AES' ? P.CKM_AES_CMAC : P.CKM_DES3_CMAC;
  }
  const inSoftware = (s: PooledSession): Buffer => {
    // HMAC keys the HSM cannot take (below its minimum size, or not a multiple of 8 bytes, which
    // SoftHSM2 would unwrap with padding): unwrapped in the HSM, MAC computed in software.
    const plain = hsm.keys.exportIn(s, key);
    try {
      return softMac(spec.algorithm as SecretAlgorithm, plain, data, params);
    } finally {
      plain.fill(0);
    }
  };
  if (params.algorithm === 'HMAC' && (length % 8 !== 0 || !hasHashMechanisms(params.hash))) return hsm.pool.use('computing a MAC', inSoftware);
  const generic = params.algorithm === 'HMAC' && spec.algorithm !== 'HMAC' && spec.algorithm !== 'GENERIC' ? CARRIER : undefined;
  return hsm.keys.withKey('computing a MAC', key, (s, h) => {
    try {
      hsm.mod.C_SignInit(s.handle, { mechanism: mech }, h);
    } catch (e) {
      if (params.algorithm === 'HMAC' && ckrName(e) === 'CKR_KEY_SIZE_RANGE') return inSoftware(s);
      throw e;
    }
    return Buffer.from(hsm.mod.C_Sign(s.handle, data, Buffer.alloc(64)));
  }, generic);
}
