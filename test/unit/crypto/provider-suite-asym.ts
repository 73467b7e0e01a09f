/**
 * Ed25519 (RFC 8032), ECDH (SP 800-56A, no KDF) and SHA-3 (FIPS 202) for every CryptoProvider adapter: the software provider
 * runs it in test/unit/crypto, the PKCS#11 provider against SoftHSM2 in test/integration/crypto.
 * Results are checked against node:crypto computing the same thing from the exported keys.
 */
import * as nodeCrypto from 'node:crypto';
import type { CryptoProvider, KeyPairResult, WrappedKey } from '../../../src/crypto/port';
import { CryptoError } from '../../../src/crypto/errors';
import { ResultReason } from '../../../src/kmip/enums';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** RFC 8032 §7.1 TEST 2. */
const RFC8032_SEED = hex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const RFC8032_PUB = hex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');
const RFC8032_MSG = hex('72');
const RFC8032_SIG = hex(
  '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
);
const PKCS8_PREFIX = hex('302e020100300506032b657004220420');

async function reason(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    return (e as CryptoError).reason;
  }
  throw new Error('expected a CryptoError');
}

export function providerSuiteAsym(name: string, get: () => CryptoProvider): void {
  describe(`${name}: Ed25519`, () => {
    let p: CryptoProvider;
    let pair: KeyPairResult;
    beforeAll(async () => {
      p = get();
      pair = await p.generateKeyPair({ algorithm: 'ED25519' });
    });

    test('generates a pair: SPKI public key, wrapped PKCS#8 private key of the same key', async () => {
      const pub = nodeCrypto.createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' });
      expect(pub.asymmetricKeyType).toBe('ed25519');
      expect(p.keySpec(pair.privateKey)).toEqual({ keyClass: 'private', algorithm: 'ED25519' });
      // The wrapped form is not the plaintext.
      expect(pair.privateKey.wrapped.includes(PKCS8_PREFIX)).toBe(false);
      const pkcs8 = await p.exportKey(pair.privateKey);
      const priv = nodeCrypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      expect(priv.asymmetricKeyType).toBe('ed25519');
      expect(nodeCrypto.createPublicKey(priv).export({ format: 'der', type: 'spki' })).toEqual(pair.publicKey);
    });

    test('signs (PureEdDSA) what node:crypto verifies, and verifies its own signatures', async () => {
      const data = Buffer.from('Tumbler signs with Ed25519');
      const sig = await p.sign(pair.privateKey, data, { hash: 'SHA-512' });
      expect(sig.length).toBe(64);
      expect(nodeCrypto.verify(null, data, nodeCrypto.createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' }), sig)).toBe(true);
      expect(await p.verify({ publicKey: pair.publicKey }, data, sig, { hash: 'SHA-512' })).toBe(true);
      const bad = Buffer.from(sig);
      bad[10] ^= 1;
      expect(await p.verify({ publicKey: pair.publicKey }, data, bad, { hash: 'SHA-512' })).toBe(false);
      expect(await p.verify({ publicKey: pair.publicKey }, Buffer.from('other data'), sig, { hash: 'SHA-512' })).toBe(false);
      expect(await p.verify({ publicKey: pair.publicKey }, data, sig.subarray(0, 63), { hash: 'SHA-512' })).toBe(false);
    });

    test('a second signature with the same key (cached signing object) is the same (EdDSA is deterministic)', async () => {
      const data = Buffer.from('twice');
      const a = await p.sign(pair.privateKey, data, { hash: 'SHA-512' });
      const b = await p.sign(pair.privateKey, data, { hash: 'SHA-512' });
      expect(b).toEqual(a);
    });

    test('RFC 8032 TEST 2: an imported key gives the known signature', async () => {
      const key = await p.importKey(Buffer.concat([PKCS8_PREFIX, RFC8032_SEED]), { keyClass: 'private', algorithm: 'ED25519' });
      expect(await p.sign(key, RFC8032_MSG, { hash: 'SHA-512' })).toEqual(RFC8032_SIG);
      const spki = Buffer.concat([hex('302a300506032b6570032100'), RFC8032_PUB]);
      expect(await p.verify({ publicKey: spki }, RFC8032_MSG, RFC8032_SIG, { hash: 'SHA-512' })).toBe(true);
      const exported = await p.exportKey(key);
      expect(exported.subarray(exported.length - 32)).toEqual(RFC8032_SEED);
    });

    test('Digested Data (Ed25519ph) is refused; an Ed25519 key is not an EC key', async () => {
      expect(await reason(p.sign(pair.privateKey, Buffer.alloc(64, 1), { hash: 'SHA-512', prehashed: true }))).toBe(ResultReason.FeatureNotSupported);
      const pkcs8 = await p.exportKey(pair.privateKey);
      expect(await reason(p.importKey(pkcs8, { keyClass: 'private', algorithm: 'EC' }))).toBe(ResultReason.InvalidField);
    });

    test('re-wrapped under another KEK, the key still signs the same', async () => {
      const data = Buffer.from('rewrap');
      const before = await p.sign(pair.privateKey, data, { hash: 'SHA-512' });
      const next = await p.createKek();
      const moved = await p.rewrap(pair.privateKey, next);
      expect(moved.kekId).toBe(next);
      expect(moved.wrapped.equals(pair.privateKey.wrapped)).toBe(false);
      expect(await p.sign(moved, data, { hash: 'SHA-512' })).toEqual(before);
    });
  });

  describe(`${name}: ECDH`, () => {
    let p: CryptoProvider;
    let a: KeyPairResult;
    let b: KeyPairResult;
    const nodeZ = async (priv: WrappedKey, peerSpki: Buffer): Promise<Buffer> => {
      const pkcs8 = await p.exportKey(priv);
      return nodeCrypto.diffieHellman({
        privateKey: nodeCrypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
        publicKey: nodeCrypto.createPublicKey({ key: peerSpki, format: 'der', type: 'spki' }),
      });
    };
    beforeAll(async () => {
      p = get();
      a = await p.generateKeyPair({ algorithm: 'EC', curve: 'P-256' });
      b = await p.generateKeyPair({ algorithm: 'EC', curve: 'P-256' });
    });

    test('both sides derive the same AES-256 key, which is Z, and it encrypts', async () => {
      const ab = await p.deriveEcdh(a.privateKey, b.publicKey, { keyClass: 'secret', algorithm: 'AES' }, 32);
      const ba = await p.deriveEcdh(b.privateKey, a.publicKey, { keyClass: 'secret', algorithm: 'AES' }, 32);
      expect(p.keySpec(ab)).toEqual({ keyClass: 'secret', algorithm: 'AES' });
      const kab = await p.exportKey(ab);
      expect(kab).toEqual(await p.exportKey(ba));
      expect(kab).toEqual(await nodeZ(a.privateKey, b.publicKey));
      const iv = Buffer.alloc(16, 7);
      const ct = await p.encrypt(ab, Buffer.alloc(32, 1), { mode: 'CBC', iv });
      expect(await p.decrypt(ba, ct.data, { mode: 'CBC', iv })).toEqual(Buffer.alloc(32, 1));
    });

    test('a shorter key is the last bytes of Z', async () => {
      const k = await p.deriveEcdh(a.privateKey, b.publicKey, { keyClass: 'secret', algorithm: 'AES' }, 16);
      const z = await nodeZ(a.privateKey, b.publicKey);
      expect(await p.exportKey(k)).toEqual(z.subarray(16));
    });

    test('secp256k1 (OASIS TC-DERIVEKEY-6-14) as a generic secret', async () => {
      const c = await p.generateKeyPair({ algorithm: 'EC', curve: 'secp256k1' });
      const d = await p.generateKeyPair({ algorithm: 'EC', curve: 'secp256k1' });
      const k = await p.deriveEcdh(c.privateKey, d.publicKey, { keyClass: 'secret', algorithm: 'GENERIC' }, 32);
      expect(await p.exportKey(k)).toEqual(await nodeZ(c.privateKey, d.publicKey));
    });

    test('refuses: peer on another curve, more bytes than Z, a bad AES length, an Ed25519 private or public key', async () => {
      const other = await p.generateKeyPair({ algorithm: 'EC', curve: 'P-384' });
      const aes = { keyClass: 'secret', algorithm: 'AES' } as const;
      expect(await reason(p.deriveEcdh(a.privateKey, other.publicKey, aes, 32))).toBe(ResultReason.InvalidField);
      expect(await reason(p.deriveEcdh(a.privateKey, b.publicKey, { keyClass: 'secret', algorithm: 'GENERIC' }, 33))).toBe(ResultReason.InvalidField);
      expect(await reason(p.deriveEcdh(a.privateKey, b.publicKey, aes, 20))).toBe(ResultReason.InvalidField);
      const ed = await p.generateKeyPair({ algorithm: 'ED25519' });
      expect(await reason(p.deriveEcdh(ed.privateKey, b.publicKey, aes, 32))).toBe(ResultReason.InvalidField);
      expect(await reason(p.deriveEcdh(a.privateKey, ed.publicKey, aes, 32))).toBe(ResultReason.InvalidField);
    });
  });

  describe(`${name}: SHA-3`, () => {
    let p: CryptoProvider;
    beforeAll(() => {
      p = get();
    });

    test('Hash: FIPS 202 "abc" known answers', async () => {
      const abc = Buffer.from('abc');
      expect((await p.hash(abc, 'SHA3-256')).toString('hex')).toBe('3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532');
      expect((await p.hash(abc, 'SHA3-512')).toString('hex')).toBe(
        'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0',
      );
      expect((await p.hash(abc, 'SHA3-224')).length).toBe(28);
      expect((await p.hash(abc, 'SHA3-384')).length).toBe(48);
    });

    test('HMAC-SHA3-256 and -512 agree with node:crypto', async () => {
      const raw = nodeCrypto.randomBytes(32);
      const key = await p.importKey(raw, { keyClass: 'secret', algorithm: 'HMAC' });
      const data = Buffer.from('mac me');
      for (const [hash, node] of [['SHA3-256', 'sha3-256'], ['SHA3-512', 'sha3-512']] as const) {
        expect(await p.mac(key, data, { algorithm: 'HMAC', hash })).toEqual(nodeCrypto.createHmac(node, raw).update(data).digest());
      }
    });

    test('RSA PKCS#1 v1.5 and ECDSA with SHA3-256 verify with node:crypto and with the provider', async () => {
      const data = Buffer.from('sign with sha3');
      for (const spec of [{ algorithm: 'RSA', modulusBits: 2048 }, { algorithm: 'EC', curve: 'P-256' }] as const) {
        const pair = await p.generateKeyPair(spec);
        const params = { hash: 'SHA3-256' as const, padding: spec.algorithm === 'RSA' ? ('PKCS1v15' as const) : undefined };
        const sig = await p.sign(pair.privateKey, data, params);
        const pub = nodeCrypto.createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' });
        expect(nodeCrypto.verify('sha3-256', data, pub, sig)).toBe(true);
        expect(nodeCrypto.verify('sha256', data, pub, sig)).toBe(false);
        expect(await p.verify({ publicKey: pair.publicKey }, data, sig, params)).toBe(true);
        const digest = nodeCrypto.createHash('sha3-256').update(data).digest();
        const sig2 = await p.sign(pair.privateKey, digest, { ...params, prehashed: true });
        expect(nodeCrypto.verify('sha3-256', data, pub, sig2)).toBe(true);
      }
    });
  });
}
