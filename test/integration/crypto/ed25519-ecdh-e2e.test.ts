/**
 * End to end on a real Tumbler (child process, mutual TLS, SQLite, SoftHSM2 through PKCS#11) with our own
 * client: Ed25519 Create Key Pair, Get of both halves (PKCS#8 / X.509 / Raw), Sign and Signature Verify, and
 * Derive Key by ECDH (Derivation Method Asymmetric Key). PyKMIP 0.10 knows neither Ed25519 nor that method.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, CryptographicAlgorithm, KeyFormatType, ObjectType, RecommendedCurve, DerivationMethod, ValidityIndicator, LinkType,
} from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { ItemType } from '../../../src/kmip/item-type';
import type { KmipConnection } from '../../../src/client/connection';
import type { LocalServer } from '../../../src/bench/local-server';
import { decodeResponse, encodeRequest, type RequestItem, type ResponseItem } from '../../../src/bench/requests';
import { connect, startServerChild } from '../durability/helpers';
import { describeHsm } from './softhsm-helper';

jest.setTimeout(240_000);

const V21 = { major: 2, minor: 1 };

describeHsm('Ed25519 and ECDH end to end on SoftHSM2', () => {
  let dir: string;
  let server: LocalServer;
  let conn: KmipConnection;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-ed25519-'));
    server = await startServerChild(dir);
    expect(server.crypto).toMatch(/pkcs11/i);
    conn = await connect(server);
  });
  afterAll(async () => {
    conn?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function call(operation: number, payload: TtlvItem[]): Promise<TtlvItem> {
    const [r]: ResponseItem[] = decodeResponse(await conn.request(encodeRequest(V21, [{ operation, payload } as RequestItem])));
    if (!r.ok) throw new Error(`operation ${operation} failed: reason ${r.reason}: ${r.message ?? ''}`);
    return r.payload as TtlvItem;
  }
  const uid = (p: TtlvItem, tag: number = Tag.UniqueIdentifier) => child(p, tag)!.value as string;
  const id = (u: string) => T.text(Tag.UniqueIdentifier, u);
  async function pair(common: TtlvItem[], privMask: number, pubMask: number): Promise<{ priv: string; pub: string }> {
    const p = await call(Operation.CreateKeyPair, [
      T.struct(Tag.CommonAttributes, common),
      T.struct(Tag.PrivateKeyAttributes, [T.int(Tag.CryptographicUsageMask, privMask)]),
      T.struct(Tag.PublicKeyAttributes, [T.int(Tag.CryptographicUsageMask, pubMask)]),
    ]);
    const out = { priv: uid(p, Tag.PrivateKeyUniqueIdentifier), pub: uid(p, Tag.PublicKeyUniqueIdentifier) };
    for (const u of [out.priv, out.pub]) await call(Operation.Activate, [id(u)]);
    return out;
  }
  async function get(u: string, format?: number): Promise<{ format: number; material: Buffer }> {
    const p = await call(Operation.Get, [id(u), ...(format === undefined ? [] : [T.enum(Tag.KeyFormatType, format)])]);
    const obj = p.type === ItemType.Structure ? p.value.find((c) => c.tag === Tag.PrivateKey || c.tag === Tag.PublicKey || c.tag === Tag.SymmetricKey) : undefined;
    const kb = child(obj, Tag.KeyBlock);
    return { format: child(kb, Tag.KeyFormatType)!.value as number, material: child(child(kb, Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer };
  }

  test('Ed25519: generated in the HSM, both halves in PKCS#8 / X.509 and Raw, PureEdDSA Sign and Signature Verify', async () => {
    const { priv, pub } = await pair([T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.Ed25519)], M.Sign, M.Verify);
    const p8 = await get(priv);
    const x509 = await get(pub);
    expect([p8.format, x509.format]).toEqual([KeyFormatType.PKCS_8, KeyFormatType.X_509]);
    const sk = nodeCrypto.createPrivateKey({ key: p8.material, format: 'der', type: 'pkcs8' });
    const pk = nodeCrypto.createPublicKey({ key: x509.material, format: 'der', type: 'spki' });
    expect(sk.asymmetricKeyType).toBe('ed25519');
    expect(nodeCrypto.createPublicKey(sk).export({ format: 'der', type: 'spki' })).toEqual(x509.material);
    expect((await get(priv, KeyFormatType.Raw)).material).toEqual(Buffer.from(sk.export({ format: 'jwk' }).d!, 'base64url'));
    expect((await get(pub, KeyFormatType.Raw)).material).toEqual(Buffer.from(pk.export({ format: 'jwk' }).x!, 'base64url'));

    const data = Buffer.from('signed by the HSM with Ed25519');
    const sig = child(await call(Operation.Sign, [id(priv), T.bytes(Tag.Data, data)]), Tag.SignatureData)!.value as Buffer;
    expect(nodeCrypto.verify(null, data, pk, sig)).toBe(true);
    const verify = async (d: Buffer) =>
      child(await call(Operation.SignatureVerify, [id(pub), T.bytes(Tag.Data, d), T.bytes(Tag.SignatureData, sig)]), Tag.ValidityIndicator)!.value;
    expect(await verify(data)).toBe(ValidityIndicator.Valid);
    expect(await verify(Buffer.from('something else'))).toBe(ValidityIndicator.Invalid);
  });

  test('ECDH: Derive Key from a private key and the peer public key gives both sides the same wrapped AES-256 key', async () => {
    const common = [
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.EC),
      T.struct(Tag.CryptographicDomainParameters, [T.enum(Tag.RecommendedCurve, RecommendedCurve.P_256)]),
    ];
    const a = await pair(common, M.DeriveKey, M.DeriveKey);
    const b = await pair(common, M.DeriveKey, M.DeriveKey);
    const derive = async (privUid: string, pubUid: string) =>
      uid(await call(Operation.DeriveKey, [
        T.enum(Tag.ObjectType, ObjectType.SymmetricKey), id(privUid), id(pubUid),
        T.enum(Tag.DerivationMethod, DerivationMethod.AsymmetricKey),
        T.struct(Tag.DerivationParameters, [T.struct(Tag.CryptographicParameters, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.ECDH)])]),
        T.struct(Tag.Attributes, [
          T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 256),
          T.int(Tag.CryptographicUsageMask, M.Encrypt | M.Decrypt),
        ]),
      ]));
    const k1 = await derive(a.priv, b.pub);
    const k2 = await derive(b.priv, a.pub);
    const m1 = (await get(k1)).material;
    expect(m1.length).toBe(32);
    expect((await get(k2)).material).toEqual(m1);
    const z = nodeCrypto.diffieHellman({
      privateKey: nodeCrypto.createPrivateKey({ key: (await get(a.priv)).material, format: 'der', type: 'pkcs8' }),
      publicKey: nodeCrypto.createPublicKey({ key: (await get(b.pub)).material, format: 'der', type: 'spki' }),
    });
    expect(m1).toEqual(z);
    const attrs = await call(Operation.GetAttributes, [id(k1)]);
    const linkTypes = children(child(attrs, Tag.Attributes), Tag.Link).map((l) => child(l, Tag.LinkType)?.value);
    expect(linkTypes.filter((t) => t === LinkType.DerivationBaseObjectLink)).toHaveLength(2);
  });

  test('Create of an AES key: its Digest (computed in the token) is the SHA-256 of the key Get returns', async () => {
    const created = await call(Operation.Create, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.Attributes, [
        T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 256),
        T.int(Tag.CryptographicUsageMask, M.Encrypt | M.Decrypt),
      ]),
    ]);
    const k = uid(created);
    const { material } = await get(k);
    const attrs = await call(Operation.GetAttributes, [id(k), T.text(Tag.AttributeReference, 'Digest')]);
    const digest = child(child(attrs, Tag.Attributes), Tag.Digest);
    expect(child(digest, Tag.KeyFormatType)?.value).toBe(KeyFormatType.Raw);
    expect((child(digest, Tag.DigestValue)?.value as Buffer).toString('hex')).toBe(nodeCrypto.createHash('sha256').update(material).digest('hex'));
  });
});

