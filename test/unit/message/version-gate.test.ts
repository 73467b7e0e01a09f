/**
 * The version gate and the Result Reason mapping, against the generated spec tables.
 */
import { Tag } from '../../../src/kmip/tags';
import { ResultReason, ObjectType } from '../../../src/kmip/enums';
import { ItemType } from '../../../src/kmip/item-type';
import { T, type TtlvItem } from '../../../src/ttlv/item';
import { REASON_FALLBACK, gateItem, mapResultReason } from '../../../src/message/version-gate';
import { enumValueDefinedIn, tagDefinedIn } from '../../../src/message/spec-index';
import { SUPPORTED_VERSIONS, negotiateVersion, versionKey } from '../../../src/message/version';
import { allTags } from './fixtures';

describe('Result Reason mapping', () => {
  it('every name in the fallback table is a Result Reason of the generated enumeration', () => {
    const names = new Set(Object.keys(ResultReason));
    for (const [from, to] of Object.entries(REASON_FALLBACK)) {
      expect([from, names.has(from)]).toEqual([from, true]);
      expect([to, names.has(to)]).toEqual([to, true]);
    }
  });

  it('maps every reason to one the version defines, for every version', () => {
    for (const v of SUPPORTED_VERSIONS) {
      for (const value of Object.values(ResultReason)) {
        const mapped = mapResultReason(value, v);
        expect([value, versionKey(v), enumValueDefinedIn('ResultReason', mapped, versionKey(v))]).toEqual([value, versionKey(v), true]);
      }
    }
  });

  it('keeps reasons the version defines and maps the 2.x lifecycle reason to Permission Denied in 1.x', () => {
    expect(mapResultReason(ResultReason.WrongKeyLifecycleState, { major: 2, minor: 0 })).toBe(ResultReason.WrongKeyLifecycleState);
    expect(mapResultReason(ResultReason.WrongKeyLifecycleState, { major: 1, minor: 4 })).toBe(ResultReason.PermissionDenied);
    expect(mapResultReason(ResultReason.ObjectNotFound, { major: 1, minor: 0 })).toBe(ResultReason.ItemNotFound);
    expect(mapResultReason(ResultReason.ItemNotFound, { major: 1, minor: 0 })).toBe(ResultReason.ItemNotFound);
    expect(mapResultReason(ResultReason.InternalServerError, { major: 1, minor: 1 })).toBe(ResultReason.GeneralFailure);
    expect(mapResultReason(0x80000001, { major: 1, minor: 0 })).toBe(0x80000001);
  });
});

describe('gateItem', () => {
  it('removes, at any depth, every tag the version does not define, for every version', () => {
    // Build a tree holding every tag the tables know (as empty text strings inside nested structures).
    const leaves: TtlvItem[] = [];
    for (let tag = 0x420001; tag <= 0x420160; tag++) leaves.push(T.text(tag, ''));
    const tree = T.struct(Tag.ResponseMessage, [T.struct(Tag.BatchItem, [T.struct(Tag.ResponsePayload, leaves)])]);
    for (const v of SUPPORTED_VERSIONS) {
      const out = gateItem(tree, v)!;
      const bad = allTags(out).filter((t) => !tagDefinedIn(t, versionKey(v)));
      expect([versionKey(v), bad]).toEqual([versionKey(v), []]);
      // and it kept what the version defines
      const kept = allTags(out).length;
      expect(kept).toBeGreaterThan(100);
    }
  });

  it('keeps vendor extension tags and never mutates its input', () => {
    const input = T.struct(Tag.ResponsePayload, [T.text(0x540001, 'ext'), T.date(Tag.OriginalCreationDate, 5n)]);
    const copy = JSON.stringify(input, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    const out = gateItem(input, { major: 1, minor: 0 })!;
    expect(allTags(out)).toEqual([Tag.ResponsePayload, 0x540001]);
    expect(JSON.stringify(input, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toBe(copy);
  });

  it('removes Date-Time Extended items from 1.x answers', () => {
    const input = T.struct(Tag.ResponsePayload, [T.dateExt(Tag.ActivationDate, 5n)]);
    expect((gateItem(input, { major: 1, minor: 4 }) as { value: TtlvItem[] }).value).toHaveLength(0);
    expect((gateItem(input, { major: 2, minor: 0 }) as { value: TtlvItem[] }).value).toHaveLength(1);
  });

  it('removes an enumeration value the version does not define (Object Type Certificate Request is 1.1+... checked from the table)', () => {
    // Find an Object Type value absent from 1.0 in the generated table rather than hard-coding one.
    const newer = Object.values(ObjectType).find((v) => !enumValueDefinedIn('ObjectType', v, '1.0') && enumValueDefinedIn('ObjectType', v, '2.1'));
    expect(newer).toBeDefined();
    const input = T.struct(Tag.ResponsePayload, [T.enum(Tag.ObjectType, newer!), T.enum(Tag.ObjectType, ObjectType.SymmetricKey)]);
    const out10 = gateItem(input, { major: 1, minor: 0 }) as { value: TtlvItem[] };
    expect(out10.value.map((c) => c.value)).toEqual([ObjectType.SymmetricKey]);
    const out21 = gateItem(input, { major: 2, minor: 1 }) as { value: TtlvItem[] };
    expect(out21.value).toHaveLength(2);
  });

  it('removes a whole 1.x Attribute when its name is not defined in the version or it lost a field', () => {
    const fresh = T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Fresh'), T.bool(Tag.AttributeValue, true)]);
    const custom = T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'x-Product'), T.text(Tag.AttributeValue, 'vSphere')]);
    const withExt = T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Activation Date'), T.dateExt(Tag.AttributeValue, 1n)]);
    const out = gateItem(T.struct(Tag.ResponsePayload, [fresh, custom, withExt]), { major: 1, minor: 0 }) as { value: TtlvItem[] };
    expect(out.value).toEqual([custom]);
    const out11 = gateItem(T.struct(Tag.ResponsePayload, [fresh]), { major: 1, minor: 1 }) as { value: TtlvItem[] };
    expect(out11.value).toEqual([fresh]);
    expect(out11.value[0].type).toBe(ItemType.Structure);
  });
});

describe('negotiateVersion', () => {
  it('accepts every supported version as is', () => {
    for (const v of SUPPORTED_VERSIONS) expect(negotiateVersion(v)).toEqual({ ok: true, version: v });
  });
  it('downgrades a newer minor of a known major, refuses other majors', () => {
    expect(negotiateVersion({ major: 2, minor: 9 })).toEqual({ ok: true, version: { major: 2, minor: 1 } });
    expect(negotiateVersion({ major: 3, minor: 0 })).toEqual({ ok: false, answerIn: { major: 2, minor: 1 } });
    expect(negotiateVersion({ major: 0, minor: 0 })).toEqual({ ok: false, answerIn: { major: 1, minor: 0 } });
  });
});
