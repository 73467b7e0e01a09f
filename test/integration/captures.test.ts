/**
 * Replays every request of ../shared/conformance/captures against a real server (mutual TLS, SQLite
 * file, SoftHSM2 when installed), in the order each client sent them, and checks what the captures
 * README says each client needs. Identifiers of the original servers are substituted with ours (README
 * "Replay caveats"). Where the capture has the original server's response, ours must decode in the same
 * version with the same item structure: same number of batch items, same Result Status, and every
 * top-level payload field the original had.
 *
 * The its of one client run in order and share state (the client's objects), as the client would.
 */
import { Tag } from '../../src/kmip/tags';
import { CryptographicAlgorithm, KeyFormatType, ObjectType, Operation, ResultReason, ResultStatus, State } from '../../src/kmip/enums';
import { CryptographicUsageMask } from '../../src/kmip/masks';
import { child, children, type TtlvItem } from '../../src/ttlv/item';
import { startTestServer, type TestServer } from '../helpers/server';
import {
  attributeValues, captureFiles, capturesAvailable, createKey, getAttributesRequest, keyMaterialOf, loadCapture, mapTag,
  payloadTags, readAnswer, registerKey, Replayer, requestVersion, substitute, uidOf, uidRequest, uidsOf, type Answer,
} from './captures-replay';

const ENC_DEC = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;

function describeCaptures(name: string, fn: () => void): void {
  if (capturesAvailable()) return describe(name, fn);
  if (process.env.CI === 'true') {
    return describe(name, () => {
      it('needs ../shared/conformance/captures (CI=true)', () => {
        throw new Error('shared captures folder not found; it is required when CI=true');
      });
    });
  }
  // eslint-disable-next-line no-console
  console.warn(`skipping "${name}": ../shared/conformance/captures not found`);
  describe.skip(name, fn);
}

/** Our answer has the original's shape: version of the request, same items and statuses, original payload fields present. */
function expectSameShape(ours: Answer, client: string, responseFile: string, req: TtlvItem, opts: { ignoreOperation?: boolean } = {}): void {
  const original = readAnswer(loadCapture(client, responseFile), 0);
  expect(ours.version).toEqual(requestVersion(req));
  expect(ours.items).toHaveLength(original.items.length);
  ours.items.forEach((item, i) => {
    const o = original.items[i];
    expect([responseFile, i, item.status]).toEqual([responseFile, i, o.status]);
    if (!opts.ignoreOperation && o.operation !== undefined) expect(item.operation).toBe(o.operation);
    if (o.ubi) expect(item.ubi).toEqual(o.ubi);
  });
  const ot = payloadTags(original);
  const tt = payloadTags(ours);
  ot.forEach((tags, i) => {
    for (const t of tags ?? []) expect([responseFile, i, `0x${t.toString(16)}`, tt[i]?.includes(t)]).toEqual([responseFile, i, `0x${t.toString(16)}`, true]);
  });
}

function expectSuccess(a: Answer, count = 1): void {
  expect(a.items.map((i) => [i.status, i.reason, i.message])).toEqual(Array.from({ length: count }, () => [ResultStatus.Success, undefined, undefined]));
}

/** Every Name Value text in a tree, in order. */
function nameValues(item: TtlvItem, out: string[] = []): string[] {
  if (item.tag === Tag.NameValue && typeof item.value === 'string') out.push(item.value);
  if (Array.isArray(item.value)) for (const c of item.value) nameValues(c, out);
  return out;
}

function stateOf(a: Answer): number | undefined {
  return attributeValues(a.items[0].payload, 'State')[0]?.value as number | undefined;
}

