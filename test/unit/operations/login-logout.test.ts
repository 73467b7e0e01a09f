import { Tag, Operation, ResultReason, TicketType } from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { redeemTicket, MAX_TICKET_SECONDS } from '../../../src/operations/tickets';
import { makeEnv, run, reasonOf, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const now = () => BigInt(Math.floor(env.clock.now.getTime() / 1000));
const ALICE_CERT = 'aa'.repeat(32);
const login = (over = {}) => env.ctx(2, 1, { fingerprint: ALICE_CERT, ...over });
/** Redeems v as a request over alice's certificate (or `fingerprint`) would: true when it is accepted for alice. */
const useTicket = (_store: unknown, v: Buffer, who: string, tenant: string, at: bigint, fingerprint = who === 'alice' ? ALICE_CERT : 'bb'.repeat(32)) =>
  redeemTicket(env.store, v, { tenant, fingerprint }, at)?.principal === 'alice';
const ticketOf = (r: { payload: TtlvItem[] }) => {
  const t = r.payload[0];
  expect(t.tag).toBe(Tag.Ticket);
  expect(child(t, Tag.TicketType)?.value).toBe(TicketType.Login);
  return child(t, Tag.TicketValue)!.value as Buffer;
};

test('Login (TC-LOGIN-1): a ticket good for Request Count requests over the same certificate, then spent', async () => {
  const v = ticketOf(await run(Operation.Login, login(), [T.interval(Tag.LeaseTime, 0), T.int(Tag.RequestCount, 3)]));
  expect(v.length).toBe(32);
  expect(useTicket(env.store, v, 'mallory', '', now())).toBe(false); // another certificate
  expect(redeemTicket(env.store, v, { tenant: 'acme', fingerprint: ALICE_CERT }, now())).toBeUndefined(); // another tenant
  expect([1, 2, 3].map(() => useTicket(env.store, v, 'alice', '', now()))).toEqual([true, true, true]);
  expect(useTicket(env.store, v, 'alice', '', now())).toBe(false);
  expect(useTicket(env.store, Buffer.alloc(32), 'alice', '', now())).toBe(false);
});

test('the lease bounds a ticket (capped at a day); Logout invalidates it; a second Logout is Invalid Ticket', async () => {
  const v = ticketOf(await run(Operation.Login, login(), [T.interval(Tag.LeaseTime, 60)]));
  expect(useTicket(env.store, v, 'alice', '', now() + 59n)).toBe(true);
  expect(useTicket(env.store, v, 'alice', '', now() + 60n)).toBe(false);
  const long = ticketOf(await run(Operation.Login, login(), [T.interval(Tag.LeaseTime, 10 * MAX_TICKET_SECONDS)]));
  expect(useTicket(env.store, long, 'alice', '', now() + BigInt(MAX_TICKET_SECONDS) + 1n)).toBe(false);
  const w = ticketOf(await run(Operation.Login, login(), []));
  const ticket = T.struct(Tag.Ticket, [T.enum(Tag.TicketType, TicketType.Login), T.bytes(Tag.TicketValue, w)]);
  expect(await reasonOf(run(Operation.Logout, env.ctx(2, 1, { principal: 'bob' }), [ticket]))).toBe(ResultReason.InvalidTicket);
  expect((await run(Operation.Logout, env.ctx(2, 1), [ticket])).payload).toEqual([]);
  expect(useTicket(env.store, w, 'alice', '', now())).toBe(false);
  expect(await reasonOf(run(Operation.Logout, env.ctx(2, 1), [ticket]))).toBe(ResultReason.InvalidTicket);
});

test('Login refusals: Request Count 0, Lease Time in the past, Usage Limits; Logout without a Ticket', async () => {
  const ctx = env.ctx(2, 1);
  expect(await reasonOf(run(Operation.Login, ctx, [T.int(Tag.RequestCount, 0)]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.Login, ctx, [T.date(Tag.LeaseTime, now() - 1n)]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.Login, ctx, [T.struct(Tag.UsageLimits, [])]))).toBe(ResultReason.FeatureNotSupported);
  expect(await reasonOf(run(Operation.Logout, ctx, []))).toBe(ResultReason.InvalidField);
});
