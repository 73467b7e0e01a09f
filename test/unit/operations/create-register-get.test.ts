import { createHash } from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, State, HashingAlgorithm, RNGAlgorithm, QueryFunction } from '../../../src/kmip';
import { ProtectionStorageMask } from '../../../src/kmip/masks';
import type { ProviderInfo } from '../../../src/crypto/port';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, payloadStruct, attr1, nameValue, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const aesTemplate1x = (len = 256) =>
  T.struct(Tag.TemplateAttribute, [
    attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES), 0),
    attr1('Cryptographic Length', T.int(0, len), 0),
    attr1('Cryptographic Usage Mask', T.int(0, 12), 0),
  ]);

function symKey(material: Buffer, format: number = KeyFormatType.Raw): TtlvItem {
  const km = format === KeyFormatType.Raw ? T.bytes(Tag.KeyMaterial, material) : T.struct(Tag.KeyMaterial, [T.bytes(Tag.Key, material)]);
  return T.struct(Tag.SymmetricKey, [
    T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, format),
      T.struct(Tag.KeyValue, [km]),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, material.length * 8),
    ]),
  ]);
}

function keyMaterialOf(getPayload: TtlvItem[]): TtlvItem | undefined {
  const obj = getPayload[2];
  return child(child(child(obj, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
}

describe('Create', () => {
  test('1.1 Create AES-256 answers Object Type + UID, sets the ID Placeholder, records the owner', async () => {
    const r = await run(Operation.Create, env.ctx(1, 1), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), aesTemplate1x()]);
    expect(r.payload[0]).toEqual(T.enum(Tag.ObjectType, ObjectType.SymmetricKey));
    const uid = uidOf(r);
    expect(r.idPlaceholder).toBe(uid);
    expect(uid.length).toBeLessThan(32);
    const stored = env.store.get(uid)!;
    expect(stored.owner).toBe('alice');
    expect(stored.state).toBe(State.PreActive);
    expect(stored.material).not.toBeNull();
    // The wrapped material is not the plaintext: Get returns 32 bytes that are not in the store row.
    const g = await run(Operation.Get, env.ctx(1, 1), [T.text(Tag.UniqueIdentifier, uid)]);
    const km = keyMaterialOf(g.payload)!;
    expect((km.value as Buffer).length).toBe(32);
    expect(stored.material!.includes(km.value as Buffer)).toBe(false);
    // Digest is SHA-256 of the key material.
    const digest = stored.attributes.find((a) => a.name === 'Digest')!;
    expect(child(digest.value, Tag.HashingAlgorithm)?.value).toBe(HashingAlgorithm.SHA_256);
    expect(child(digest.value, Tag.DigestValue)?.value).toEqual(createHash('sha256').update(km.value as Buffer).digest());
  });

  test('2.1 Create with an Attributes structure', async () => {
    const r = await run(Operation.Create, env.ctx(2, 1), [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.Attributes, [
        T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
        T.int(Tag.CryptographicLength, 128),
        T.struct(Tag.Name, [T.text(Tag.NameValue, 'k1'), T.enum(Tag.NameType, 1)]),
      ]),
    ]);
    const stored = env.store.get(uidOf(r))!;
    expect(stored.attributes.find((a) => a.name === 'Name')).toBeDefined();
    expect(stored.attributes.find((a) => a.name === 'Cryptographic Length')?.value.value).toBe(128);
  });

  test('Activation Date in the past in the template makes the key Active; activateOnCreate activates', async () => {
    const past = T.struct(Tag.TemplateAttribute, [
      attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)),
      attr1('Cryptographic Length', T.int(0, 128)),
      attr1('Activation Date', T.date(0, 1000n)),
    ]);
    const r1 = await run(Operation.Create, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), past]);
    expect(env.store.get(uidOf(r1))!.state).toBe(State.Active);
    const ctx = env.ctx(1, 1);
    ctx.options.activateOnCreate = true;
    const r2 = await run(Operation.Create, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), aesTemplate1x()]);
    const o = env.store.get(uidOf(r2))!;
    expect(o.state).toBe(State.Active);
    expect(o.attributes.find((a) => a.name === 'Activation Date')).toBeDefined();
  });

  test('Create Secret Data of a given length (TC-CREATE-SD)', async () => {
    const r = await run(Operation.Create, env.ctx(1, 4), [
      T.enum(Tag.ObjectType, ObjectType.SecretData),
      T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Length', T.int(0, 80))]),
    ]);
    const g = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uidOf(r))]);
    expect((keyMaterialOf(g.payload)!.value as Buffer).length).toBe(10);
  });

  test('refusals: missing algorithm, unsupported object type, bad key length', async () => {
    expect(
      await reasonOf(run(Operation.Create, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.TemplateAttribute, [])])),
    ).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.Create, env.ctx(2, 1), [T.enum(Tag.ObjectType, ObjectType.Certificate)]))).toBe(ResultReason.InvalidObjectType);
    expect(await reasonOf(run(Operation.Create, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), aesTemplate1x(100)]))).toBe(
      ResultReason.InvalidField,
    );
  });

  test('Create via a 1.x Template object referenced by Name', async () => {
    const tmpl = T.struct(Tag.Template, [
      attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)),
      attr1('Cryptographic Length', T.int(0, 192)),
    ]);
    await run(Operation.Register, env.ctx(1, 1), [
      T.enum(Tag.ObjectType, ObjectType.Template),
      T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('tmpl-1'))]),
      tmpl,
    ]);
    const r = await run(Operation.Create, env.ctx(1, 1), [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [T.struct(Tag.Name, [T.text(Tag.NameValue, 'tmpl-1'), T.enum(Tag.NameType, 1)])]),
    ]);
    expect(env.store.get(uidOf(r))!.attributes.find((a) => a.name === 'Cryptographic Length')?.value.value).toBe(192);
  });

  test('Random Number Generator: the server states its own; a requested generator it does not use fails the Create', async () => {
    const rng = (alg: number) => attr1('Random Number Generator', T.struct(0, [T.enum(Tag.RNGAlgorithm, alg)]));
    const plain = await run(Operation.Create, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), aesTemplate1x()]);
    const stored = env.store.get(uidOf(plain))!.attributes.find((a) => a.name === 'Random Number Generator')!;
    expect(child(stored.value, Tag.RNGAlgorithm)?.value).toBe(RNGAlgorithm.DRBG);
    expect(child(stored.value, Tag.CryptographicLength)?.value).toBe(256);
    const ok = await run(Operation.Create, env.ctx(1, 4), [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [...aesTemplate1x().value, rng(RNGAlgorithm.DRBG)]),
    ]);
    const kept = env.store.get(uidOf(ok))!.attributes.filter((a) => a.name === 'Random Number Generator');
    expect(kept).toHaveLength(1);
    expect(child(kept[0].value, Tag.CryptographicAlgorithm)?.value).toBe(CryptographicAlgorithm.AES); // ours, complete
    const refused = run(Operation.Create, env.ctx(1, 4), [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [...aesTemplate1x().value, rng(RNGAlgorithm.ANSIX9_31)]),
    ]);
    expect(await reasonOf(refused)).toBe(ResultReason.FeatureNotSupported);
  });

  test('an HSM whose generator and storage the operator declared: new keys and Query RNGs say what was declared', async () => {
    const info: ProviderInfo = {
      kind: 'pkcs11',
      description: 'pkcs11 (Acme HSM 9000, token "prod", module /opt/acme/lib.so)',
      declared: {
        rng: { algorithm: RNGAlgorithm.ANSIX9_31, cryptographicAlgorithm: CryptographicAlgorithm.AES, cryptographicLength: 256 },
        protectionStorageMask: ProtectionStorageMask.Hardware | ProtectionStorageMask.OnPremises,
      },
    };
    const crypto = new Proxy(env.crypto, {
      get: (t, p) => (p === 'info' ? info : typeof (t as never)[p] === 'function' ? ((t as never)[p] as (...a: unknown[]) => unknown).bind(t) : (t as never)[p]),
    });
    const ctx = env.ctx(2, 1, { crypto });
    const rng = (alg: number) => T.struct(Tag.RandomNumberGenerator, [T.enum(Tag.RNGAlgorithm, alg)]);
    const aes = [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 256)];
    const r = await run(Operation.Create, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, aes)]);
    const attrs = env.store.get(uidOf(r))!.attributes;
    const gen = attrs.find((a) => a.name === 'Random Number Generator')!.value;
    expect([child(gen, Tag.RNGAlgorithm)?.value, child(gen, Tag.CryptographicAlgorithm)?.value, child(gen, Tag.CryptographicLength)?.value]).toEqual([
      RNGAlgorithm.ANSIX9_31, CryptographicAlgorithm.AES, 256,
    ]);
    expect(attrs.find((a) => a.name === 'Protection Storage Mask')?.value.value).toBe(ProtectionStorageMask.Hardware | ProtectionStorageMask.OnPremises);
    // A client asking for the declared generator gets its key; one asking for another is refused.
    const asked = await run(Operation.Create, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, [...aes, rng(RNGAlgorithm.ANSIX9_31)])]);
    expect(uidOf(asked)).toBeTruthy();
    expect(await reasonOf(run(Operation.Create, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, [...aes, rng(RNGAlgorithm.DRBG)])]))).toBe(
      ResultReason.FeatureNotSupported,
    );
    const q = await run(Operation.Query, ctx, [T.enum(Tag.QueryFunction, QueryFunction.QueryRNGs)]);
    const params = children(payloadStruct(q), Tag.RNGParameters);
    expect(params.map((p) => child(p, Tag.RNGAlgorithm)?.value)).toEqual([RNGAlgorithm.ANSIX9_31]);
    // The software provider never takes an HSM's declaration (a server that fell back to it says what is true of it).
    const soft = new Proxy(env.crypto, { get: (t, p) => (p === 'info' ? { ...env.crypto.info, declared: info.declared } : (t as never)[p]) });
    const s1 = await run(Operation.Create, env.ctx(2, 1, { crypto: soft }), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, aes)]);
    expect(child(env.store.get(uidOf(s1))!.attributes.find((a) => a.name === 'Random Number Generator')!.value, Tag.RNGAlgorithm)?.value).toBe(RNGAlgorithm.DRBG);
  });

  test('a Template passes on its content, not the attributes of the Template object itself (TC-312)', async () => {
    await run(Operation.Register, env.ctx(1, 2), [
      T.enum(Tag.ObjectType, ObjectType.Template),
      T.struct(Tag.TemplateAttribute, [attr1('Name', nameValue('tmpl-2')), attr1('x-ID', T.text(0, 'the-template'))]),
      T.struct(Tag.Template, [attr1('x-ID', T.text(0, 'from-template')), attr1('Contact Information', T.text(0, 'Joe'))]),
    ]);
    const r = await run(Operation.Create, env.ctx(1, 2), [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [
        T.struct(Tag.Name, [T.text(Tag.NameValue, 'tmpl-2'), T.enum(Tag.NameType, 1)]),
        ...aesTemplate1x(128).value,
        attr1('x-ID', T.text(0, 'from-create')),
      ]),
    ]);
    const attrs = env.store.get(uidOf(r))!.attributes;
    expect(attrs.filter((a) => a.name === 'x-ID').map((a) => a.value.value)).toEqual(['from-template', 'from-create']);
    expect(attrs.find((a) => a.name === 'Contact Information')?.value.value).toBe('Joe');
  });
});

