/**
 * The benchmark's pre-population (buildFixture) against an in-memory fake KMIP peer that decodes the
 * real request messages: chunks are shared over every connection, names line up with uids, requests stay
 * under the size cap, and Activate is sent exactly when the server did not make the keys Active itself.
 */
import type { KmipConnection } from '../../../src/client/connection';
import { parseKmipVersion } from '../../../src/bench';
import { buildFixture } from '../../../src/bench/workloads';
import { Operation, ResultReason, ResultStatus, State, Tag } from '../../../src/kmip';
import { ItemType } from '../../../src/kmip/item-type';
import { decodeTtlv } from '../../../src/ttlv/binary-reader';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';

interface Peer {
  /**
   * applies: a past Activation Date makes the key Active at registration (as Tumbler does); ignores: keys
   * stay Pre-Active; rejects: Register with an Activation Date fails with Invalid Field (as PyKMIP does).
   */
  mode: 'applies' | 'ignores' | 'rejects';
  state: Map<string, number>;
  nameToUid: Map<string, string>;
  /** Per connection: operations of each message and its size. */
  log: Array<Array<{ ops: number[]; bytes: number }>>;
  next: number;
}

function attrs1x(payload: TtlvItem | undefined): Map<string, TtlvItem> {
  const out = new Map<string, TtlvItem>();
  for (const a of children(child(payload, Tag.TemplateAttribute), Tag.Attribute)) {
    const n = child(a, Tag.AttributeName);
    const v = child(a, Tag.AttributeValue);
    if (n?.type === ItemType.TextString && v) out.set(n.value, v);
  }
  return out;
}

function answer(peer: Peer, frame: Buffer): Buffer {
  const req = decodeTtlv(frame, { maxMessageSize: 64 << 20 });
  const items = children(req, Tag.BatchItem).map((b) => {
    const op = child(b, Tag.Operation)!.value as number;
    const payload = child(b, Tag.RequestPayload);
    const out: TtlvItem[] = [];
    if (op === Operation.Register && peer.mode === 'rejects' && attrs1x(payload).has('Activation Date')) {
      return T.struct(Tag.BatchItem, [
        T.enum(Tag.Operation, op),
        T.enum(Tag.ResultStatus, ResultStatus.OperationFailed),
        T.enum(Tag.ResultReason, ResultReason.InvalidField),
      ]);
    }
    if (op === Operation.Register) {
      const uid = `uid-${peer.next++}`;
      const a = attrs1x(payload);
      const name = child(a.get('Name'), Tag.NameValue);
      if (name?.type === ItemType.TextString) peer.nameToUid.set(name.value, uid);
      const activation = a.get('Activation Date');
      const past = activation?.type === ItemType.DateTime && activation.value <= BigInt(Math.floor(Date.now() / 1000));
      peer.state.set(uid, peer.mode === 'applies' && past ? State.Active : State.PreActive);
      out.push(T.text(Tag.UniqueIdentifier, uid));
    } else if (op === Operation.Activate) {
      const uid = child(payload, Tag.UniqueIdentifier)!.value as string;
      if (peer.state.get(uid) !== State.PreActive) throw new Error(`Activate of ${uid} in state ${peer.state.get(uid)}`);
      peer.state.set(uid, State.Active);
      out.push(T.text(Tag.UniqueIdentifier, uid));
    } else if (op === Operation.Locate) {
      const a = new Map(children(payload, Tag.Attribute).map((x) => [child(x, Tag.AttributeName)!.value as string, child(x, Tag.AttributeValue)!]));
      const uid = peer.nameToUid.get(child(a.get('Name'), Tag.NameValue)!.value as string);
      if (uid && peer.state.get(uid) === (a.get('State')!.value as number)) out.push(T.text(Tag.UniqueIdentifier, uid));
    } else throw new Error(`unexpected operation ${op}`);
    return T.struct(Tag.BatchItem, [T.enum(Tag.Operation, op), T.enum(Tag.ResultStatus, ResultStatus.Success), T.struct(Tag.ResponsePayload, out)]);
  });
  return encodeTtlv(
    T.struct(Tag.ResponseMessage, [
      T.struct(Tag.ResponseHeader, [
        T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, 1), T.int(Tag.ProtocolVersionMinor, 4)]),
        T.date(Tag.TimeStamp, BigInt(Math.floor(Date.now() / 1000))),
        T.int(Tag.BatchCount, items.length),
      ]),
      ...items,
    ]),
  );
}

