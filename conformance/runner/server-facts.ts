/**
 * What a response tells the runner about objects, for the permitted variations of later pairs
 * (variations.ts): which identifiers the server generated objects under (their key material and
 * crypto output may vary, SOURCES.md §4), the Object Type of registered or created keys (RSA
 * encryption with a public key is randomized) and the Cryptographic Parameters they carry as an
 * attribute (a Sign request without parameters uses the key's: RSASSA-PSS is randomized).
 */
import { ItemType } from '../../src/kmip/item-type';
import { Tag } from '../../src/kmip/tags';
import { ObjectGroupMember, ObjectType, Operation, ResultStatus } from '../../src/kmip/enums';
import { child, children, type TtlvItem } from '../../src/ttlv/item';
import { numOf, textOf } from './items';
import type { Bindings } from './placeholders';
import * as V from './variations';

/** Records the facts of one exchange; request batch items answer in order (the runner never sends asynchronously). */
export function noteResponse(b: Bindings, request: TtlvItem, actual: TtlvItem): void {
  const requests = children(request, Tag.BatchItem);
  children(actual, Tag.BatchItem).forEach((bi, i) => {
    const op = numOf(child(bi, Tag.Operation));
    if (numOf(child(bi, Tag.ResultStatus)) !== ResultStatus.Success || op === undefined) return;
    const payload = child(bi, Tag.ResponsePayload);
    const uid = textOf(child(payload, Tag.UniqueIdentifier));
    const reqPayload = child(requests[i], Tag.RequestPayload);
    if (op === Operation.Register && uid !== undefined) {
      // Registered with given material: not server-generated; remember what kind of object it is.
      const type = numOf(child(reqPayload, Tag.ObjectType));
      if (type !== undefined) b.objectTypes.set(uid, type);
    }
    if ((op === Operation.Register || op === Operation.Create) && uid !== undefined) {
      noteParameters(b, uid, [child(reqPayload, Tag.TemplateAttribute), child(reqPayload, Tag.Attributes)]);
    }
    if (op === Operation.CreateKeyPair || op === Operation.ReKeyKeyPair) {
      const pub = textOf(child(payload, Tag.PublicKeyUniqueIdentifier));
      const priv = textOf(child(payload, Tag.PrivateKeyUniqueIdentifier));
      if (pub !== undefined) b.objectTypes.set(pub, ObjectType.PublicKey);
      if (priv !== undefined) b.objectTypes.set(priv, ObjectType.PrivateKey);
      const common = [child(reqPayload, Tag.CommonTemplateAttribute), child(reqPayload, Tag.CommonAttributes)];
      if (priv !== undefined) {
        noteParameters(b, priv, [...common, child(reqPayload, Tag.PrivateKeyTemplateAttribute), child(reqPayload, Tag.PrivateKeyAttributes)]);
      }
      if (pub !== undefined) {
        noteParameters(b, pub, [...common, child(reqPayload, Tag.PublicKeyTemplateAttribute), child(reqPayload, Tag.PublicKeyAttributes)]);
      }
    }
    if (op === Operation.Locate && numOf(child(reqPayload, Tag.ObjectGroupMember)) === ObjectGroupMember.GroupMemberFresh) {
      // "If there are no more fresh objects in the group, the server MAY choose to generate a new object
      // on-the-fly" (1.4 §4.9): a fresh member this replay has not seen before was made by the server.
      const seen = new Set<string>([...b.objectTypes.keys(), ...b.serverGenerated]);
      for (const v of b.values.values()) if (v.type === ItemType.TextString) seen.add(v.value);
      for (const c of children(payload, Tag.UniqueIdentifier)) {
        if (c.type === ItemType.TextString && !seen.has(c.value)) b.serverGenerated.add(c.value);
      }
    }
    if (V.GENERATING_OPERATIONS.has(op) && payload) {
      for (const t of [Tag.UniqueIdentifier, Tag.PrivateKeyUniqueIdentifier, Tag.PublicKeyUniqueIdentifier]) {
        for (const c of children(payload, t)) if (c.type === ItemType.TextString) b.serverGenerated.add(c.value);
      }
    }
  });
}

/**
 * The Cryptographic Parameters among the attributes a request gave an object: a 1.x Attribute named
 * "Cryptographic Parameters" in a template, or a 2.x CryptographicParameters in Attributes. The last
 * container that has them wins (the specific template over the common one).
 */
function noteParameters(b: Bindings, uid: string, containers: (TtlvItem | undefined)[]): void {
  for (const c of containers) {
    if (!c) continue;
    const direct = child(c, Tag.CryptographicParameters);
    if (direct) b.keyParameters.set(uid, direct);
    for (const attr of children(c, Tag.Attribute)) {
      if (textOf(child(attr, Tag.AttributeName)) !== 'Cryptographic Parameters') continue;
      const value = child(attr, Tag.AttributeValue);
      if (value) b.keyParameters.set(uid, value);
    }
  }
}
