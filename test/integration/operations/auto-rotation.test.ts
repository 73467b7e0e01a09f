/**
 * Automatic rotation on a real server (SQLite file, SoftHSM2 when installed) over mutual TLS with the
 * project's client (KMIP 2.1; PyKMIP 0.10 does not know the Rotate attributes): a key created with Rotate
 * Automatic and a 1 s Rotate Interval is re-keyed by the server's sweep, the Name follows the new key, the
 * two are linked, and the audit trail has the server's record.
 */
import * as fs from 'node:fs';
import { KmipConnection } from '../../../src/client/connection';
import { CryptographicAlgorithm, LinkType, NameType, ObjectType, Operation, State, Tag } from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { decodeResponse } from '../../../src/bench/requests';
import { startTestServer, type TestServer } from '../../helpers/server';
import { ensureBuilt, json, tumbler } from '../cli/admin-binary';

jest.setTimeout(120_000);

let server: TestServer;
let conn: KmipConnection;

async function call(operation: number, payload: TtlvItem[]): Promise<TtlvItem> {
  const msg = T.struct(Tag.RequestMessage, [
    T.struct(Tag.RequestHeader, [T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, 2), T.int(Tag.ProtocolVersionMinor, 1)]), T.int(Tag.BatchCount, 1)]),
    T.struct(Tag.BatchItem, [T.enum(Tag.Operation, operation), T.struct(Tag.RequestPayload, payload)]),
  ]);
  const [r] = decodeResponse(await conn.request(encodeTtlv(msg)));
  if (!r.ok) throw new Error(`operation ${operation} failed: ${r.reason} ${r.message ?? ''}`);
  return r.payload!;
}
const locateByName = async (name: string) =>
  children(await call(Operation.Locate, [T.struct(Tag.Attributes, [T.struct(Tag.Name, [T.text(Tag.NameValue, name), T.enum(Tag.NameType, NameType.UninterpretedTextString)])])]), Tag.UniqueIdentifier).map(
    (u) => u.value as string,
  );
const attributes = async (uid: string) => child(await call(Operation.GetAttributes, [T.text(Tag.UniqueIdentifier, uid)]), Tag.Attributes)!;

beforeAll(async () => {
  ensureBuilt();
  server = await startTestServer({ sweepIntervalMs: 250 });
  const c = server.clientCert('client');
  conn = await KmipConnection.connect({ host: '127.0.0.1', port: server.port, servername: 'localhost', ca: fs.readFileSync(server.caPath), cert: c.certPem, key: c.keyPem });
});
afterAll(async () => {
  conn?.close();
  await server?.stop();
});

test('the server re-keys the key when its Rotate Interval has passed', async () => {
  const created = await call(Operation.Create, [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.Attributes, [
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, 256),
      T.int(Tag.CryptographicUsageMask, M.Encrypt | M.Decrypt),
      T.struct(Tag.Name, [T.text(Tag.NameValue, 'rotating-db-key'), T.enum(Tag.NameType, NameType.UninterpretedTextString)]),
      T.bool(Tag.RotateAutomatic, true),
      T.interval(Tag.RotateInterval, 1),
      // Active from its creation: activated by a later request, it could be rotated first (due at the next
      // whole second, which may be milliseconds away) and its replacements, copying its dates, stay Pre-Active.
      T.date(Tag.ActivationDate, BigInt(Math.floor(Date.now() / 1000) - 60)),
    ]),
  ]);
  const k0 = child(created, Tag.UniqueIdentifier)!.value as string;
  expect(child(await attributes(k0), Tag.State)?.value).toBe(State.Active);
  expect(child(await attributes(k0), Tag.RotateGeneration)?.value).toBe(0);

  let current = [k0];
  for (let i = 0; i < 60 && current[0] === k0; i++) {
    await new Promise((r) => setTimeout(r, 250));
    current = await locateByName('rotating-db-key');
  }
  expect(current).toHaveLength(1);
  const k1 = current[0];
  expect(k1).not.toBe(k0);
  const a1 = await attributes(k1);
  // (k1 itself rotates a second later; what is checked here does not change when it does.)
  expect(child(a1, Tag.RotateGeneration)?.value).toBe(1);
  const link = children(a1, Tag.Link).find((l) => child(l, Tag.LinkType)?.value === LinkType.ReplacedObjectLink);
  expect(child(link!, Tag.LinkedObjectIdentifier)?.value).toBe(k0);
  const a0 = await attributes(k0);
  expect(child(a0, Tag.RotateLatest)?.value).toBe(false);
  expect(child(a0, Tag.RotateDate)).toBeDefined();
  // The newest key works. Rotation goes on every second, so on a loaded machine k1 may already have been
  // replaced (and may no longer protect) by now: encrypt with whichever key the name finds, retried only
  // when a rotation came between the Locate and the Encrypt.
  let enc: TtlvItem | undefined;
  for (let attempt = 0; !enc; attempt++) {
    const [latest] = await locateByName('rotating-db-key');
    expect(latest).not.toBe(k0);
    try {
      enc = await call(Operation.Encrypt, [T.text(Tag.UniqueIdentifier, latest), T.struct(Tag.CryptographicParameters, [T.enum(Tag.BlockCipherMode, 1)]), T.bytes(Tag.Data, Buffer.alloc(16, 7))]);
    } catch (err) {
      if (attempt >= 5 || !/not Active/.test((err as Error).message)) throw err;
    }
  }
  expect((child(enc, Tag.Data)!.value as Buffer).length).toBe(16);

  const recs = json(tumbler(['audit', 'query', '--dir', server.dir, '--operation', 'ReKey', '--json']));
  expect(recs.find((r: { objects: string[] }) => r.objects[0] === k0)).toMatchObject({ source: 'server', principal: 'client', status: 'Success', objects: [k0, k1] });
});
