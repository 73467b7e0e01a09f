/**
 * What a response tells the runner about objects, for the permitted variations of later pairs
 * (variations.ts): which identifiers the server generated objects under (their key material and
 * crypto output may vary, SOURCES.md §4) and the Object Type of registered or created keys (RSA
 * encryption with a public key is randomized).
 */
import { ItemType } from '../../src/kmip/item-type';
import { Tag } from '../../src/kmip/tags';
import { ObjectType, Operation, ResultStatus } from '../../src/kmip/enums';
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
    if (op === Operation.Register && uid !== undefined) {
      // Registered with given material: not server-generated; remember what kind of object it is.
      const type = numOf(child(child(requests[i], Tag.RequestPayload), Tag.ObjectType));
      if (type !== undefined) b.objectTypes.set(uid, type);
    }
    if (op === Operation.CreateKeyPair || op === Operation.ReKeyKeyPair) {
      const pub = textOf(child(payload, Tag.PublicKeyUniqueIdentifier));
      const priv = textOf(child(payload, Tag.PrivateKeyUniqueIdentifier));
      if (pub !== undefined) b.objectTypes.set(pub, ObjectType.PublicKey);
      if (priv !== undefined) b.objectTypes.set(priv, ObjectType.PrivateKey);
    }
    if (V.GENERATING_OPERATIONS.has(op) && payload) {
      for (const t of [Tag.UniqueIdentifier, Tag.PrivateKeyUniqueIdentifier, Tag.PublicKeyUniqueIdentifier]) {
        for (const c of children(payload, t)) if (c.type === ItemType.TextString) b.serverGenerated.add(c.value);
      }
    }
  });
}
