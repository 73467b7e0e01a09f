/**
 * `tumbler keys list|show|create|rotate|revoke|destroy --dir DIR`: key management through the same
 * operations layer as KMIP requests (Locate, Get Attributes, Create, Re-key, Revoke, Destroy), as the first
 * configured admin or `--as PRINCIPAL`, with the same access control and an audit record per operation.
 * The store is opened directly (SQLite WAL allows it next to a running server).
 */
import type { Command } from 'commander';
import { Operation, RevocationReasonCode, ObjectType, CryptographicAlgorithm, CryptographicUsageMask, NameType, Tag } from '../../kmip';
import { T, type TtlvItem } from '../../ttlv/item';
import { ItemType } from '../../kmip/item-type';
import { decodeAttributes2x } from '../../attributes/convert';
import { withEffectiveState } from '../../operations/common';
import { CliError, EXIT } from '../errors';
import { intOption } from '../options';
import { runOperation, withSession, type AdminSession } from '../admin-session';
import { attributeMap, formatValue } from '../attribute-format';
import { printJson, printTable } from '../output';
import { operationName } from '../../auth';

interface Base {
  dir: string;
  as?: string;
  json?: boolean;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** "90d", "12h", "30m", "45s", "2w" or plain seconds, as whole seconds (an Interval: at most 2^32 - 1). */
export function durationSeconds(text: string, flag: string, min: number): number {
  const m = /^(\d+)\s*([smhdw]?)$/i.exec(text.trim());
  const n = m ? Number(m[1]) * UNIT_SECONDS[(m[2] || 's').toLowerCase()] : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > 0xffffffff) {
    throw new CliError(`${flag} must be a duration such as 90d, 12h, 30m or 3600 (seconds), at least ${min} s, got "${text}"`, EXIT.USAGE);
  }
  return n;
}

const attr = (name: string, value: TtlvItem) => T.struct(Tag.Attribute, [T.text(Tag.AttributeName, name), { ...value, tag: Tag.AttributeValue } as TtlvItem]);

function uidsOf(payload: TtlvItem[]): string[] {
  return payload.filter((i) => i.tag === Tag.UniqueIdentifier && i.type === ItemType.TextString).map((i) => i.value as string);
}

interface KeySummary {
  uid: string;
  objectType: string;
  state: string;
  algorithm: string;
  length: string;
  name: string;
  owner: string;
}

function summary(s: AdminSession, uid: string): KeySummary | undefined {
  const raw = s.store.get(uid);
  if (!raw) return undefined;
  const obj = withEffectiveState({ now: () => new Date() } as never, raw);
  const a = attributeMap(obj.attributes);
  const one = (n: string) => {
    const v = a[n];
    return v === undefined ? '' : Array.isArray(v) ? v.join(',') : v;
  };
  return {
    uid,
    objectType: formatValue('Object Type', T.enum(Tag.ObjectType, obj.objectType)),
    state: formatValue('State', T.enum(Tag.State, obj.state)),
    algorithm: one('Cryptographic Algorithm'),
    length: one('Cryptographic Length'),
    name: one('Name').replace(/^NameValue=/, '').replace(/ NameType=.*$/, ''),
    owner: obj.owner,
  };
}

const ALGORITHMS: Record<string, number> = { AES: CryptographicAlgorithm.AES, '3DES': CryptographicAlgorithm.DES3, DES3: CryptographicAlgorithm.DES3, HMACSHA256: CryptographicAlgorithm.HMAC_SHA256 };

const REASONS: Record<string, number> = {
  unspecified: RevocationReasonCode.Unspecified,
  'key-compromise': RevocationReasonCode.KeyCompromise,
  compromise: RevocationReasonCode.KeyCompromise,
  superseded: RevocationReasonCode.Superseded,
  'cessation-of-operation': RevocationReasonCode.CessationOfOperation,
  cessation: RevocationReasonCode.CessationOfOperation,
  'affiliation-changed': RevocationReasonCode.AffiliationChanged,
  'privilege-withdrawn': RevocationReasonCode.PrivilegeWithdrawn,
};

function usageMask(list: string): number {
  let m = 0;
  for (const u of list.split(',').map((x) => x.trim()).filter(Boolean)) {
    const key = Object.keys(CryptographicUsageMask).find((k) => k.toLowerCase() === u.toLowerCase().replace(/[^a-z]/g, ''));
    if (!key) throw new CliError(`--usage: unknown usage "${u}" (e.g. Encrypt,Decrypt,WrapKey)`, EXIT.USAGE);
    m |= (CryptographicUsageMask as Record<string, number>)[key];
  }
  return m;
}

