/**
 * One behaviour suite for every CryptoProvider adapter: known-answer tests (NIST SP 800-38A, the GCM
 * specification's test cases, RFC 4231 HMAC, RFC 4493 CMAC), round trips and refusals. The software
 * provider runs it in test/unit/crypto, the PKCS#11 provider against SoftHSM2 in test/integration/crypto.
 */
import * as nodeCrypto from 'node:crypto';
import type { CryptoProvider, WrappedKey } from '../../../src/crypto/port';
import { CryptoError } from '../../../src/crypto/errors';
import { ResultReason } from '../../../src/kmip/enums';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

const K128 = hex('2b7e151628aed2a6abf7158809cf4f3c');
const K256 = hex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
const PT1 = hex('6bc1bee22e409f96e93d7e117393172a');

export function providerSuite(name: string, get: () => CryptoProvider): void {
  describe(`${name}: known-answer tests`, () => {
    let p: CryptoProvider;
    let k128: WrappedKey;
    let k256: WrappedKey;
    beforeAll(async () => {
      p = get();
      k128 = await p.importKey(K128, { keyClass: 'secret', algorithm: 'AES' });
      k256 = await p.importKey(K256, { keyClass: 'secret', algorithm: 'AES' });
    });

    test('AES-128 ECB (SP 800-38A F.1.1)', async () => {
      const r = await p.encrypt(k128, PT1, { mode: 'ECB' });
      expect(r.data.toString('hex')).toBe('3ad77bb40d7a3660a89ecaf32466ef97');
      expect(await p.decrypt(k128, r.data, { mode: 'ECB' })).toEqual(PT1);
    });

    test('AES-256 ECB (SP 800-38A F.1.5)', async () => {
      const r = await p.encrypt(k256, PT1, { mode: 'ECB' });
      expect(r.data.toString('hex')).toBe('f3eed1bdb5d2a03c064b5a7e3db181f8');
    });

    test('AES-128 CBC (SP 800-38A F.2.1)', async () => {
      const iv = hex('000102030405060708090a0b0c0d0e0f');
      const r = await p.encrypt(k128, PT1, { mode: 'CBC', iv });
      expect(r.data.toString('hex')).toBe('7649abac8119b246cee98e9b12e9197d');
      expect(await p.decrypt(k128, r.data, { mode: 'CBC', iv })).toEqual(PT1);
    });

    test('AES-128 CTR (SP 800-38A F.5.1)', async () => {
      const iv = hex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');
      const r = await p.encrypt(k128, PT1, { mode: 'CTR', iv });
      expect(r.data.toString('hex')).toBe('874d6191b620e3261bef6864990db6ce');
      expect(await p.decrypt(k128, r.data, { mode: 'CTR', iv })).toEqual(PT1);
    });

    test('AES-128 GCM with AAD (GCM spec test case 4)', async () => {
      const key = await p.importKey(hex('feffe9928665731c6d6a8f9467308308'), { keyClass: 'secret', algorithm: 'AES' });
      const iv = hex('cafebabefacedbaddecaf888');
      const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
      const pt = hex(`d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39`);
      const r = await p.encrypt(key, pt, { mode: 'GCM', iv, aad, tagLength: 16 });
      expect(r.data.toString('hex')).toBe(
        '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091',
      );
      expect(r.tag?.toString('hex')).toBe('5bc94fbc3221a5db94fae95ae7121a47');
      expect(await p.decrypt(key, r.data, { mode: 'GCM', iv, aad, tag: r.tag })).toEqual(pt);
      const badTag = Buffer.from(r.tag as Buffer);
      badTag[0] ^= 1;
      await expect(p.decrypt(key, r.data, { mode: 'GCM', iv, aad, tag: badTag })).rejects.toMatchObject({
        reason: ResultReason.CryptographicFailure,
      });
    });

    test('AES-128 GCM with a 64-bit IV (GCM spec test case 5)', async () => {
      const key = await p.importKey(hex('feffe9928665731c6d6a8f9467308308'), { keyClass: 'secret', algorithm: 'AES' });
      const iv = hex('cafebabefacedbad');
      const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
      const pt = hex(`d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39`);
      const r = await p.encrypt(key, pt, { mode: 'GCM', iv, aad });
      expect(r.data.toString('hex')).toBe(
        '61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598',
      );
      expect(r.tag?.toString('hex')).toBe('3612d2e79e3b0785561be14aaca2fccb');
    });

    test('AES-128 GCM with empty plaintext (GCM spec test case 1)', async () => {
      const key = await p.importKey(Buffer.alloc(16), { keyClass: 'secret', algorithm: 'AES' });
      const r = await p.encrypt(key, Buffer.alloc(0), { mode: 'GCM', iv: Buffer.alloc(12) });
      expect(r.data.length).toBe(0);
      expect(r.tag?.toString('hex')).toBe('58e2fccefa7e3061367f1d57a4e7455a');
      expect((await p.decrypt(key, Buffer.alloc(0), { mode: 'GCM', iv: Buffer.alloc(12), tag: r.tag })).length).toBe(0);
    });

    test('ChaCha20 (original 64-bit nonce, zero key) and ChaCha20-Poly1305 (RFC 8439 §2.8.2)', async () => {
      const zero = await p.importKey(Buffer.alloc(32));
      const r = await p.encrypt(zero, Buffer.alloc(64), { cipher: 'CHACHA20', iv: Buffer.alloc(8) });
      expect(r.data.toString('hex')).toBe(
        '76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586',
      );
      expect(await p.decrypt(zero, r.data, { cipher: 'CHACHA20', iv: Buffer.alloc(8) })).toEqual(Buffer.alloc(64));
      const key = await p.importKey(hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f'));
      const pt = Buffer.from("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
      const iv = hex('070000004041424344454647');
      const aad = hex('50515253c0c1c2c3c4c5c6c7');
      const e = await p.encrypt(key, pt, { cipher: 'CHACHA20-POLY1305', iv, aad });
      expect(e.data.subarray(0, 16).toString('hex')).toBe('d31a8d34648e60db7b86afbc53ef7ec2');
      expect(e.tag?.toString('hex')).toBe('1ae10b594f09e26a7e902ecbd0600691');
      expect(await p.decrypt(key, e.data, { cipher: 'CHACHA20-POLY1305', iv, aad, tag: e.tag })).toEqual(pt);
      expect(await p.decrypt(key, e.data, { cipher: 'CHACHA20-POLY1305', iv, aad, tag: e.tag?.subarray(0, 12) })).toEqual(pt);
      const bad = Buffer.from(e.data);
      bad[0] ^= 1;
      await expect(p.decrypt(key, bad, { cipher: 'CHACHA20-POLY1305', iv, aad, tag: e.tag })).rejects.toMatchObject({
        reason: ResultReason.CryptographicFailure,
      });
    });

    test('HMAC-SHA256 with AES key material (the key type does not limit HMAC)', async () => {
      const key = await p.importKey(hex('0123456789abcdef0123456789abcdef'), { keyClass: 'secret', algorithm: 'AES' });
      const data = hex('01020304050607080910111213141516');
      const expected = nodeCrypto.createHmac('sha256', hex('0123456789abcdef0123456789abcdef')).update(data).digest();
      expect(await p.mac(key, data, { algorithm: 'HMAC', hash: 'SHA-256' })).toEqual(expected);
      expect((await p.mac(key, data, { algorithm: 'CMAC' })).length).toBe(16);
    });

    test('HMAC-SHA256 and HMAC-SHA512 (RFC 4231 test case 2)', async () => {
      const key = await p.importKey(Buffer.from('Jefe'), { keyClass: 'secret', algorithm: 'HMAC' });
      const data = Buffer.from('what do ya want for nothing?');
      expect((await p.mac(key, data, { algorithm: 'HMAC', hash: 'SHA-256' })).toString('hex')).toBe(
        '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      );
      expect((await p.mac(key, data, { algorithm: 'HMAC', hash: 'SHA-512' })).toString('hex')).toBe(
        '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
      );
    });

    test('AES-CMAC (RFC 4493 examples 1-4)', async () => {
      const msg = hex(`6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51
                       30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710`);
      const cases: Array<[number, string]> = [
        [0, 'bb1d6929e95937287fa37d129b756746'],
        [16, '070a16b46b4d4144f79bdd9dd04a287c'],
        [40, 'dfa66747de9ae63030ca32611497c827'],
        [64, '51f0bebf7e3b9d92fc49741779363cfe'],
      ];
      for (const [len, tag] of cases) {
        expect((await p.mac(k128, msg.subarray(0, len), { algorithm: 'CMAC' })).toString('hex')).toBe(tag);
      }
    });

    test('SHA-256 of "abc" (FIPS 180-2)', async () => {
      expect((await p.hash(Buffer.from('abc'), 'SHA-256')).toString('hex')).toBe(
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      );
    });
  });

  describe(`${name}: keys and round trips`, () => {
    let p: CryptoProvider;
    beforeAll(() => {
      p = get();
    });

    test('generated AES keys have the requested length, are wrapped, and round-trip', async () => {
      for (const bits of [128, 192, 256]) {
        const k = await p.generateSecretKey('AES', bits);
        expect(p.keySpec(k)).toEqual({ keyClass: 'secret', algorithm: 'AES' });
        expect(k.kekId).toBe(p.currentKekId);
        const plain = await p.exportKey(k);
        expect(plain.length).toBe(bits / 8);
        expect(k.wrapped.includes(plain)).toBe(false);
        // The provider's ciphertext decrypts with node:crypto under the exported key.
        const iv = nodeCrypto.randomBytes(16);
        const { data } = await p.encrypt(k, Buffer.from('sixteen byte msg'), { mode: 'CBC', iv });
        const d = nodeCrypto.createDecipheriv(`aes-${bits}-cbc`, plain, iv);
        d.setAutoPadding(false);
        expect(Buffer.concat([d.update(data), d.final()]).toString()).toBe('sixteen byte msg');
      }
    });

    test('KMIP algorithm enum generation: AES and HMAC-SHA256, refusal of unsupported', async () => {
      const aes = await p.generateSymmetricKey(0x03, 256);
      expect((await p.exportKey(aes)).length).toBe(32);
      const hmac = await p.generateSymmetricKey(0x09, 256);
      expect(p.keySpec(hmac).algorithm).toBe('HMAC');
      await expect(p.generateSymmetricKey(0x03, 100)).rejects.toMatchObject({ reason: ResultReason.InvalidField });
      // RSA (0x04) is not a symmetric algorithm; Blowfish (0x10) is generated as a generic secret (provider-suite-more.ts).
      await expect(p.generateSymmetricKey(0x04, 2048)).rejects.toMatchObject({ reason: ResultReason.FeatureNotSupported });
    });

    test('3DES key generation and CBC with PKCS5 padding round trip', async () => {
      const k = await p.generateSecretKey('DES3', 168);
      expect((await p.exportKey(k)).length).toBe(24);
      const iv = nodeCrypto.randomBytes(8);
      const r = await p.encrypt(k, Buffer.from('not a multiple of eight'), { mode: 'CBC', padding: 'PKCS5', iv });
      expect(r.data.length).toBe(24);
      expect((await p.decrypt(k, r.data, { mode: 'CBC', padding: 'PKCS5', iv })).toString()).toBe('not a multiple of eight');
    });

    test('AES ECB/CBC with PKCS5 padding match node:crypto', async () => {
      const key = nodeCrypto.randomBytes(32);
      const k = await p.importKey(key, { keyClass: 'secret', algorithm: 'AES' });
      const data = Buffer.from('twenty-one bytes here');
      for (const mode of ['ECB', 'CBC'] as const) {
        const iv = mode === 'CBC' ? nodeCrypto.randomBytes(16) : undefined;
        const r = await p.encrypt(k, data, { mode, padding: 'PKCS5', iv });
        const c = nodeCrypto.createCipheriv(`aes-256-${mode.toLowerCase()}`, key, iv ?? null);
        expect(r.data).toEqual(Buffer.concat([c.update(data), c.final()]));
        expect(await p.decrypt(k, r.data, { mode, padding: 'PKCS5', iv })).toEqual(data);
      }
    });

    test('imported material round-trips and is never stored in the clear', async () => {
      const material = nodeCrypto.randomBytes(32);
      const k = await p.importKey(material, { keyClass: 'secret', algorithm: 'AES' });
      expect(k.wrapped.includes(material)).toBe(false);
      expect(await p.exportKey(k)).toEqual(material);
      const generic = await p.importKey(Buffer.from('a password, not a key'));
      expect((await p.exportKey(generic)).toString()).toBe('a password, not a key');
    });

    test('bad parameters become KMIP errors, not crashes', async () => {
      const k = await p.generateSecretKey('AES', 128);
      const cases: Array<Promise<unknown>> = [
        p.encrypt(k, Buffer.alloc(16), {}),
        p.encrypt(k, Buffer.alloc(16), { mode: 'CBC' }),
        p.encrypt(k, Buffer.alloc(16), { mode: 'CBC', iv: Buffer.alloc(3) }),
        p.encrypt(k, Buffer.alloc(15), { mode: 'ECB' }),
        p.encrypt(k, Buffer.alloc(16), { mode: 'GCM', iv: Buffer.alloc(12), tagLength: 2 }),
        p.decrypt(k, Buffer.alloc(16), { mode: 'GCM', iv: Buffer.alloc(12) }),
        p.importKey(Buffer.alloc(17), { keyClass: 'secret', algorithm: 'AES' }),
        p.importKey(Buffer.from('not der'), { keyClass: 'private', algorithm: 'RSA' }),
        p.exportKey({ wrapped: Buffer.from('garbage'), kekId: p.currentKekId }),
        p.random(-1),
      ];
      for (const c of cases) {
        const e = await c.then(() => undefined, (x: unknown) => x);
        expect(e).toBeInstanceOf(CryptoError);
        expect([ResultReason.InvalidField, ResultReason.CryptographicFailure, ResultReason.FeatureNotSupported]).toContain(
          (e as CryptoError).reason,
        );
      }
    });

    test('tampered wrapped material fails to unwrap with Cryptographic Failure', async () => {
      const k = await p.generateSecretKey('AES', 256);
      const bad = Buffer.from(k.wrapped);
      bad[bad.length - 1] ^= 0xff;
      await expect(p.exportKey({ wrapped: bad, kekId: k.kekId })).rejects.toMatchObject({ reason: ResultReason.CryptographicFailure });
    });

    test('random bytes: requested length, not constant', async () => {
      const a = await p.random(32);
      const b = await p.random(32);
      expect(a.length).toBe(32);
      expect(a.equals(b)).toBe(false);
    });

    test('RSA 2048: generate, sign (PKCS#1 v1.5 and PSS) verified by node, OAEP round trip', async () => {
      const { publicKey, privateKey } = await p.generateKeyPair({ algorithm: 'RSA', modulusBits: 2048 });
      const pub = nodeCrypto.createPublicKey({ key: publicKey, format: 'der', type: 'spki' });
      expect(pub.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(p.keySpec(privateKey)).toEqual({ keyClass: 'private', algorithm: 'RSA' });
      const data = Buffer.from('message to sign');
      const s1 = await p.sign(privateKey, data, { hash: 'SHA-256' });
      expect(nodeCrypto.verify('sha256', data, pub, s1)).toBe(true);
      const s2 = await p.sign(privateKey, data, { hash: 'SHA-384', padding: 'PSS' });
      expect(nodeCrypto.verify('sha384', data, { key: pub, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }, s2)).toBe(true);
      expect(await p.verify({ publicKey }, data, s2, { hash: 'SHA-384', padding: 'PSS' })).toBe(true);
      expect(await p.verify({ publicKey }, Buffer.from('other'), s1, { hash: 'SHA-256' })).toBe(false);
      const digest = nodeCrypto.createHash('sha256').update(data).digest();
      expect(await p.sign(privateKey, digest, { hash: 'SHA-256', prehashed: true })).toEqual(s1);
      const s3 = await p.sign(privateKey, digest, { hash: 'SHA-256', padding: 'PSS', prehashed: true });
      const pssOpts = { key: pub, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
      expect(nodeCrypto.verify('sha256', data, pssOpts, s3)).toBe(true);
      expect(await p.verify({ publicKey }, digest, s3, { hash: 'SHA-256', padding: 'PSS', prehashed: true })).toBe(true);
      expect(await p.verify({ publicKey }, digest, s1, { hash: 'SHA-256', padding: 'PSS', prehashed: true })).toBe(false);
      for (const hash of ['SHA-1', 'SHA-256'] as const) {
        const ct = await p.encrypt({ publicKey }, Buffer.from('secret'), { padding: 'OAEP', hash });
        expect((await p.decrypt(privateKey, ct.data, { padding: 'OAEP', hash })).toString()).toBe('secret');
        const fromNode = nodeCrypto.publicEncrypt({ key: pub, oaepHash: hash === 'SHA-1' ? 'sha1' : 'sha256' }, Buffer.from('n'));
        expect((await p.decrypt(privateKey, fromNode, { padding: 'OAEP', hash })).toString()).toBe('n');
      }
      // OAEP with a label (P Source) and with an MGF1 hash different from the OAEP hash.
      const label = Buffer.from('Kilroy was here');
      const withLabel = nodeCrypto.publicEncrypt({ key: pub, oaepHash: 'sha384', oaepLabel: label }, Buffer.from('labelled'));
      expect((await p.decrypt(privateKey, withLabel, { padding: 'OAEP', hash: 'SHA-384', label })).toString()).toBe('labelled');
      await expect(p.decrypt(privateKey, withLabel, { padding: 'OAEP', hash: 'SHA-384' })).rejects.toMatchObject({ reason: ResultReason.CryptographicFailure });
      const mixed = await p.encrypt({ publicKey }, Buffer.from('mixed'), { padding: 'OAEP', hash: 'SHA-384', mgfHash: 'SHA-256', label });
      expect((await p.decrypt(privateKey, mixed.data, { padding: 'OAEP', hash: 'SHA-384', mgfHash: 'SHA-256', label })).toString()).toBe('mixed');
      const sha1Label = await p.encrypt({ publicKey }, Buffer.from('sha1 label'), { padding: 'OAEP', label });
      expect((await p.decrypt(privateKey, sha1Label.data, { padding: 'OAEP', label })).toString()).toBe('sha1 label');
      // PSS verification without a salt length accepts the maximum salt OpenSSL signers use.
      const maxSalt = nodeCrypto.sign('sha256', data, { key: nodeCrypto.createPrivateKey({ key: await p.exportKey(privateKey), format: 'der', type: 'pkcs8' }), padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: nodeCrypto.constants.RSA_PSS_SALTLEN_MAX_SIGN });
      expect(await p.verify({ publicKey }, data, maxSalt, { hash: 'SHA-256', padding: 'PSS' })).toBe(true);
      expect(await p.verify({ publicKey }, digest, maxSalt, { hash: 'SHA-256', padding: 'PSS', prehashed: true })).toBe(true);
      expect(await p.verify({ publicKey }, data, maxSalt, { hash: 'SHA-256', padding: 'PSS', saltLength: 32 })).toBe(false);
      const v15 = nodeCrypto.publicEncrypt({ key: pub, padding: nodeCrypto.constants.RSA_PKCS1_PADDING }, Buffer.from('v15'));
      expect((await p.decrypt(privateKey, v15, { padding: 'PKCS1v15' })).toString()).toBe('v15');
      // Exported private key is PKCS#8 and matches the public key.
      const pkcs8 = await p.exportKey(privateKey);
      const priv = nodeCrypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      expect(nodeCrypto.createPublicKey(priv).export({ format: 'der', type: 'spki' })).toEqual(publicKey);
    });

    test('EC P-256 and P-384: ECDSA signatures verify with node', async () => {
      for (const [curve, hash, node] of [['P-256', 'SHA-256', 'sha256'], ['P-384', 'SHA-384', 'sha384']] as const) {
        const { publicKey, privateKey } = await p.generateKeyPair({ algorithm: 'EC', curve });
        const pub = nodeCrypto.createPublicKey({ key: publicKey, format: 'der', type: 'spki' });
        const sig = await p.sign(privateKey, Buffer.from('ec data'), { hash });
        expect(nodeCrypto.verify(node, Buffer.from('ec data'), pub, sig)).toBe(true);
        expect(await p.verify({ publicKey }, Buffer.from('ec data'), sig, { hash })).toBe(true);
        const pkcs8 = await p.exportKey(privateKey);
        const priv = nodeCrypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
        expect(nodeCrypto.createPublicKey(priv).export({ format: 'der', type: 'spki' })).toEqual(publicKey);
      }
    });

    test('imported RSA and EC private keys sign; imported public keys verify', async () => {
      for (const kind of ['rsa', 'ec'] as const) {
        const pair = kind === 'rsa'
          ? nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
          : nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-521' });
        const alg = kind === 'rsa' ? 'RSA' : 'EC';
        const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
        const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
        const priv = await p.importKey(pkcs8, { keyClass: 'private', algorithm: alg });
        expect(priv.wrapped.includes(pkcs8.subarray(pkcs8.length - 32))).toBe(false);
        const sig = await p.sign(priv, Buffer.from('imported'), { hash: 'SHA-512' });
        expect(nodeCrypto.verify('sha512', Buffer.from('imported'), pair.publicKey, sig)).toBe(true);
        const pub = await p.importKey(spki, { keyClass: 'public', algorithm: alg });
        expect(await p.exportKey(pub)).toEqual(spki);
        expect(await p.verify(pub, Buffer.from('imported'), sig, { hash: 'SHA-512' })).toBe(true);
        const exported = nodeCrypto.createPrivateKey({ key: await p.exportKey(priv), format: 'der', type: 'pkcs8' });
        expect(nodeCrypto.createPublicKey(exported).export({ format: 'der', type: 'spki' })).toEqual(spki);
      }
      await expect(
        p.importKey(nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }), {
          keyClass: 'private', algorithm: 'RSA',
        }),
      ).rejects.toMatchObject({ reason: ResultReason.InvalidField });
    });

    test('KEK rotation: createKek, rewrap, both wrappings still unwrap', async () => {
      const k = await p.generateSecretKey('AES', 256);
      const plain = await p.exportKey(k);
      const before = p.currentKekId;
      const next = await p.createKek();
      expect(next).not.toBe(before);
      expect(p.currentKekId).toBe(next);
      const moved = await p.rewrap(k, next);
      expect(moved.kekId).toBe(next);
      expect(moved.wrapped.equals(k.wrapped)).toBe(false);
      expect(await p.exportKey(moved)).toEqual(plain);
      expect(await p.exportKey(k)).toEqual(plain);
      const fresh = await p.generateSecretKey('AES', 128);
      expect(fresh.kekId).toBe(next);
      await expect(p.rewrap(k, 'no-such-kek')).rejects.toBeInstanceOf(CryptoError);
    });
  });
}