describeCaptures('client captures replay', () => {
  let server: TestServer;
  beforeAll(async () => {
    // mongodb-qe stands for libmongocrypt's Queryable Encryption flow, which creates a key and encrypts
    // with it at once (no Activate): that deployment uses activateOnCreateFor.
    server = await startTestServer({ overrides: { operations: { activateOnCreateFor: ['mongodb-qe'] } } });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('every capture file is replayed by a scenario below', () => {
    const covered: Record<string, number> = {
      'vmware-vcenter': 32, 'synology-dsm': 8, 'mongodb-libmongocrypt': 17, 'percona-pg_tde': 3, 'mysql-enterprise': 1,
      fortigate: 3, 'vast-data': 17, pykmip: 12, 'ovh-kmip-go': 1,
    };
    for (const [client, n] of Object.entries(covered)) expect([client, captureFiles(client).length]).toEqual([client, n]);
  });

  describe('vmware-vcenter (KMIP 1.1)', () => {
    const C = 'vmware-vcenter';
    let r: Replayer;
    const uids: Record<string, string> = {};
    beforeAll(async () => (r = await Replayer.open(server, 'vcenter')));
    afterAll(async () => r?.close());
    const send = async (file: string) => {
      const req = substitute(loadCapture(C, file), uids);
      return { req, a: await r.send(req) };
    };

    it('01-02 Discover Versions lists 1.1 in a 1.1 header and echoes the UBI', async () => {
      const { req, a } = await send('01-discover-versions-request.hex');
      expect(a.version).toEqual([1, 1]);
      const versions = children(a.items[0].payload, Tag.ProtocolVersion).map((p) => `${child(p, Tag.ProtocolVersionMajor)!.value}.${child(p, Tag.ProtocolVersionMinor)!.value}`);
      expect(versions).toContain('1.1');
      expectSameShape(a, C, '01-discover-versions-response.hex', req);
      const two = await send('02-discover-versions-request.hex');
      expect(two.a.items[0].ubi).toEqual(Buffer.from('514c4b4301000000', 'hex'));
      expectSameShape(two.a, C, '02-discover-versions-response.hex', two.req);
    });

    it('03 Query(Server Information) succeeds', async () => {
      const { req, a } = await send('03-query-request.hex');
      expectSuccess(a);
      expectSameShape(a, C, '03-query-response.hex', req);
    });

    it('04 Create AES-256 returns Object Type and UID', async () => {
      const { req, a } = await send('04-create-request.hex');
      expectSuccess(a);
      expectSameShape(a, C, '04-create-response.hex', req);
      uids['1'] = uidOf(a.items[0].payload);
      // vCenter's second key ("2" on the original server) came from the same Create.
      uids['2'] = uidOf((await r.send(loadCapture(C, '04-create-request.hex'))).items[0].payload);
    });

    it.each(['05', '06', '07'])('%s Get Attributes of an unset custom attribute: success, UID, no Attribute', async (nn) => {
      const { req, a } = await send(`${nn}-get-attributes-request.hex`);
      expectSuccess(a);
      expect(uidOf(a.items[0].payload)).toBe(uids['1']);
      expect(children(a.items[0].payload, Tag.Attribute)).toHaveLength(0);
      expectSameShape(a, C, `${nn}-get-attributes-response.hex`, req);
    });

    it('08 three Add Attribute items: three successes, each echoing its UBI', async () => {
      const { a } = await send('08-add-attribute-request.hex');
      expectSuccess(a, 3);
      expect(a.items.map((i) => i.ubi!.toString('hex'))).toEqual(['514c4b4301000000', '514c4b4302000000', '514c4b4303000000']);
      expect(a.items.every((i) => i.operation === Operation.AddAttribute)).toBe(true);
      const back = await r.send(getAttributesRequest([1, 1], uids['1'], ['x-Vendor']));
      expect(attributeValues(back.items[0].payload, 'x-Vendor')).toHaveLength(1);
    });

    it('09 Get: Symmetric Key, Raw, 32 bytes, AES/256', async () => {
      const { req, a } = await send('09-get-request.hex');
      expectSuccess(a);
      const k = keyMaterialOf(a.items[0].payload);
      expect(k.objectTag).toBe(Tag.SymmetricKey);
      expect(k.format).toBe(KeyFormatType.Raw);
      expect(k.material).toHaveLength(32);
      const kb = child(child(a.items[0].payload, Tag.SymmetricKey), Tag.KeyBlock);
      expect(child(kb, Tag.CryptographicAlgorithm)?.value).toBe(CryptographicAlgorithm.AES);
      expect(child(kb, Tag.CryptographicLength)?.value).toBe(256);
      expectSameShape(a, C, '09-get-response.hex', req);
    });

    it('10 Get Attributes State: Pre-Active; 11 Activate', async () => {
      const ten = await send('10-get-attributes-request.hex');
      expect(stateOf(ten.a)).toBe(State.PreActive);
      expectSameShape(ten.a, C, '10-get-attributes-response.hex', ten.req);
      const eleven = await send('11-activate-request.hex');
      expectSuccess(eleven.a);
      expect(uidOf(eleven.a.items[0].payload)).toBe(uids['2']);
      expectSameShape(eleven.a, C, '11-activate-response.hex', eleven.req);
    });

    it.each(['12', '13', '14'])('%s Get Attributes of an unset custom attribute', async (nn) => {
      const { req, a } = await send(`${nn}-get-attributes-request.hex`);
      expectSuccess(a);
      expect(children(a.items[0].payload, Tag.Attribute)).toHaveLength(0);
      expectSameShape(a, C, `${nn}-get-attributes-response.hex`, req);
    });

    it.each(['15', '16'])('%s three Add Attribute items succeed', async (nn) => {
      const { a } = await send(`${nn}-add-attribute-request.hex`);
      expectSuccess(a, 3);
      expect(a.items.map((i) => i.ubi!.toString('hex'))).toEqual(['514c4b4301000000', '514c4b4302000000', '514c4b4303000000']);
    });
  });

  describe('synology-dsm (KMIP 1.2)', () => {
    const C = 'synology-dsm';
    let r: Replayer;
    const uids: Record<string, string> = {};
    // The reconstruction renames to the placeholder its Locate (02) uses; the wire capture (04) used a
    // real volume UUID. Renaming to the placeholder lets 02's exact bytes find the key afterwards.
    const names = { 'e85b25be-dd3e-4cd8-b143-a0dd5915df3a': 'dsm-json-test-volume-uuid' };
    beforeAll(async () => (r = await Replayer.open(server, 'synology')));
    afterAll(async () => r?.close());
    const send = (file: string) => r.send(substitute(loadCapture(C, file), uids, names));

    it('01 Query functions 1..6 succeeds (sent on separate connections)', async () => {
      for (let i = 0; i < 2; i++) {
        const fresh = await Replayer.open(server, 'synology');
        try {
          expectSuccess(await fresh.send(loadCapture(C, '01-query-request.hex')));
        } finally {
          await fresh.close();
        }
      }
    });

    it('02 Locate by Name with no match: success and zero UIDs', async () => {
      const a = await send('02-locate-request.hex');
      expectSuccess(a);
      expect(uidsOf(a.items[0].payload)).toEqual([]);
    });

    it('03 Register Secret Data with Operation Policy Name "default"', async () => {
      const a = await send('03-register-request.hex');
      expectSuccess(a);
      const uid = uidOf(a.items[0].payload);
      uids['2f96499b-98f0-4155-8968-5301f6afea57'] = uid;
      uids['{{key_id}}'] = uid;
      const opn = await r.send(getAttributesRequest([1, 2], uid, ['Operation Policy Name']));
      expect(attributeValues(opn.items[0].payload, 'Operation Policy Name').map((v) => v.value)).toEqual(['default']);
    });

    it('04 Modify Attribute Name with Attribute Index 0 echoes the UID and the modified Attribute', async () => {
      const a = await send('04-modify-attribute-request.hex');
      expectSuccess(a);
      expect(uidOf(a.items[0].payload)).toBe(uids['{{key_id}}']);
      const attr = child(a.items[0].payload, Tag.Attribute);
      expect(child(attr, Tag.AttributeName)?.value).toBe('Name');
      expect(child(child(attr, Tag.AttributeValue), Tag.NameValue)?.value).toBe('dsm-json-test-volume-uuid');
    });

    it('02 again (same bytes) finds exactly the renamed key', async () => {
      const a = await send('02-locate-request.hex');
      expect(uidsOf(a.items[0].payload)).toEqual([uids['{{key_id}}']]);
    });

    it('05 Activate: Pre-Active -> Active', async () => {
      expectSuccess(await send('05-activate-request.hex'));
      const st = await r.send(getAttributesRequest([1, 2], uids['{{key_id}}'], ['State']));
      expect(stateOf(st)).toBe(State.Active);
    });

    it('06 Get Attribute List returns names', async () => {
      const a = await send('06-get-attribute-list-request.hex');
      expectSuccess(a);
      const names2 = children(a.items[0].payload, Tag.AttributeName).map((n) => n.value);
      expect(names2).toEqual(expect.arrayContaining(['State', 'Object Type', 'Name']));
    });

    it('07 Get Attributes State and Object Type returns both', async () => {
      const a = await send('07-get-attributes-request.hex');
      expect(stateOf(a)).toBe(State.Active);
      expect(attributeValues(a.items[0].payload, 'Object Type').map((v) => v.value)).toEqual([ObjectType.SecretData]);
    });

    it('08 Get returns the Secret Data', async () => {
      const a = await send('08-get-request.hex');
      expectSuccess(a);
      const k = keyMaterialOf(a.items[0].payload);
      expect(k.objectTag).toBe(Tag.SecretData);
      expect(k.material!.length).toBeGreaterThan(0);
    });
  });

  describe('mongodb-libmongocrypt (KMIP 1.0 and 1.2)', () => {
    const C = 'mongodb-libmongocrypt';
    let r: Replayer;
    let qe: Replayer;
    const uids: Record<string, string> = {};
    beforeAll(async () => {
      r = await Replayer.open(server, 'mongodb');
      qe = await Replayer.open(server, 'mongodb-qe');
    });
    afterAll(async () => {
      await r?.close();
      await qe?.close();
    });

    it('01 Register Secret Data (Seed, 96 B, mask 0) returns a UID', async () => {
      const a = await r.send(loadCapture(C, '01-register-request.hex'));
      expectSuccess(a);
      expect(uidOf(a.items[0].payload)).toEqual(expect.any(String));
    });

    it('02 Register: the response payload is the UID only', async () => {
      const req = loadCapture(C, '02-register-request.hex');
      const a = await r.send(req);
      expectSuccess(a);
      expect(payloadTags(a)[0]).toEqual([Tag.UniqueIdentifier]);
      expectSameShape(a, C, '02-register-response.hex', req);
      uids['39'] = uidOf(a.items[0].payload);
      uids['ywxrSj5TLjswd1G4oGFJ6hwWgtTsQip0'] = uids['39'];
    });

    it('03 Activate returns the UID', async () => {
      const req = substitute(loadCapture(C, '03-activate-request.hex'), uids);
      const a = await r.send(req);
      expectSuccess(a);
      expect(uidOf(a.items[0].payload)).toBe(uids['39']);
      expectSameShape(a, C, '03-activate-response.hex', req, { ignoreOperation: true });
    });

    it.each(['04', '05'])('%s Get: Secret Data whose Key Value is a structure with 96 B of Key Material', async (nn) => {
      const req = substitute(loadCapture(C, `${nn}-get-request.hex`), uids);
      const a = await r.send(req);
      expectSuccess(a);
      const k = keyMaterialOf(a.items[0].payload);
      expect(k.objectTag).toBe(Tag.SecretData);
      expect(k.material).toHaveLength(96);
      expect(a.version).toEqual([1, 0]);
    });

    it('06 Get of an unknown object: Operation Failed / Item Not Found with a Result Message', async () => {
      const req = loadCapture(C, '06-get-request.hex');
      const a = await r.send(req);
      expect(a.items[0].status).toBe(ResultStatus.OperationFailed);
      expect(a.items[0].reason).toBe(ResultReason.ItemNotFound);
      expect(a.items[0].message).toEqual(expect.any(String));
      expectSameShape(a, C, '06-get-response.hex', req);
    });

    it('07 Create AES-256 returns a UID', async () => {
      const req = loadCapture(C, '07-create-request.hex');
      const a = await qe.send(req);
      expectSuccess(a);
      expectSameShape(a, C, '07-create-response.hex', req);
      uids['108'] = uidOf(a.items[0].payload);
      uids['111'] = uids['108'];
    });

    let cipher: Buffer;
    let iv: Buffer;
    let plain: Buffer;
    it('08 Encrypt CBC/PKCS5 with Random IV returns Data and a 16-byte IV', async () => {
      const req = substitute(loadCapture(C, '08-encrypt-request.hex'), uids);
      plain = child(child(child(req, Tag.BatchItem), Tag.RequestPayload), Tag.Data)!.value as Buffer;
      const a = await qe.send(req);
      expectSuccess(a);
      cipher = child(a.items[0].payload, Tag.Data)!.value as Buffer;
      iv = child(a.items[0].payload, Tag.IVCounterNonce)!.value as Buffer;
      expect(iv).toHaveLength(16);
      expect(cipher.length % 16).toBe(0);
      expectSameShape(a, C, '08-encrypt-response.hex', req);
    });

    it('09 Decrypt with the IV returns the plaintext (capture data replaced by our ciphertext)', async () => {
      let req = substitute(loadCapture(C, '09-decrypt-request.hex'), uids);
      req = mapTag(req, Tag.Data, (d) => ({ ...d, value: cipher }) as TtlvItem);
      req = mapTag(req, Tag.IVCounterNonce, (d) => ({ ...d, value: iv }) as TtlvItem);
      const a = await qe.send(req);
      expectSuccess(a);
      expect(child(a.items[0].payload, Tag.Data)!.value).toEqual(plain);
      expectSameShape(a, C, '09-decrypt-response.hex', req);
    });
  });

  describe('percona-pg_tde (KMIP 1.4 Register, 1.0 Locate and Get)', () => {
    const C = 'percona-pg_tde';
    let r: Replayer;
    const uids: Record<string, string> = {};
    beforeAll(async () => (r = await Replayer.open(server, 'pg_tde')));
    afterAll(async () => r?.close());

    it('01 Register AES-128 with Key Compression Type in 1.4 returns a UID', async () => {
      const a = await r.send(loadCapture(C, '01-register-request.hex'));
      expectSuccess(a);
      expect(a.version).toEqual([1, 4]);
      uids['9dbf2ba6-36d6-49ed-9bae-905a66fd009f'] = uidOf(a.items[0].payload);
    });

    it('02 Locate (1.0) by Object Type and Name returns exactly that key', async () => {
      const a = await r.send(loadCapture(C, '02-locate-request.hex'));
      expect(a.version).toEqual([1, 0]);
      expect(uidsOf(a.items[0].payload)).toEqual([uids['9dbf2ba6-36d6-49ed-9bae-905a66fd009f']]);
    });

    it('03 Get (1.0): Symmetric Key, Raw, no Key Wrapping Data, within Maximum Response Size 8192', async () => {
      const a = await r.send(substitute(loadCapture(C, '03-get-request.hex'), uids));
      expectSuccess(a);
      expect(a.version).toEqual([1, 0]);
      expect(child(a.items[0].payload, Tag.ObjectType)?.value).toBe(ObjectType.SymmetricKey);
      const k = keyMaterialOf(a.items[0].payload);
      expect(k.format).toBe(KeyFormatType.Raw);
      expect(k.wrapped).toBe(false);
      expect(k.material).toHaveLength(16);
      expect(a.bytes).toBeLessThanOrEqual(8192);
    });
  });

  describe('mysql-enterprise (KMIP 1.1)', () => {
    it('01 Create with Attribute Index 0 before every Attribute Value returns a UID', async () => {
      const r = await Replayer.open(server, 'mysql');
      try {
        const a = await r.send(loadCapture('mysql-enterprise', '01-create-request.hex'));
        expectSuccess(a);
        expect(uidOf(a.items[0].payload)).toEqual(expect.any(String));
      } finally {
        await r.close();
      }
    });
  });

  describe('fortigate (KMIP 1.0)', () => {
    const C = 'fortigate';
    let r: Replayer;
    const named: Record<string, string> = {};
    const uids: Record<string, string> = {};
    beforeAll(async () => {
      r = await Replayer.open(server, 'fortigate');
      // One key per Name the captures look up (read from the requests themselves), AES-128 for ENC names.
      const encNames = [...nameValues(loadCapture(C, '01-locate-batch4-request.hex')), 'FORTIGATE1-FORTIGATE2-test-wo-kmip-ENC-AES-16'];
      for (const n of encNames) {
        const a = await r.send(registerKey([1, 0], CryptographicAlgorithm.AES, Buffer.alloc(16, n.length), ENC_DEC, n));
        named[n] = uidOf(a.items[0].payload);
      }
      const auth = 'FORTIGATE1-FORTIGATE2-test-wo-kmip-AUTH-SHA1-20';
      const a = await r.send(registerKey([1, 0], CryptographicAlgorithm.HMAC_SHA1, Buffer.alloc(20, 7), CryptographicUsageMask.MACGenerate, auth));
      named[auth] = uidOf(a.items[0].payload);
    });
    afterAll(async () => r?.close());

    it('01 four Locate items (Authentication header, Continue, Name in Template-Attribute): each finds its own key, UBIs echoed', async () => {
      const req = loadCapture(C, '01-locate-batch4-request.hex');
      const a = await r.send(req);
      const reqUbis = children(req, Tag.BatchItem).map((b) => child(b, Tag.UniqueBatchItemID)!.value as Buffer);
      expect(a.items.map((i) => i.ubi)).toEqual(reqUbis);
      expectSuccess(a, 4);
      const found = a.items.map((i) => uidsOf(i.payload));
      for (const f of found) expect(f).toHaveLength(1);
      expect(new Set(found.map((f) => f[0])).size).toBe(4);
    });

    it('02 two Locate items (header order differs, 6-byte UBIs)', async () => {
      const req = loadCapture(C, '02-locate-batch2-request.hex');
      const a = await r.send(req);
      expectSuccess(a, 2);
      expect(a.items.map((i) => i.ubi!.length)).toEqual([6, 6]);
      expect(a.items.map((i) => uidsOf(i.payload))).toEqual([
        [named['FORTIGATE1-FORTIGATE2-test-wo-kmip-ENC-AES-16']],
        [named['FORTIGATE1-FORTIGATE2-test-wo-kmip-AUTH-SHA1-20']],
      ]);
      uids['{{enc_key_id}}'] = uidsOf(a.items[0].payload)[0];
      uids['{{auth_key_id}}'] = uidsOf(a.items[1].payload)[0];
    });

    it('03 two Get items return raw key material, UBIs echoed', async () => {
      const req = substitute(loadCapture(C, '03-get-batch2-request.hex'), uids);
      const a = await r.send(req);
      expectSuccess(a, 2);
      expect(a.items.map((i) => i.ubi)).toEqual(children(req, Tag.BatchItem).map((b) => child(b, Tag.UniqueBatchItemID)?.value));
      const keys = a.items.map((i) => keyMaterialOf(i.payload));
      expect(keys.map((k) => [k.format, k.material?.length])).toEqual([
        [KeyFormatType.Raw, 16],
        [KeyFormatType.Raw, 20],
      ]);
    });
  });

  describe('vast-data (KMIP 1.4)', () => {
    const C = 'vast-data';
    let r: Replayer;
    const uids: Record<string, string> = {};
    beforeAll(async () => (r = await Replayer.open(server, 'vast')));
    afterAll(async () => r?.close());
    const send = (file: string) => r.send(substitute(loadCapture(C, file), uids));

    it('01 Discover Versions lists 1.4', async () => {
      const a = await send('01-discover-versions-request.hex');
      const versions = children(a.items[0].payload, Tag.ProtocolVersion).map((p) => `${child(p, Tag.ProtocolVersionMajor)!.value}.${child(p, Tag.ProtocolVersionMinor)!.value}`);
      expect(versions).toContain('1.4');
    });

    it('02 Create with Operation Policy Name "default" returns a UID', async () => {
      const a = await send('02-create-request.hex');
      expectSuccess(a);
      uids['{{key_id}}'] = uidOf(a.items[0].payload);
    });

    it.each(['03', '04', '05'])('%s Add Attribute (Name, Object Group, Operation Policy Name) succeeds', async (nn) => {
      expectSuccess(await send(`${nn}-add-attribute-request.hex`));
    });

    it('06 Activate, 07 Locate by Name finds the key, 08 Get returns key material, 09 State is Active', async () => {
      expectSuccess(await send('06-activate-request.hex'));
      expect(uidsOf((await send('07-locate-request.hex')).items[0].payload)).toEqual([uids['{{key_id}}']]);
      const g = await send('08-get-request.hex');
      expect(keyMaterialOf(g.items[0].payload).material).toHaveLength(32);
      const s = await send('09-get-attributes-request.hex');
      expect(stateOf(s)).toBe(State.Active);
      expect(attributeValues(s.items[0].payload, 'Activation Date')).toHaveLength(1);
    });

    it('10 Re-key returns a new UID and the old key stays Active', async () => {
      const a = await send('10-rekey-request.hex');
      expectSuccess(a);
      uids['{{new_key_id}}'] = uidOf(a.items[0].payload);
      expect(uids['{{new_key_id}}']).not.toBe(uids['{{key_id}}']);
      expect(stateOf(await r.send(getAttributesRequest([1, 4], uids['{{key_id}}'], ['State'])))).toBe(State.Active);
    });

    it('11 Locate by the same Name returns the new key; 12 Get it', async () => {
      expect(uidsOf((await send('11-locate-request.hex')).items[0].payload)).toEqual([uids['{{new_key_id}}']]);
      expect(keyMaterialOf((await send('12-get-request.hex')).items[0].payload).material).toHaveLength(32);
    });

    it('13 the new key is Active and keeps Operation Policy Name', async () => {
      const a = await send('13-get-attributes-request.hex');
      expect(stateOf(a)).toBe(State.Active);
      expect(attributeValues(a.items[0].payload, 'Operation Policy Name').map((v) => v.value)).toEqual(['default']);
    });

    it.each(['14-revoke', '15-destroy', '16-revoke', '17-destroy'])('%s succeeds', async (f) => {
      expectSuccess(await send(`${f}-request.hex`));
    });
  });

  describe('pykmip message-layer vectors (KMIP 1.1 / 1.2)', () => {
    const C = 'pykmip';
    let r: Replayer;
    const uids: Record<string, string> = {};
    beforeAll(async () => {
      r = await Replayer.open(server, 'pykmip-vectors');
      // The 3DES key named Key1 that the original server held as 49a1ca88-...
      const t = await r.send(createKey([1, 1], CryptographicAlgorithm.DES3, 168, ENC_DEC, 'Key1'));
      uids['49a1ca88-6bea-4fb2-b450-7e58802c3038'] = uidOf(t.items[0].payload);
      // The HMAC-SHA512 key "1" of the MAC vector, activated.
      const m = await r.send(createKey([1, 2], CryptographicAlgorithm.HMAC_SHA512, 512, CryptographicUsageMask.MACGenerate));
      uids['1'] = uidOf(m.items[0].payload);
      await r.send(uidRequest([1, 2], Operation.Activate, uids['1']));
    });
    afterAll(async () => r?.close());
    const send = async (file: string) => {
      const req = substitute(loadCapture(C, file), uids);
      return { req, a: await r.send(req) };
    };

    it('01 Create AES-128 returns Object Type and UID', async () => {
      const { req, a } = await send('01-create-request.hex');
      expectSameShape(a, C, '01-create-response.hex', req);
      uids['fb4b5b9c-6188-4c63-8142-fe9c328129fc'] = uidOf(a.items[0].payload);
    });

    it('02 Get returns the 3DES-168 Symmetric Key, Raw', async () => {
      const { req, a } = await send('02-get-request.hex');
      expectSameShape(a, C, '02-get-response.hex', req);
      const k = keyMaterialOf(a.items[0].payload);
      expect(k.format).toBe(KeyFormatType.Raw);
      expect(child(child(child(a.items[0].payload, Tag.SymmetricKey), Tag.KeyBlock), Tag.CryptographicAlgorithm)?.value).toBe(CryptographicAlgorithm.DES3);
    });

    it('03 Destroy returns the UID', async () => {
      const { req, a } = await send('03-destroy-request.hex');
      expectSameShape(a, C, '03-destroy-response.hex', req);
    });

    it('04 Register of a Template object returns a UID', async () => {
      const { req, a } = await send('04-register-request.hex');
      expectSameShape(a, C, '04-register-response.hex', req);
    });

    it('05 Locate by Object Type and Name finds Key1', async () => {
      const { req, a } = await send('05-locate-request.hex');
      expectSameShape(a, C, '05-locate-response.hex', req);
      expect(uidsOf(a.items[0].payload)).toEqual([uids['49a1ca88-6bea-4fb2-b450-7e58802c3038']]);
    });

    it('06 MAC with HMAC-SHA512 returns the UID and 64 bytes of MAC Data', async () => {
      const { req, a } = await send('06-mac-request.hex');
      expectSameShape(a, C, '06-mac-response.hex', req);
      expect(child(a.items[0].payload, Tag.MACData)?.value).toHaveLength(64);
    });
  });

  describe('ovh-kmip-go (KMIP 1.4)', () => {
    it('01 Discover Versions offering 1.4 answers exactly [1.4] and echoes the 16-byte UBI', async () => {
      const r = await Replayer.open(server, 'kmip-go');
      try {
        const req = loadCapture('ovh-kmip-go', '01-discover-versions-request.hex');
        const a = await r.send(req);
        expectSuccess(a);
        expect(a.items[0].ubi).toEqual(child(child(req, Tag.BatchItem), Tag.UniqueBatchItemID)!.value);
        expect(a.items[0].ubi).toHaveLength(16);
        const versions = children(a.items[0].payload, Tag.ProtocolVersion).map((p) => `${child(p, Tag.ProtocolVersionMajor)!.value}.${child(p, Tag.ProtocolVersionMinor)!.value}`);
        expect(versions).toEqual(['1.4']);
      } finally {
        await r.close();
      }
    });
  });
});

