/**
 * Login tickets (KMIP 2.1) used as Ticket credentials, over real mutual TLS with the project's own client,
 * against a real server (SQLite file, SoftHSM2 when installed): an account logs in with its password once,
 * later requests carry only the ticket and act as the account; another certificate cannot use the ticket;
 * Logout ends it. (PyKMIP 0.10 has no Login.)
 */
import * as fs from 'node:fs';
import { KmipConnection } from '../../../src/client/connection';
import { CredentialType, CryptographicAlgorithm, ObjectType, Operation, ResultReason, Tag, TicketType } from '../../../src/kmip';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { decodeResponse, type ResponseItem } from '../../../src/bench/requests';
import { startTestServer, type TestServer } from '../../helpers/server';
import { ensureBuilt, tumbler } from '../cli/admin-binary';

function message(auth: TtlvItem | undefined, items: Array<[number, TtlvItem[]]>): Buffer {
  const header: TtlvItem[] = [T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, 2), T.int(Tag.ProtocolVersionMinor, 1)])];
  if (auth) header.push(T.struct(Tag.Authentication, [auth]));
  header.push(T.int(Tag.BatchCount, items.length));
  return encodeTtlv(
    T.struct(Tag.RequestMessage, [
      T.struct(Tag.RequestHeader, header),
      ...items.map(([op, payload]) => T.struct(Tag.BatchItem, [T.enum(Tag.Operation, op), T.struct(Tag.RequestPayload, payload)])),
    ]),
  );
}

const password = (username: string, pw: string) =>
  T.struct(Tag.Credential, [T.enum(Tag.CredentialType, CredentialType.UsernameAndPassword), T.struct(Tag.CredentialValue, [T.text(Tag.Username, username), T.text(Tag.Password, pw)])]);
const ticketStruct = (v: Buffer) => T.struct(Tag.Ticket, [T.enum(Tag.TicketType, TicketType.Login), T.bytes(Tag.TicketValue, v)]);
const ticketCred = (v: Buffer) => T.struct(Tag.Credential, [T.enum(Tag.CredentialType, CredentialType.Ticket), T.struct(Tag.CredentialValue, [ticketStruct(v)])]);

describe('Login tickets as credentials (2.1, mutual TLS)', () => {
  let server: TestServer;
  let mine: KmipConnection;
  let other: KmipConnection;
  let uid: string;
  let ticket: Buffer;

  const open = (name: string) => {
    const c = server.clientCert(name);
    return KmipConnection.connect({ host: '127.0.0.1', port: server.port, servername: 'localhost', ca: fs.readFileSync(server.caPath), cert: c.certPem, key: c.keyPem });
  };
  const send = async (c: KmipConnection, auth: TtlvItem | undefined, items: Array<[number, TtlvItem[]]>): Promise<ResponseItem[]> =>
    decodeResponse(await c.request(message(auth, items)));
  const getKey = (u: string): [number, TtlvItem[]] => [Operation.Get, [T.text(Tag.UniqueIdentifier, u)]];

  beforeAll(async () => {
    ensureBuilt();
    server = await startTestServer();
    expect(tumbler(['accounts', 'add', 'fred', '--dir', server.dir], {}, 'pw-of-fred\n').status).toBe(0);
    mine = await open('client');
    other = await open('other');
    const [created, login] = await send(mine, password('fred', 'pw-of-fred'), [
      [Operation.Create, [
        T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 128), T.int(Tag.CryptographicUsageMask, 12)]),
      ]],
      [Operation.Login, [T.int(Tag.RequestCount, 3)]],
    ]);
    expect(created.ok && login.ok).toBe(true);
    uid = child(created.payload!, Tag.UniqueIdentifier)!.value as string;
    ticket = child(child(login.payload!, Tag.Ticket)!, Tag.TicketValue)!.value as Buffer;
  }, 120_000);

  afterAll(async () => {
    mine?.close();
    other?.close();
    await server?.stop();
  });

  test('the ticket alone acts as the account that logged in; without it the certificate does not see the key', async () => {
    const [withTicket] = await send(mine, ticketCred(ticket), [getKey(uid)]);
    expect(withTicket.ok).toBe(true);
    const [plain] = await send(mine, undefined, [getKey(uid)]);
    expect([plain.ok, plain.reason]).toEqual([false, ResultReason.ObjectNotFound]);
  });

  test('another certificate, or a made-up ticket, is Invalid Ticket for every item', async () => {
    const stolen = await send(other, ticketCred(ticket), [getKey(uid), [Operation.Query, []]]);
    expect(stolen.map((r) => r.reason)).toEqual([ResultReason.InvalidTicket]);
    const [fake] = await send(mine, ticketCred(Buffer.alloc(32, 7)), [getKey(uid)]);
    expect(fake.reason).toBe(ResultReason.InvalidTicket);
  });

  test('Request Count bounds the ticket, and Logout ends it', async () => {
    // One use above (refused attempts do not count); Request Count 3 leaves two.
    for (let i = 0; i < 2; i++) {
      const [r] = await send(mine, ticketCred(ticket), [getKey(uid)]);
      expect(r.ok).toBe(true);
    }
    const [spent] = await send(mine, ticketCred(ticket), [getKey(uid)]);
    expect(spent.reason).toBe(ResultReason.InvalidTicket);
    const [login] = await send(mine, password('fred', 'pw-of-fred'), [[Operation.Login, []]]);
    const t2 = child(child(login.payload!, Tag.Ticket)!, Tag.TicketValue)!.value as Buffer;
    const [out] = await send(mine, ticketCred(t2), [[Operation.Logout, [ticketStruct(t2)]]]);
    expect(out.ok).toBe(true);
    const [after] = await send(mine, ticketCred(t2), [getKey(uid)]);
    expect(after.reason).toBe(ResultReason.InvalidTicket);
  });
});
