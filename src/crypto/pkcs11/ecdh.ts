/**
 * ECDH in the HSM (CKM_ECDH1_DERIVE, no KDF: CKD_NULL). The shared secret Z becomes a generic-secret session
 * object that is wrapped under the KEK like any generated key; it never leaves the HSM unwrapped. Asked for
 * fewer bytes than Z has, SoftHSM2 keeps the last (least significant) ones; the software provider does the same.
 */
import * as nodeCrypto from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import { curveByOid, CURVES } from '../common';
import { invalidField, notSupported } from '../errors';
import { curveOfKey, validateMaterial } from '../material';
import { sessionKeyTemplate } from './keys';

const P = pkcs11js;

/** Uncompressed point 04||x||y of an EC SubjectPublicKeyInfo, after checking it lies on `curve`. */
function peerPoint(spki: Buffer, curve: string): Buffer {
  const key = validateMaterial({ keyClass: 'public', algorithm: 'EC' }, spki) as nodeCrypto.KeyObject;
  if (curveOfKey(key) !== curve) throw invalidField(`ECDH needs the peer public key on ${curve}`);
  const jwk = key.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]);
}

/** Derives Z (or its last lengthBytes bytes) with the EC private key h; returns the handle of an extractable, sensitive generic secret. */
export function hsmEcdh(
  mod: pkcs11js.PKCS11, session: pkcs11js.Handle, h: pkcs11js.Handle, peerSpki: Buffer, lengthBytes: number,
): pkcs11js.Handle {
  const [params] = mod.C_GetAttributeValue(session, h, [{ type: P.CKA_EC_PARAMS }]);
  const curve = curveByOid(params.value as Buffer);
  if (!curve) throw notSupported('ECDH on this curve is not supported');
  const zBytes = CURVES[curve].bytes;
  if (!Number.isInteger(lengthBytes) || lengthBytes < 1 || lengthBytes > zBytes) {
    throw invalidField(`ECDH on ${curve} yields ${zBytes} bytes; ${lengthBytes} were asked for`);
  }
  const template = sessionKeyTemplate({ keyClass: 'secret', algorithm: 'GENERIC' }, 'wrap', lengthBytes);
  template.push({ type: P.CKA_VALUE_LEN, value: lengthBytes });
  const ecdh: pkcs11js.ECDH1 = { type: P.CK_PARAMS_EC_DH, kdf: P.CKD_NULL, publicData: peerPoint(peerSpki, curve) };
  return mod.C_DeriveKey(session, { mechanism: P.CKM_ECDH1_DERIVE, parameter: ecdh }, h, template);
}