function fakeConnections(peer: Peer, n: number): KmipConnection[] {
  return Array.from({ length: n }, (_, i) => {
    peer.log.push([]);
    return {
      request: async (frame: Buffer) => {
        const ops = children(decodeTtlv(frame, { maxMessageSize: 64 << 20 }), Tag.BatchItem).map((b) => child(b, Tag.Operation)!.value as number);
        peer.log[i].push({ ops, bytes: frame.length });
        // Yield so the connections really interleave.
        await new Promise((r) => setImmediate(r));
        return answer(peer, frame);
      },
    } as unknown as KmipConnection;
  });
}

const newPeer = (mode: Peer['mode']): Peer => ({ mode, state: new Map(), nameToUid: new Map(), log: [], next: 0 });
const opts = { version: parseKmipVersion('1.4'), cipher: 'aes-gcm' as const, dataSize: 16, ciphertexts: false };

describe('buildFixture (pre-population)', () => {
  test('a server that activates at registration: no Activate, chunks over every connection, names match uids', async () => {
    const peer = newPeer('applies');
    const fx = await buildFixture(fakeConnections(peer, 3), { ...opts, count: 1234, batch: 100 });
    expect(fx.uids).toHaveLength(1234);
    expect(new Set(fx.uids).size).toBe(1234);
    fx.names.forEach((name, i) => expect(peer.nameToUid.get(name)).toBe(fx.uids[i]));
    expect(fx.uids.every((u) => peer.state.get(u) === State.Active)).toBe(true);
    const all = peer.log.flat();
    expect(all.filter((m) => m.ops.includes(Operation.Activate))).toEqual([]);
    expect(all.filter((m) => m.ops.includes(Operation.Locate))).toHaveLength(1);
    // 13 chunks of <= 100 (after the one-key probe), shared by all three connections.
    expect(all.filter((m) => m.ops[0] === Operation.Register).map((m) => m.ops.length).sort((a, b) => b - a)[0]).toBe(100);
    for (const conn of peer.log) expect(conn.some((m) => m.ops[0] === Operation.Register)).toBe(true);
  });

  test.each(['ignores', 'rejects'] as const)('a server that %s the Activation Date gets one Activate per key', async (mode) => {
    const peer = newPeer(mode);
    const fx = await buildFixture(fakeConnections(peer, 2), { ...opts, count: 310, batch: 50 });
    expect(fx.uids).toHaveLength(310);
    expect(new Set(fx.uids).size).toBe(310);
    expect(fx.uids.every((u) => peer.state.get(u) === State.Active)).toBe(true);
    const activated = peer.log.flat().filter((m) => m.ops[0] === Operation.Activate).reduce((n, m) => n + m.ops.length, 0);
    expect(activated).toBe(310);
  });

  test('the batch is capped so that no request exceeds 512 KiB', async () => {
    const peer = newPeer('applies');
    const fx = await buildFixture(fakeConnections(peer, 1), { ...opts, count: 5000, batch: 100_000 });
    expect(fx.uids).toHaveLength(5000);
    const regs = peer.log.flat().filter((m) => m.ops[0] === Operation.Register);
    expect(regs.length).toBeGreaterThan(1);
    for (const m of regs) expect(m.bytes).toBeLessThanOrEqual(512 * 1024);
  });
});