describe('Register and Get', () => {
  const material = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const objects: Array<[string, number, TtlvItem]> = [
    ['Symmetric Key', ObjectType.SymmetricKey, symKey(material)],
    [
      'Secret Data',
      ObjectType.SecretData,
      T.struct(Tag.SecretData, [
        T.enum(Tag.SecretDataType, 1),
        T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Opaque), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from('password'))])]),
      ]),
    ],
    ['Opaque Object', ObjectType.OpaqueObject, T.struct(Tag.OpaqueObject, [T.enum(Tag.OpaqueDataType, 0x80123456), T.bytes(Tag.OpaqueDataValue, material)])],
    ['Certificate', ObjectType.Certificate, T.struct(Tag.Certificate, [T.enum(Tag.CertificateType, 1), T.bytes(Tag.CertificateValue, Buffer.from('3082', 'hex'))])],
    [
      'Public Key (transparent RSA)',
      ObjectType.PublicKey,
      T.struct(Tag.PublicKey, [
        T.struct(Tag.KeyBlock, [
          T.enum(Tag.KeyFormatType, KeyFormatType.TransparentRSAPublicKey),
          T.struct(Tag.KeyValue, [T.struct(Tag.KeyMaterial, [T.big(Tag.Modulus, 0xabcdefn), T.big(Tag.PublicExponent, 65537n)])]),
          T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
          T.int(Tag.CryptographicLength, 2048),
        ]),
      ]),
    ],
    [
      'Private Key (transparent, opaque to the provider)',
      ObjectType.PrivateKey,
      T.struct(Tag.PrivateKey, [
        T.struct(Tag.KeyBlock, [
          T.enum(Tag.KeyFormatType, KeyFormatType.TransparentRSAPrivateKey),
          T.struct(Tag.KeyValue, [T.struct(Tag.KeyMaterial, [T.big(Tag.Modulus, 0xabcdefn), T.big(Tag.PrivateExponent, 0x1234n)])]),
          T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
          T.int(Tag.CryptographicLength, 2048),
        ]),
      ]),
    ],
    [
      'Split Key',
      ObjectType.SplitKey,
      T.struct(Tag.SplitKey, [
        T.int(Tag.SplitKeyParts, 3),
        T.int(Tag.KeyPartIdentifier, 1),
        T.int(Tag.SplitKeyThreshold, 2),
        T.enum(Tag.SplitKeyMethod, 1),
        T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Raw), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)])]),
      ]),
    ],
    [
      'PGP Key',
      ObjectType.PGPKey,
      T.struct(Tag.PGPKey, [
        T.int(Tag.PGPKeyVersion, 4),
        T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Raw), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)])]),
      ]),
    ],
    ['Certificate Request', ObjectType.CertificateRequest, T.struct(Tag.CertificateRequest, [T.enum(Tag.CertificateRequestType, 2), T.bytes(Tag.CertificateRequestValue, Buffer.from('3082', 'hex'))])],
  ];

  test.each(objects)('%s: Get returns it as registered', async (_n, type, obj) => {
    const ctx = env.ctx(2, 1);
    const r = await run(Operation.Register, ctx, [T.enum(Tag.ObjectType, type), T.struct(Tag.Attributes, []), obj]);
    const uid = uidOf(r);
    expect(r.idPlaceholder).toBe(uid);
    const stored = env.store.get(uid)!;
    // Secret material never sits in the stored body.
    expect(stored.body!.includes(material) && type !== ObjectType.Certificate).toBe(false);
    const g = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, uid)]);
    expect(g.payload[0]).toEqual(T.enum(Tag.ObjectType, type));
    expect(g.payload[2]).toEqual(obj);
    g.release?.();
  });

  test('release() zeroes the key material copy that was sent', async () => {
    const r = await run(Operation.Register, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.TemplateAttribute, []), symKey(material)]);
    const g = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uidOf(r))]);
    const km = keyMaterialOf(g.payload)!.value as Buffer;
    expect(km.equals(material)).toBe(true);
    g.release!();
    expect(km.every((b) => b === 0)).toBe(true);
  });

  test('Register derives Cryptographic Algorithm/Length and keeps Operation Policy Name (Synology, VAST)', async () => {
    const ctx = env.ctx(1, 2);
    const r = await run(Operation.Register, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, [attr1('Operation Policy Name', T.text(0, 'default'))]),
      symKey(material),
    ]);
    const ga = await run(Operation.GetAttributes, ctx, [
      T.text(Tag.UniqueIdentifier, uidOf(r)),
      T.text(Tag.AttributeName, 'Operation Policy Name'),
      T.text(Tag.AttributeName, 'Cryptographic Algorithm'),
      T.text(Tag.AttributeName, 'Cryptographic Length'),
    ]);
    const names = children(payloadStruct(ga), Tag.Attribute).map((a) => [child(a, Tag.AttributeName)?.value, child(a, Tag.AttributeValue)?.value]);
    expect(names).toEqual([
      ['Operation Policy Name', 'default'],
      ['Cryptographic Algorithm', CryptographicAlgorithm.AES],
      ['Cryptographic Length', 128],
    ]);
  });

  test('Register tolerates Key Compression Type on a symmetric key (pg_tde)', async () => {
    const obj = symKey(material);
    const kb = child(obj, Tag.KeyBlock)!;
    (kb.value as TtlvItem[]).push(T.enum(Tag.KeyCompressionType, 1));
    const r = await run(Operation.Register, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.TemplateAttribute, []), obj]);
    expect(uidOf(r)).toBeTruthy();
  });

  test('Register refusals: object missing, unknown object type', async () => {
    expect(await reasonOf(run(Operation.Register, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey)]))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.Register, env.ctx(1, 4), [T.enum(Tag.ObjectType, 0x99)]))).toBe(ResultReason.InvalidField);
  });

  test('Get: Raw <-> Transparent Symmetric Key on request; other formats refused', async () => {
    const ctx = env.ctx(1, 4);
    const r = await run(Operation.Register, ctx, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.TemplateAttribute, []), symKey(material)]);
    const uid = uidOf(r);
    const t = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, uid), T.enum(Tag.KeyFormatType, KeyFormatType.TransparentSymmetricKey)]);
    expect(t.payload[2]).toEqual(symKey(material, KeyFormatType.TransparentSymmetricKey));
    const r2 = await run(Operation.Register, ctx, [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.struct(Tag.TemplateAttribute, []),
      symKey(material, KeyFormatType.TransparentSymmetricKey),
    ]);
    const raw = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, uidOf(r2)), T.enum(Tag.KeyFormatType, KeyFormatType.Raw)]);
    expect(raw.payload[2]).toEqual(symKey(material));
    expect(await reasonOf(run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, uid), T.enum(Tag.KeyFormatType, KeyFormatType.PKCS_8)]))).toBe(
      ResultReason.KeyFormatTypeNotSupported,
    );
  });

  test('Get of an unknown object: Item Not Found (1.x), Object Not Found (2.x); Get uses the ID Placeholder', async () => {
    expect(await reasonOf(run(Operation.Get, env.ctx(1, 0), [T.text(Tag.UniqueIdentifier, 'nope')]))).toBe(ResultReason.ItemNotFound);
    expect(await reasonOf(run(Operation.Get, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, 'nope')]))).toBe(ResultReason.ObjectNotFound);
    const r = await run(Operation.Register, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.TemplateAttribute, []), symKey(material)]);
    const g = await run(Operation.Get, env.ctx(1, 4, { idPlaceholder: uidOf(r) }), []);
    expect(uidOf(g)).toBe(uidOf(r));
  });

  test("another tenant's object does not exist for the caller", async () => {
    const r = await run(Operation.Register, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.TemplateAttribute, []), symKey(material)]);
    expect(await reasonOf(run(Operation.Get, env.ctx(1, 4, { tenant: 'other' }), [T.text(Tag.UniqueIdentifier, uidOf(r))]))).toBe(ResultReason.ItemNotFound);
  });

  test('Get clears Fresh', async () => {
    const r = await run(Operation.Register, env.ctx(1, 4), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.TemplateAttribute, []), symKey(material)]);
    const uid = uidOf(r);
    expect(env.store.get(uid)!.attributes.find((a) => a.name === 'Fresh')?.value.value).toBe(true);
    await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uid)]);
    expect(env.store.get(uid)!.attributes.find((a) => a.name === 'Fresh')?.value.value).toBe(false);
  });
});