function printSummaries(list: KeySummary[], json?: boolean): void {
  if (json) printJson(list);
  else printTable(['UID', 'TYPE', 'STATE', 'ALGORITHM', 'LENGTH', 'NAME', 'OWNER'], list.map((k) => [k.uid, k.objectType, k.state, k.algorithm, k.length, k.name, k.owner]), '(no objects)');
}

export function register(program: Command): void {
  const keys = program.commands.find((c) => c.name() === 'keys') ?? program.command('keys').description('manage keys through the KMIP operations layer');
  const common = (c: Command) =>
    c.requiredOption('--dir <dir>', 'server directory').option('--as <principal>', 'act as this principal (default: the first configured admin)').option('--json', 'JSON output');

  common(keys.command('list').description('objects the actor may see (Locate), newest first, a page at a time'))
    .option('--name <name>', 'only objects with this Name')
    .option('--limit <n>', 'at most this many objects (0 = all of them)', '1000')
    .option('--offset <n>', 'skip this many objects first', '0')
    .action(async (o: Base & { name?: string; limit: string; offset: string }) => {
      // KMIP Integers (Maximum Items, Offset Items) are 32-bit.
      const limit = intOption('limit', o.limit, 0, 0x7fffffff);
      const offset = intOption('offset', o.offset, 0, 0x7fffffff);
      await withSession(o.dir, { as: o.as, crypto: true }, async (s) => {
        const filter = o.name ? [attr('Name', T.struct(Tag.AttributeValue, [T.text(Tag.NameValue, o.name), T.enum(Tag.NameType, NameType.UninterpretedTextString)]))] : [];
        // Offset Items (KMIP 1.3+) also makes the answer carry Located Items, the count of every match.
        const page = [...filter, T.int(Tag.OffsetItems, offset), ...(limit > 0 ? [T.int(Tag.MaximumItems, limit)] : [])];
        const answer = await runOperation(s, Operation.Locate, page);
        const uids = uidsOf(answer);
        const located = answer.find((i) => i.tag === Tag.LocatedItems);
        const total = located?.type === ItemType.Integer ? located.value : undefined;
        printSummaries(uids.map((u) => summary(s, u)).filter((k): k is KeySummary => k !== undefined), o.json);
        if (total !== undefined && (offset > 0 || offset + uids.length < total)) {
          const shown = uids.length ? `${offset + 1}-${offset + uids.length}` : 'none';
          process.stderr.write(`objects ${shown} of ${total} (--offset and --limit for others, --limit 0 for all)\n`);
        }
      });
    });

  common(keys.command('show').description('every attribute of one object (Get Attributes)').argument('<uid>'))
    .action(async (uid: string, o: Base) => {
      await withSession(o.dir, { as: o.as, crypto: true }, async (s) => {
        // KMIP 2.1, the version that defines every attribute the server keeps (Rotate attributes included).
        const payload = await runOperation(s, Operation.GetAttributes, [T.text(Tag.UniqueIdentifier, uid)], { major: 2, minor: 1 });
        const list = payload.find((i) => i.tag === Tag.Attributes);
        const attrs = attributeMap(list ? decodeAttributes2x(list) : []);
        const owner = s.store.get(uid)?.owner ?? '';
        const grants = s.access.grants.forObject(uid).map((g) => ({ grantee: g.grantee, operations: g.operations.map(operationName) }));
        if (o.json) printJson({ uid, owner, attributes: attrs, grants });
        else {
          const rows = Object.entries(attrs).map(([k, v]) => [k, Array.isArray(v) ? v.join('; ') : v]);
          rows.push(['(owner)', owner]);
          for (const g of grants) rows.push(['(grant)', `${g.grantee}: ${g.operations.join(',')}`]);
          printTable(['ATTRIBUTE', 'VALUE'], rows);
        }
      });
    });

  common(keys.command('create').description('create a symmetric key (Create)'))
    .option('--algorithm <alg>', 'AES, 3DES or HMACSHA256', 'AES')
    .option('--length <bits>', 'key length in bits', '256')
    .option('--name <name>', 'Name attribute')
    .option('--usage <list>', 'Cryptographic Usage Mask, e.g. Encrypt,Decrypt', 'Encrypt,Decrypt')
    .option('--activate', 'activate the key at once (Activate)')
    .option('--rotate-every <duration>', 'rotate automatically (Rotate Automatic, Rotate Interval), e.g. 90d, 12h, 3600')
    .option('--rotate-offset <duration>', 'with --rotate-every: each replacement activates this long after its rotation (Rotate Offset)')
    .action(async (o: Base & { algorithm: string; length: string; name?: string; usage: string; activate?: boolean; rotateEvery?: string; rotateOffset?: string }) => {
      const alg = ALGORITHMS[o.algorithm.toUpperCase().replace(/[^A-Z0-9]/g, '')];
      if (alg === undefined) throw new CliError(`--algorithm must be one of ${Object.keys(ALGORITHMS).join(', ')}`, EXIT.USAGE);
      if (!/^\d+$/.test(o.length)) throw new CliError(`--length must be a number of bits, got "${o.length}"`, EXIT.USAGE);
      if (o.rotateOffset !== undefined && o.rotateEvery === undefined) throw new CliError('--rotate-offset needs --rotate-every', EXIT.USAGE);
      // KMIP 2.1 Attributes (the Rotate attributes exist from 2.1 only).
      const attrs: TtlvItem[] = [
        T.enum(Tag.CryptographicAlgorithm, alg),
        T.int(Tag.CryptographicLength, Number(o.length)),
        T.int(Tag.CryptographicUsageMask, usageMask(o.usage)),
      ];
      if (o.name) attrs.push(T.struct(Tag.Name, [T.text(Tag.NameValue, o.name), T.enum(Tag.NameType, NameType.UninterpretedTextString)]));
      if (o.rotateEvery !== undefined) {
        attrs.push(T.bool(Tag.RotateAutomatic, true), T.interval(Tag.RotateInterval, durationSeconds(o.rotateEvery, '--rotate-every', 1)));
        if (o.rotateOffset !== undefined) attrs.push(T.interval(Tag.RotateOffset, durationSeconds(o.rotateOffset, '--rotate-offset', 0)));
      }
      await withSession(o.dir, { as: o.as, crypto: true }, async (s) => {
        const out = await runOperation(s, Operation.Create, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.Attributes, attrs)], { major: 2, minor: 1 });
        const uid = uidsOf(out)[0];
        if (o.activate) await runOperation(s, Operation.Activate, [T.text(Tag.UniqueIdentifier, uid)]);
        const k = summary(s, uid);
        if (o.json) printJson(k);
        else process.stdout.write(`created ${uid} (${k?.algorithm} ${k?.length}, ${k?.state})\n`);
      });
    });

  common(keys.command('rotate').description('replace a key by a new one (Re-key); prints the new identifier').argument('<uid>'))
    .action(async (uid: string, o: Base) => {
      await withSession(o.dir, { as: o.as, crypto: true }, async (s) => {
        const out = await runOperation(s, Operation.ReKey, [T.text(Tag.UniqueIdentifier, uid)]);
        const next = uidsOf(out)[0];
        if (o.json) printJson({ old: uid, new: next });
        else process.stdout.write(`rotated ${uid} -> ${next}\n`);
      });
    });

  common(keys.command('revoke').description('revoke a key (Revoke)').argument('<uid>'))
    .option('--reason <reason>', `one of ${Object.keys(REASONS).join(', ')}`, 'cessation-of-operation')
    .option('--message <text>', 'Revocation Message')
    .action(async (uid: string, o: Base & { reason: string; message?: string }) => {
      const code = REASONS[o.reason.toLowerCase()];
      if (code === undefined) throw new CliError(`--reason must be one of ${Object.keys(REASONS).join(', ')}`, EXIT.USAGE);
      const reason: TtlvItem[] = [T.enum(Tag.RevocationReasonCode, code)];
      if (o.message) reason.push(T.text(Tag.RevocationMessage, o.message));
      await withSession(o.dir, { as: o.as, crypto: true }, async (s) => {
        await runOperation(s, Operation.Revoke, [T.text(Tag.UniqueIdentifier, uid), T.struct(Tag.RevocationReason, reason)]);
        const k = summary(s, uid);
        if (o.json) printJson(k);
        else process.stdout.write(`revoked ${uid} (${k?.state})\n`);
      });
    });

  common(keys.command('destroy').description('destroy a key (Destroy); active keys must be revoked first').argument('<uid>'))
    .action(async (uid: string, o: Base) => {
      await withSession(o.dir, { as: o.as, crypto: true }, async (s) => {
        await runOperation(s, Operation.Destroy, [T.text(Tag.UniqueIdentifier, uid)]);
        const k = summary(s, uid);
        if (o.json) printJson(k);
        else process.stdout.write(`destroyed ${uid} (${k?.state})\n`);
      });
    });
}
