/**
 * More behaviour shared by every CryptoProvider adapter (run by test/unit/crypto/software-provider.test.ts
 * and, against SoftHSM2, by test/integration/crypto/pkcs11-provider.test.ts):
 *  - key generation of the SKFF optional algorithms and lengths (SKIPJACK 80, two-key 3DES 112, DES, ...);
 *  - two-key 3DES encryption and CMAC agree with OpenSSL's des-ede (K1||K2||K1);
 *  - multi-part encryption/decryption (crypto/block-stream.ts) gives the single-part result at every split;
 *  - signatures over Digested Data: hash-named (DigestInfo / ECDSA over the digest) and raw.
 */
import * as nodeCrypto from 'node:crypto';
import type { BlockMode, CryptoProvider, WrappedKey } from '../../../src/crypto/port';
import { BlockStream, type BlockStreamParams } from '../../../src/crypto/block-stream';
import { CryptographicAlgorithm as A, ResultReason } from '../../../src/kmip/enums';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function oddParity(b: Buffer): boolean {
  return [...b].every((x) => x.toString(2).split('1').length % 2 === 0);
}

/** Runs a stream over `data` cut at the given offsets; returns the concatenated output and tag. */
async function streamed(
  p: CryptoProvider, key: WrappedKey, params: BlockStreamParams, data: Buffer, cuts: number[], tag?: Buffer,
): Promise<{ data: Buffer; tag?: Buffer; parts: Buffer[] }> {
  const s = await BlockStream.start(p, key, params);
  const parts: Buffer[] = [];
  let at = 0;
  try {
    for (const c of cuts) {
      parts.push(await s.update(p, key, data.subarray(at, c)));
      at = c;
    }
    const last = await s.finish(p, key, data.subarray(at), tag);
    parts.push(last.data);
    return { data: Buffer.concat(parts), tag: last.tag, parts };
  } finally {
    s.dispose();
  }
}

