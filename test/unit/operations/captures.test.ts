/**
 * Real-client request sequences (../shared/conformance/captures, see its README "needs" column) replayed
 * through the operation handlers: the request payloads are the clients' bytes; the Unique Identifiers
 * they name are substituted with ours (README "Replay caveats"). The message layer (header, batch, version
 * gate) is tested by its own suite; this checks what each operation answers these clients.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parsePrettyHex } from '../../../src/ttlv';
import { decodeTtlv } from '../../../src/ttlv/binary-reader';
import { ItemType } from '../../../src/kmip/item-type';
import { Tag, Operation, ObjectType, State, KeyFormatType } from '../../../src/kmip';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { OPERATIONS } from '../../../src/operations';
import type { OperationResult } from '../../../src/operations/types';
import { describeWithShared, sharedPath } from '../ttlv/shared-dir';
import { makeEnv, payloadStruct, uidOf, uidsOf, type Env } from './helpers';

interface Item {
  operation: number;
  payload: TtlvItem;
}
interface Request {
  version: { major: number; minor: number };
  items: Item[];
}

function load(client: string, file: string): Request {
  const text = fs.readFileSync(path.join(sharedPath('conformance/captures'), client, file), 'utf8');
  const msg = decodeTtlv(parsePrettyHex(text));
  const pv = child(child(msg, Tag.RequestHeader), Tag.ProtocolVersion);
  const version = { major: child(pv, Tag.ProtocolVersionMajor)!.value as number, minor: child(pv, Tag.ProtocolVersionMinor)!.value as number };
  const items = children(msg, Tag.BatchItem).map((b) => ({
    operation: child(b, Tag.Operation)!.value as number,
    payload: child(b, Tag.RequestPayload)!,
  }));
  return { version, items };
}

/** Replays captured requests, mapping the UIDs the client names onto the objects we created, in order. */
class Replayer {
  private readonly map = new Map<string, string>();
  private readonly created: string[] = [];
  constructor(readonly env: Env) {}

  private substitute(payload: TtlvItem): TtlvItem {
    if (payload.type !== ItemType.Structure) return payload;
    return {
      ...payload,
      value: payload.value.map((c) => {
        if (c.tag !== Tag.UniqueIdentifier || c.type !== ItemType.TextString) return c;
        let ours = this.map.get(c.value);
        if (!ours) {
          ours = this.created.find((u) => ![...this.map.values()].includes(u)) ?? this.created[this.created.length - 1];
          this.map.set(c.value, ours);
        }
        return T.text(Tag.UniqueIdentifier, ours);
      }),
    };
  }

  async send(client: string, file: string): Promise<OperationResult[]> {
    const req = load(client, file);
    const out: OperationResult[] = [];
    const ctx = this.env.ctx(req.version.major, req.version.minor);
    for (const it of req.items) {
      const h = OPERATIONS.get(it.operation);
      if (!h) throw new Error(`no handler for operation ${it.operation}`);
      const r = await h.handle(this.substitute(it.payload), ctx);
      if (r.idPlaceholder !== undefined) ctx.idPlaceholder = r.idPlaceholder;
      if (it.operation === Operation.Create || it.operation === Operation.Register || it.operation === Operation.ReKey) this.created.push(uidOf(r));
      out.push(r);
    }
    return out;
  }
}

const attrNames = (r: OperationResult) => children(payloadStruct(r), Tag.Attribute).map((a) => child(a, Tag.AttributeName)?.value);
const attrValue = (r: OperationResult, name: string) =>
  children(payloadStruct(r), Tag.Attribute).find((a) => child(a, Tag.AttributeName)?.value === name)?.value as TtlvItem[] | undefined;
