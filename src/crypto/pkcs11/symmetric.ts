/**
 * Block-cipher mechanisms for AES and 3DES in the HSM. Parameters are validated by the same function
 * the software provider uses, so both adapters accept and refuse the same requests.
 */
import * as pkcs11js from 'pkcs11js';
import type { CipherParams, DecipherParams, EncryptResult } from '../port';
import { blockCheck, checkSymmetricParams } from '../software/ops';
import { pkcs5Pad, pkcs5Unpad } from '../padding';
import { invalidField } from '../errors';

const P = pkcs11js;

interface Plan {
  mechanism: pkcs11js.Mechanism;
  /** PKCS#5 padding done here because the HSM has no padded variant of the mode (ECB). */
  softPad: boolean;
  block: number;
  gcmTag: number;
}

function plan(algorithm: 'AES' | 'DES3', p: CipherParams): Plan {
  const { mode, pad, tagLength } = checkSymmetricParams(algorithm, p);
  const aes = algorithm === 'AES';
  const block = aes ? 16 : 8;
  switch (mode) {
    case 'ECB':
      return { mechanism: { mechanism: aes ? P.CKM_AES_ECB : P.CKM_DES3_ECB }, softPad: pad, block, gcmTag: 0 };
    case 'CBC': {
      const m = aes ? (pad ? P.CKM_AES_CBC_PAD : P.CKM_AES_CBC) : pad ? P.CKM_DES3_CBC_PAD : P.CKM_DES3_CBC;
      return { mechanism: { mechanism: m, parameter: Buffer.from(p.iv as Buffer) }, softPad: false, block, gcmTag: 0 };
    }
    case 'CTR': {
      // CK_AES_CTR_PARAMS { CK_ULONG ulCounterBits; CK_BYTE cb[16]; } — pkcs11js has no helper, so the
      // struct is laid out here (CK_ULONG is 8 bytes little-endian on 64-bit Linux). The whole block
      // counts, as in OpenSSL's aes-*-ctr.
      const params = Buffer.alloc(24);
      params.writeBigUInt64LE(128n, 0);
      (p.iv as Buffer).copy(params, 8);
      return { mechanism: { mechanism: P.CKM_AES_CTR, parameter: params }, softPad: false, block, gcmTag: 0 };
    }
    case 'GCM': {
      const iv = p.iv as Buffer;
      const gcm: pkcs11js.AesGCM = { type: P.CK_PARAMS_AES_GCM_v240, iv, ivBits: iv.length * 8, tagBits: tagLength * 8 };
      if (p.aad?.length) gcm.aad = p.aad;
      return { mechanism: { mechanism: P.CKM_AES_GCM, parameter: gcm }, softPad: false, block, gcmTag: tagLength };
    }
    default:
      throw invalidField(`block cipher mode ${mode} is not supported`);
  }
}

export function hsmEncrypt(
  mod: pkcs11js.PKCS11, session: pkcs11js.Handle, key: pkcs11js.Handle, algorithm: 'AES' | 'DES3', data: Buffer, p: CipherParams,
): EncryptResult {
  const pl = plan(algorithm, p);
  blockCheck(algorithm, p.mode as string, p.padding === 'PKCS5', data.length, false);
  const input = pl.softPad ? pkcs5Pad(data, pl.block) : data;
  mod.C_EncryptInit(session, pl.mechanism, key);
  // pkcs11js refuses an empty input buffer; an empty GCM plaintext is all in C_EncryptFinal (the tag).
  const out = input.length === 0 && pl.gcmTag
    ? Buffer.from(mod.C_EncryptFinal(session, Buffer.alloc(32)))
    : Buffer.from(mod.C_Encrypt(session, input, Buffer.alloc(input.length + pl.block + 16)));
  if (pl.gcmTag) return { data: out.subarray(0, out.length - pl.gcmTag), tag: out.subarray(out.length - pl.gcmTag) };
  return { data: out };
}

export function hsmDecrypt(
  mod: pkcs11js.PKCS11, session: pkcs11js.Handle, key: pkcs11js.Handle, algorithm: 'AES' | 'DES3', data: Buffer, p: DecipherParams,
): Buffer {
  const pl = plan(algorithm, p);
  blockCheck(algorithm, p.mode as string, p.padding === 'PKCS5', data.length, true);
  let input = data;
  if (pl.gcmTag) {
    if (!p.tag || p.tag.length !== pl.gcmTag) throw invalidField(`GCM decryption needs an authentication tag of ${pl.gcmTag} bytes`);
    input = Buffer.concat([data, p.tag]);
  }
  mod.C_DecryptInit(session, pl.mechanism, key);
  const out = Buffer.from(mod.C_Decrypt(session, input, Buffer.alloc(input.length + pl.block)));
  return pl.softPad ? Buffer.from(pkcs5Unpad(out, pl.block)) : out;
}