export function providerSuiteMore(name: string, get: () => CryptoProvider): void {
  describe(`${name}: optional symmetric key generation`, () => {
    let p: CryptoProvider;
    beforeAll(() => {
      p = get();
    });

    test('SKIPJACK 80, Blowfish 128, ChaCha20 256: generic secrets of that many bytes; bad lengths refused', async () => {
      const sj = await p.generateSymmetricKey(A.SKIPJACK, 80);
      expect(p.keySpec(sj)).toEqual({ keyClass: 'secret', algorithm: 'GENERIC' });
      const m = await p.exportKey(sj);
      expect(m.length).toBe(10);
      expect((await p.exportKey(await p.generateSymmetricKey(A.Blowfish, 128))).length).toBe(16);
      expect((await p.exportKey(await p.generateSymmetricKey(A.ChaCha20, 256))).length).toBe(32);
      await expect(p.generateSymmetricKey(A.SKIPJACK, 128)).rejects.toMatchObject({ reason: ResultReason.InvalidField });
      await expect(p.generateSymmetricKey(A.CAST5, 36)).rejects.toMatchObject({ reason: ResultReason.InvalidField });
    });

    test('3DES 112 and 168, DES 64: 16, 24 and 8 bytes with odd parity', async () => {
      const two = await p.generateSymmetricKey(A.DES3, 112);
      expect(p.keySpec(two).algorithm).toBe('DES3');
      const m2 = await p.exportKey(two);
      expect(m2.length).toBe(16);
      expect(oddParity(m2)).toBe(true);
      const m3 = await p.exportKey(await p.generateSymmetricKey(A.DES3, 168));
      expect(m3.length).toBe(24);
      expect(oddParity(m3)).toBe(true);
      const d = await p.exportKey(await p.generateSymmetricKey(A.DES, 64));
      expect(d.length).toBe(8);
      expect(oddParity(d)).toBe(true);
      await expect(p.generateSymmetricKey(A.DES3, 100)).rejects.toMatchObject({ reason: ResultReason.InvalidField });
    });

    test('two-key 3DES ECB/CBC agree with OpenSSL des-ede, and round-trip', async () => {
      const raw = hex('0123456789abcdeffedcba9876543210');
      const k = await p.importKey(raw, { keyClass: 'secret', algorithm: 'DES3' });
      const pt = Buffer.from('sixteen byte msg');
      const ecb = nodeCrypto.createCipheriv('des-ede-ecb', raw, null).setAutoPadding(false);
      const want = Buffer.concat([ecb.update(pt), ecb.final()]);
      expect((await p.encrypt(k, pt, { mode: 'ECB' })).data).toEqual(want);
      const iv = nodeCrypto.randomBytes(8);
      const cbc = nodeCrypto.createCipheriv('des-ede-cbc', raw, iv);
      const wantCbc = Buffer.concat([cbc.update('odd length text'), cbc.final()]);
      const got = await p.encrypt(k, Buffer.from('odd length text'), { mode: 'CBC', padding: 'PKCS5', iv });
      expect(got.data).toEqual(wantCbc);
      expect((await p.decrypt(k, got.data, { mode: 'CBC', padding: 'PKCS5', iv })).toString()).toBe('odd length text');
      // CMAC works with the two-key form too (same result as the three-key K1||K2||K1 key).
      const k3 = await p.importKey(Buffer.concat([raw, raw.subarray(0, 8)]), { keyClass: 'secret', algorithm: 'DES3' });
      expect(await p.mac(k, pt, { algorithm: 'CMAC' })).toEqual(await p.mac(k3, pt, { algorithm: 'CMAC' }));
    });
  });

  describe(`${name}: multi-part encryption (block-stream)`, () => {
    let p: CryptoProvider;
    let aes: WrappedKey;
    let des3: WrappedKey;
    beforeAll(async () => {
      p = get();
      aes = await p.importKey(hex('feffe9928665731c6d6a8f9467308308'), { keyClass: 'secret', algorithm: 'AES' });
      des3 = await p.importKey(hex('010101010101010101010101010101010101010101010101'), { keyClass: 'secret', algorithm: 'DES3' });
    });

    const data = nodeCrypto.randomBytes(67);
    const splits = [[], [1], [15, 16, 17], [8, 40, 41, 66], [33, 33, 50]];

    test.each<[BlockMode, 'None' | 'PKCS5', number]>([
      ['ECB', 'PKCS5', 67], ['CBC', 'PKCS5', 67], ['CBC', 'None', 64], ['CTR', 'None', 67], ['ECB', 'None', 48],
    ])('AES %s/%s: every split gives the single-part result, both ways', async (mode, padding, len) => {
      const pt = data.subarray(0, len);
      const iv = mode === 'ECB' ? undefined : nodeCrypto.randomBytes(16);
      const one = await p.encrypt(aes, pt, { mode, padding, iv });
      for (const cuts of splits) {
        const c = cuts.filter((x) => x <= len);
        const enc = await streamed(p, aes, { decrypt: false, algorithm: 'AES', mode, padding, iv }, pt, c);
        expect(enc.data).toEqual(one.data);
        const dc = c.filter((x) => x <= one.data.length);
        const dec = await streamed(p, aes, { decrypt: true, algorithm: 'AES', mode, padding, iv }, one.data, dc);
        expect(dec.data).toEqual(pt);
      }
    });

    test('OASIS TC-STREAM-ENC-2: 3DES ECB output appears when a block is complete', async () => {
      const r = await streamed(p, des3, { decrypt: false, algorithm: 'DES3', mode: 'ECB', padding: 'None' }, hex('0102030405060708'), [4, 7]);
      expect(r.parts.map((b) => b.toString('hex'))).toEqual(['', '', 'cead373db80eabf8']);
    });

    test('CBC/PKCS5 decryption holds the last block back until Final (OASIS TC-STREAM-ENCDEC-1)', async () => {
      const key = await p.importKey(hex('0123456789abcdef0123456789abcdef'), { keyClass: 'secret', algorithm: 'AES' });
      const ct = hex('79abc5c23868ad84d388ce61110a62742bda19d694bbcb757dd06617c0d80fb1df2e71864ad9633d7d797e30860df00d');
      const iv = hex('01020304050607080910111213141516');
      const r = await streamed(p, key, { decrypt: true, algorithm: 'AES', mode: 'CBC', padding: 'PKCS5', iv }, ct, [16, 32]);
      expect(r.parts.map((b) => b.toString('hex'))).toEqual([
        '', '01020304050607080910111213141516', '0102030405060708091011121314151601',
      ]);
    });

    test('GCM encryption: the GCM spec test case 5 (64-bit IV) in two parts (OASIS CS-BC-M-GCM-3)', async () => {
      const pt = hex(`d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72
        1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39`);
      const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
      const r = await streamed(p, aes, { decrypt: false, algorithm: 'AES', mode: 'GCM', padding: 'None', iv: hex('cafebabefacedbad'), aad, tagLength: 16 }, pt, [32]);
      expect(r.parts[0].toString('hex')).toBe('61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c7423');
      expect(r.parts[1].toString('hex')).toBe('73806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598');
      expect(r.tag?.toString('hex')).toBe('3612d2e79e3b0785561be14aaca2fccb');
    });

    test('GCM encryption matches single-part for 12/16/60-byte IVs, short tags and any split; decryption checks the tag', async () => {
      for (const ivLen of [12, 16, 60]) {
        const iv = nodeCrypto.randomBytes(ivLen);
        const aad = nodeCrypto.randomBytes(ivLen + 3);
        const one = await p.encrypt(aes, data, { mode: 'GCM', iv, aad, tagLength: 12 });
        for (const cuts of splits) {
          const r = await streamed(p, aes, { decrypt: false, algorithm: 'AES', mode: 'GCM', padding: 'None', iv, aad, tagLength: 12 }, data, cuts);
          expect(r.data).toEqual(one.data);
          expect(r.tag).toEqual(one.tag);
        }
        const params: BlockStreamParams = { decrypt: true, algorithm: 'AES', mode: 'GCM', padding: 'None', iv, aad, tagLength: 12 };
        const ok = await streamed(p, aes, params, Buffer.concat([one.data, one.tag as Buffer]), [5, 40]);
        expect(ok.data).toEqual(data);
        expect(ok.parts.slice(0, -1).every((b) => b.length === 0)).toBe(true); // nothing before the tag is checked
        const bad = Buffer.from(one.tag as Buffer);
        bad[0] ^= 1;
        await expect(streamed(p, aes, params, one.data, [5], bad)).rejects.toMatchObject({ reason: ResultReason.CryptographicFailure });
      }
    });

    test('bad stream parameters are KMIP errors', async () => {
      await expect(BlockStream.start(p, aes, { decrypt: false, algorithm: 'AES', mode: 'CBC', padding: 'None', iv: Buffer.alloc(8) }))
        .rejects.toMatchObject({ reason: ResultReason.InvalidField });
      await expect(BlockStream.start(p, des3, { decrypt: false, algorithm: 'DES3', mode: 'GCM', padding: 'None', iv: Buffer.alloc(12) }))
        .rejects.toMatchObject({ reason: ResultReason.InvalidField });
      await expect(streamed(p, aes, { decrypt: false, algorithm: 'AES', mode: 'CBC', padding: 'None', iv: Buffer.alloc(16) }, Buffer.alloc(20), [3]))
        .rejects.toMatchObject({ reason: ResultReason.InvalidField });
    });
  });

  describe(`${name}: signatures over Digested Data`, () => {
    let p: CryptoProvider;
    beforeAll(() => {
      p = get();
    });

    test.each(['P-256', 'secp256k1'] as const)('ECDSA %s over a SHA-256 digest verifies with node over the message, and back', async (curve) => {
      const pair = await p.generateKeyPair({ algorithm: 'EC', curve });
      const pub = nodeCrypto.createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' });
      const msg = Buffer.from('digest me');
      const digest = nodeCrypto.createHash('sha256').update(msg).digest();
      const sig = await p.sign(pair.privateKey, digest, { hash: 'SHA-256', prehashed: true });
      expect(nodeCrypto.verify('sha256', msg, { key: pub, dsaEncoding: 'der' }, sig)).toBe(true);
      expect(await p.verify({ publicKey: pair.publicKey }, digest, sig, { hash: 'SHA-256', prehashed: true })).toBe(true);
      const other = Buffer.from(digest);
      other[0] ^= 1;
      expect(await p.verify({ publicKey: pair.publicKey }, other, sig, { hash: 'SHA-256', prehashed: true })).toBe(false);
      // A signature over the message made elsewhere verifies against its digest.
      const byNode = await p.sign(pair.privateKey, msg, { hash: 'SHA-256' });
      expect(await p.verify({ publicKey: pair.publicKey }, digest, byNode, { hash: 'SHA-256', prehashed: true })).toBe(true);
    });

    test('RSA raw Digested Data (no hash named): PKCS#1 v1.5 of the bytes as given', async () => {
      const pair = await p.generateKeyPair({ algorithm: 'RSA', modulusBits: 2048 });
      const pub = nodeCrypto.createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' });
      const d = hex('01020304050607080910111213141516');
      const sig = await p.sign(pair.privateKey, d, { hash: 'SHA-256', prehashed: true, raw: true });
      expect(nodeCrypto.publicDecrypt({ key: pub, padding: nodeCrypto.constants.RSA_PKCS1_PADDING }, sig)).toEqual(d);
      expect(await p.verify({ publicKey: pair.publicKey }, d, sig, { hash: 'SHA-256', prehashed: true, raw: true })).toBe(true);
      expect(await p.verify({ publicKey: pair.publicKey }, d, sig, { hash: 'SHA-1', padding: 'PSS' })).toBe(false);
      await expect(p.sign(pair.privateKey, d, { hash: 'SHA-256', prehashed: true })).rejects.toMatchObject({ reason: ResultReason.InvalidField });
    });
  });
}