const keyMaterial = (r: OperationResult) => {
  const obj = r.payload[2];
  return child(child(child(obj, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
};

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

describeWithShared('captured client sequences through the operations', 'conformance/captures', () => {
  test('VMware vCenter 7.0.3 (KMIP 1.1)', async () => {
    const r = new Replayer(env);
    const dv = (await r.send('vmware-vcenter', '01-discover-versions-request.hex'))[0];
    expect(children(payloadStruct(dv), Tag.ProtocolVersion).some((p) => child(p, Tag.ProtocolVersionMinor)?.value === 1 && child(p, Tag.ProtocolVersionMajor)?.value === 1)).toBe(true);
    const q = (await r.send('vmware-vcenter', '03-query-request.hex'))[0];
    expect(child(payloadStruct(q), Tag.VendorIdentification)?.value).toBe('Tumbler');
    const c = (await r.send('vmware-vcenter', '04-create-request.hex'))[0];
    expect(c.payload[0]).toEqual(T.enum(Tag.ObjectType, ObjectType.SymmetricKey));
    const uid = uidOf(c);
    for (const f of ['05-get-attributes-request.hex', '06-get-attributes-request.hex', '07-get-attributes-request.hex']) {
      expect((await r.send('vmware-vcenter', f))[0].payload).toEqual([T.text(Tag.UniqueIdentifier, uid)]);
    }
    const adds = await r.send('vmware-vcenter', '08-add-attribute-request.hex');
    expect(adds).toHaveLength(3);
    expect(adds.map((a) => child(a.payload[1], Tag.AttributeName)?.value)).toEqual(['x-Product_Version', 'x-Vendor', 'x-Product']);
    const g = (await r.send('vmware-vcenter', '09-get-request.hex'))[0];
    expect(child(child(g.payload[2], Tag.KeyBlock), Tag.KeyFormatType)?.value).toBe(KeyFormatType.Raw);
    expect((keyMaterial(g)!.value as Buffer).length).toBe(32);
    const st = (await r.send('vmware-vcenter', '10-get-attributes-request.hex'))[0];
    expect(attrNames(st)).toEqual(['State']);
    expect(children(payloadStruct(st), Tag.Attribute).map((a) => child(a, Tag.AttributeValue)?.value)).toEqual([State.PreActive]);
    expect((await r.send('vmware-vcenter', '11-activate-request.hex'))[0].payload).toEqual([T.text(Tag.UniqueIdentifier, uid)]);
    for (const f of ['12-get-attributes-request.hex', '13-get-attributes-request.hex', '14-get-attributes-request.hex']) {
      expect((await r.send('vmware-vcenter', f))[0].payload).toEqual([T.text(Tag.UniqueIdentifier, uid)]);
    }
    await r.send('vmware-vcenter', '15-add-attribute-request.hex');
    await r.send('vmware-vcenter', '16-add-attribute-request.hex');
    const all = await OPERATIONS.get(Operation.GetAttributes)!.handle(T.struct(Tag.RequestPayload, [T.text(Tag.UniqueIdentifier, uid)]), env.ctx(1, 1));
    expect(attrNames(all)).toEqual(expect.arrayContaining(['x-Vendor', 'x-Product', 'x-Name', 'x-Component', 'x-Identifier']));
  });

  test('Synology DSM (KMIP 1.2)', async () => {
    const r = new Replayer(env);
    await r.send('synology-dsm', '01-query-request.hex');
    expect((await r.send('synology-dsm', '02-locate-request.hex'))[0].payload).toEqual([]);
    const reg = (await r.send('synology-dsm', '03-register-request.hex'))[0];
    const uid = uidOf(reg);
    const mod = (await r.send('synology-dsm', '04-modify-attribute-request.hex'))[0];
    expect(mod.payload[0]).toEqual(T.text(Tag.UniqueIdentifier, uid));
    expect(child(mod.payload[1], Tag.AttributeName)?.value).toBe('Name');
    // The reconstructed Locate (02) names a placeholder volume; the wire Modify (04) a real one: locate that name
    // with the same request shape.
    const newName = child(child(load('synology-dsm', '04-modify-attribute-request.hex').items[0].payload, Tag.Attribute), Tag.AttributeValue)!;
    const loc = load('synology-dsm', '02-locate-request.hex').items[0].payload;
    const relocate = T.struct(Tag.RequestPayload, [T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Name'), newName])]);
    expect(child(child(loc, Tag.Attribute), Tag.AttributeName)?.value).toBe('Name');
    expect(uidsOf(await OPERATIONS.get(Operation.Locate)!.handle(relocate, env.ctx(1, 2)))).toEqual([uid]);
    expect((await r.send('synology-dsm', '02-locate-request.hex'))[0].payload).toEqual([]);
    await r.send('synology-dsm', '05-activate-request.hex');
    const list = (await r.send('synology-dsm', '06-get-attribute-list-request.hex'))[0];
    expect(children(payloadStruct(list), Tag.AttributeName).map((n) => n.value)).toEqual(expect.arrayContaining(['State', 'Name', 'Operation Policy Name']));
    const ga = (await r.send('synology-dsm', '07-get-attributes-request.hex'))[0];
    expect(attrNames(ga)).toEqual(['State', 'Object Type']);
    const get = (await r.send('synology-dsm', '08-get-request.hex'))[0];
    expect(get.payload[0]).toEqual(T.enum(Tag.ObjectType, ObjectType.SecretData));
    const opn = await OPERATIONS.get(Operation.GetAttributes)!.handle(
      T.struct(Tag.RequestPayload, [T.text(Tag.UniqueIdentifier, uid), T.text(Tag.AttributeName, 'Operation Policy Name')]),
      env.ctx(1, 2),
    );
    expect(child(opn.payload[1], Tag.AttributeValue)?.value).toBe('default');
  });

  test('VAST Data (KMIP 1.4) including Re-key', async () => {
    const r = new Replayer(env);
    await r.send('vast-data', '01-discover-versions-request.hex');
    const old = uidOf((await r.send('vast-data', '02-create-request.hex'))[0]);
    for (const f of ['03-add-attribute-request.hex', '04-add-attribute-request.hex', '05-add-attribute-request.hex', '06-activate-request.hex']) await r.send('vast-data', f);
    expect(uidsOf((await r.send('vast-data', '07-locate-request.hex'))[0])).toEqual([old]);
    await r.send('vast-data', '08-get-request.hex');
    const st = (await r.send('vast-data', '09-get-attributes-request.hex'))[0];
    expect(attrValue(st, 'State')?.find((f) => f.tag === Tag.AttributeValue)?.value).toBe(State.Active);
    const fresh = uidOf((await r.send('vast-data', '10-rekey-request.hex'))[0]);
    expect(fresh).not.toBe(old);
    expect(uidsOf((await r.send('vast-data', '11-locate-request.hex'))[0])).toEqual([fresh]);
    const g = (await r.send('vast-data', '12-get-request.hex'))[0];
    expect(uidOf(g)).toBe(fresh);
    const ga = (await r.send('vast-data', '13-get-attributes-request.hex'))[0];
    expect(uidOf(ga)).toBe(fresh);
    expect(attrNames(ga)).toEqual(expect.arrayContaining(['State', 'Activation Date', 'Operation Policy Name']));
    for (const f of ['14-revoke-request.hex', '15-destroy-request.hex', '16-revoke-request.hex', '17-destroy-request.hex']) await r.send('vast-data', f);
    expect(env.store.get(old)!.state).toBe(State.Destroyed);
    expect(env.store.get(fresh)!.state).toBe(State.Destroyed);
  });

  test('Percona pg_tde: Register at 1.4, Locate and Get at 1.0', async () => {
    const r = new Replayer(env);
    const uid = uidOf((await r.send('percona-pg_tde', '01-register-request.hex'))[0]);
    expect(uidsOf((await r.send('percona-pg_tde', '02-locate-request.hex'))[0])).toEqual([uid]);
    const g = (await r.send('percona-pg_tde', '03-get-request.hex'))[0];
    expect(g.payload[0]).toEqual(T.enum(Tag.ObjectType, ObjectType.SymmetricKey));
    expect(child(child(g.payload[2], Tag.KeyBlock), Tag.KeyFormatType)?.value).toBe(KeyFormatType.Raw);
    expect(child(child(g.payload[2], Tag.KeyBlock), Tag.KeyWrappingData)).toBeUndefined();
  });

  test('MySQL keyring_okv Create with Attribute Index 0', async () => {
    const r = new Replayer(env);
    const c = (await r.send('mysql-enterprise', '01-create-request.hex'))[0];
    expect(env.store.get(uidOf(c))!.objectType).toBe(ObjectType.SymmetricKey);
  });

  test('FortiGate: batched Locates with Name inside Template-Attribute find different keys; batched Get', async () => {
    const req = load('fortigate', '02-locate-batch2-request.hex');
    const names = req.items.map((it) => {
      const ta = child(it.payload, Tag.TemplateAttribute)!;
      return child(child(ta, Tag.Attribute), Tag.AttributeValue)!;
    });
    const r = new Replayer(env);
    const uids: string[] = [];
    for (const n of names) {
      const res = await OPERATIONS.get(Operation.Register)!.handle(
        T.struct(Tag.RequestPayload, [
          T.enum(Tag.ObjectType, ObjectType.SecretData),
          T.struct(Tag.TemplateAttribute, [T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Name'), n])]),
          T.struct(Tag.SecretData, [
            T.enum(Tag.SecretDataType, 1),
            T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.Opaque), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.alloc(16, uids.length + 1))])]),
          ]),
        ]),
        env.ctx(1, 0),
      );
      uids.push(uidOf(res));
    }
    const located = await r.send('fortigate', '02-locate-batch2-request.hex');
    expect(located.map((l) => uidsOf(l))).toEqual(uids.map((u) => [u]));
    (r as unknown as { created: string[] }).created.push(...uids);
    const got = await r.send('fortigate', '03-get-batch2-request.hex');
    expect(got.map((g) => uidOf(g))).toEqual(uids);
    expect(got.map((g) => (keyMaterial(g)!.value as Buffer)[0])).toEqual([1, 2]);
    // The 4-item batch with different names also answers each item on its own (here: nothing registered).
    const four = await r.send('fortigate', '01-locate-batch4-request.hex');
    expect(four).toHaveLength(4);
  });

  test('MongoDB libmongocrypt (KMIP 1.0): Register Secret Data, Activate, Get', async () => {
    const r = new Replayer(env);
    const uid = uidOf((await r.send('mongodb-libmongocrypt', '02-register-request.hex'))[0]);
    expect((await r.send('mongodb-libmongocrypt', '03-activate-request.hex'))[0].payload).toEqual([T.text(Tag.UniqueIdentifier, uid)]);
    const g = (await r.send('mongodb-libmongocrypt', '04-get-request.hex'))[0];
    expect((keyMaterial(g)!.value as Buffer).length).toBe(96);
    const ga = await OPERATIONS.get(Operation.GetAttributes)!.handle(T.struct(Tag.RequestPayload, [T.text(Tag.UniqueIdentifier, uid)]), env.ctx(1, 0));
    expect(attrNames(ga)).not.toContain('Fresh');
    expect(attrNames(ga)).not.toContain('Original Creation Date');
  });

  test('PyKMIP (KMIP 1.1): Register a Template object, Create, Destroy', async () => {
    const r = new Replayer(env);
    const t = uidOf((await r.send('pykmip', '04-register-request.hex'))[0]);
    expect(env.store.get(t)!.objectType).toBe(ObjectType.Template);
    const c = (await r.send('pykmip', '01-create-request.hex'))[0];
    expect(c.payload[0]).toEqual(T.enum(Tag.ObjectType, ObjectType.SymmetricKey));
    const d = (await r.send('pykmip', '03-destroy-request.hex'))[0];
    expect(d.payload).toHaveLength(1);
  });
});
