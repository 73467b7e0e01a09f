/** objectIdentifiers (src/audit/objects.ts): which identifiers an audit record names. */
import { objectIdentifiers } from '../../../src/audit/objects';
import { MAX_AUDIT_OBJECTS } from '../../../src/audit/record';
import { Tag } from '../../../src/kmip/tags';
import { T } from '../../../src/ttlv/item';

describe('objectIdentifiers', () => {
  test('request and response identifiers, each once, in order; the top two levels only', () => {
    const request = T.struct(Tag.RequestPayload, [T.text(Tag.UniqueIdentifier, 'a')]);
    const response = [
      T.text(Tag.PrivateKeyUniqueIdentifier, 'b'),
      T.text(Tag.PublicKeyUniqueIdentifier, 'c'),
      T.text(Tag.UniqueIdentifier, 'a'),
      T.struct(Tag.TemplateAttribute, [T.struct(Tag.Attribute, [T.text(Tag.UniqueIdentifier, 'too deep')])]),
    ];
    expect(objectIdentifiers(request, response)).toEqual(['a', 'b', 'c']);
    expect(objectIdentifiers(undefined, [])).toEqual([]);
  });

  test('a Locate answer naming 200,000 objects gives the first MAX_AUDIT_OBJECTS, which is all a record keeps', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `uid-${i}`);
    const located = ids.map((id) => T.text(Tag.UniqueIdentifier, id));
    const named = objectIdentifiers(T.struct(Tag.RequestPayload, []), located);
    expect(MAX_AUDIT_OBJECTS).toBe(64);
    expect(named).toEqual(ids.slice(0, MAX_AUDIT_OBJECTS));
  });
});
