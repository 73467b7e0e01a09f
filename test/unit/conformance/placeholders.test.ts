/** Placeholder parsing, binding and substitution (SOURCES.md §3.5), and reading vector files. */
import { ItemType } from '../../../src/kmip/item-type';
import { Tag } from '../../../src/kmip/tags';
import type { TtlvItem } from '../../../src/ttlv/item';
import { Bindings, parsePlaceholder } from '../../../conformance/runner/placeholders';
import { VectorFileError, parseVectorText } from '../../../conformance/runner/vector-file';
import { bindings, bytes, date, NOW, request, response, text, vector } from './helpers';

function find(item: TtlvItem, tag: number): TtlvItem[] {
  const out: TtlvItem[] = [];
  const walk = (x: TtlvItem) => {
    if (x.tag === tag) out.push(x);
    if (x.type === ItemType.Structure) x.value.forEach(walk);
  };
  walk(item);
  return out;
}

describe('parsePlaceholder', () => {
  it('reads $NOW with and without offsets', () => {
    expect(parsePlaceholder('$NOW')).toEqual({ kind: 'now', offset: 0, text: '$NOW' });
    expect(parsePlaceholder('$NOW-3600')).toMatchObject({ kind: 'now', offset: -3600 });
    expect(parsePlaceholder('$NOW+20')).toMatchObject({ kind: 'now', offset: 20 });
  });
  it('reads named placeholders and rejects others', () => {
    expect(parsePlaceholder('$UNIQUE_IDENTIFIER_3')).toMatchObject({ kind: 'bound', name: 'UNIQUE_IDENTIFIER_3' });
    expect(parsePlaceholder('$SHORT_UNIQUE_IDENTIFIER_1')).toMatchObject({ kind: 'bound', name: 'SHORT_UNIQUE_IDENTIFIER_1' });
    expect(parsePlaceholder('$IV_COUNTER_NONCE')).toMatchObject({ kind: 'bound', name: 'IV_COUNTER_NONCE' });
    expect(parsePlaceholder('$now')).toBeUndefined();
    expect(parsePlaceholder('$NOW*2')).toBeUndefined();
  });
});

describe('vector files', () => {
  it('marks placeholder items of every type and pairs the messages', () => {
    const vf = vector(
      request([{ op: 'Encrypt', payload: text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_0') + bytes('IVCounterNonce', '$IV_COUNTER_NONCE') }]),
      response([{ op: 'Encrypt', payload: text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_0') + bytes('Data', '$DATA_0') }]),
    );
    expect(vf.version).toBe('1.4');
    expect(vf.pairs).toHaveLength(1);
    const req = vf.pairs[0].request;
    expect([...req.placeholders.values()].sort()).toEqual(['$IV_COUNTER_NONCE', '$UNIQUE_IDENTIFIER_0']);
    const iv = find(req.item, Tag.IVCounterNonce)[0];
    expect(req.placeholders.get(iv)).toBe('$IV_COUNTER_NONCE');
    const resp = vf.pairs[0].response;
    expect(resp.placeholders.get(find(resp.item, Tag.TimeStamp)[0])).toBe('$NOW');
    expect(resp.placeholders.get(find(resp.item, Tag.Data)[0])).toBe('$DATA_0');
  });

  it('ignores comments and "# TIME" text lines, and tolerates a duplicated root close', () => {
    const body = request([{ op: 'Query' }]) + '\n# TIME 0\n' + response([{ op: 'Query' }]);
    const vf = parseVectorText(`<!-- header --><KMIP>\n# Request 0\n${body}</KMIP>\n</KMIP>\n`);
    expect(vf.pairs).toHaveLength(1);
  });

  it('marks the steps a "# [REPEAT]" line repeats: the marked request and the same request right after it', () => {
    const state = (v: string) => text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_0') + `<Attribute><AttributeName type="TextString" value="State"/><AttributeValue type="Enumeration" value="${v}"/></Attribute>`;
    const read = request([{ op: 'GetAttributes', payload: text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_0') + text('AttributeName', 'State') }]);
    const other = request([{ op: 'Query' }]);
    const pair = (req: string, resp: string) => `${req}\n${resp}\n`;
    // Marker before the first round (the 1.1 extraction): both rounds repeat; the Query after them does not.
    const first = parseVectorText(
      `<!-- a <RequestMessage> named in a comment is not a message --><KMIP>\n` +
        pair(other, response([{ op: 'Query' }])) +
        `# [REPEAT] until   GetAttributes response shows State changed to Deactivated\n` +
        pair(read, response([{ op: 'GetAttributes', payload: state('Active') }])) +
        pair(read, response([{ op: 'GetAttributes', payload: state('Deactivated') }])) +
        pair(other, response([{ op: 'Query' }])) +
        `</KMIP>`,
    );
    expect(first.pairs.map((p) => p.repeat === true)).toEqual([false, true, true, false]);
    // Marker before the last round (the 1.2 extraction): only that round repeats.
    const last = parseVectorText(
      `<KMIP>\n` +
        pair(read, response([{ op: 'GetAttributes', payload: state('Active') }])) +
        `# TIME 3\n# [REPEAT] until GetAttributes response shows State changed to Deactivated\n` +
        pair(read, response([{ op: 'GetAttributes', payload: state('Deactivated') }])) +
        `</KMIP>`,
    );
    expect(last.pairs.map((p) => p.repeat === true)).toEqual([false, true]);
    // No marker: identical requests in a row are sent once each.
    const none = parseVectorText(`<KMIP>\n${pair(read, response([{ op: 'GetAttributes', payload: state('Active') }])).repeat(2)}</KMIP>`);
    expect(none.pairs.map((p) => p.repeat === true)).toEqual([false, false]);
  });

  it('rejects a request without a response', () => {
    expect(() => parseVectorText(`<KMIP>${request([{ op: 'Query' }])}</KMIP>`)).toThrow(VectorFileError);
  });

  it('reports a codec error as a VectorFileError', () => {
    expect(() => parseVectorText('<KMIP><RequestMessage><Bogus type="Integer" value="1"/></RequestMessage></KMIP>')).toThrow(/XML codec rejected/);
  });
});

describe('Bindings.fillRequest', () => {
  const vf = vector(
    request([{ op: 'Encrypt', payload: text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_0') + bytes('IVCounterNonce', '$IV_COUNTER_NONCE') + date('ActivationDate', '$NOW+20') }]),
    response([{ op: 'Encrypt' }]),
  );
  const rq = vf.pairs[0].request;

  it('substitutes bound values and $NOW±N, leaving the parsed vector untouched', () => {
    const b = bindings();
    b.bind('UNIQUE_IDENTIFIER_0', { tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: 'srv-1' });
    b.bind('IV_COUNTER_NONCE', { tag: Tag.IVCounterNonce, type: ItemType.ByteString, value: Buffer.from('0011', 'hex') });
    const sent = b.fillRequest(rq.item, rq.placeholders);
    expect(find(sent, Tag.UniqueIdentifier)[0].value).toBe('srv-1');
    expect((find(sent, Tag.IVCounterNonce)[0].value as Buffer).toString('hex')).toBe('0011');
    expect(find(sent, Tag.ActivationDate)[0].value).toBe(BigInt(NOW + 20));
    expect(find(rq.item, Tag.UniqueIdentifier)[0].value).toBe('$UNIQUE_IDENTIFIER_0');
    expect(b.requestDates.has(BigInt(NOW + 20))).toBe(false); // placeholders are not request-fixed literals
  });

  it('gives an unbound placeholder one random value for the whole file', () => {
    const b = bindings();
    const a = find(b.fillRequest(rq.item, rq.placeholders), Tag.UniqueIdentifier)[0].value as string;
    const c = find(b.fillRequest(rq.item, rq.placeholders), Tag.UniqueIdentifier)[0].value as string;
    expect(a).toMatch(/^unbound-/);
    expect(c).toBe(a);
  });

  it('replaces literals the server chose (identifiers, ciphertext)', () => {
    const lit = vector(
      request([{ op: 'Decrypt', payload: text('UniqueIdentifier', 'vec-id') + bytes('Data', 'abcd') + date('ActivationDate', '2012-01-01T00:00:00+00:00') }]),
      response([{ op: 'Decrypt' }]),
    );
    const b = new Bindings(NOW, () => NOW);
    b.bindLiteral({ tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: 'vec-id' }, { tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: 'srv-id' });
    b.bindLiteral({ tag: Tag.Data, type: ItemType.ByteString, value: Buffer.from('abcd', 'hex') }, { tag: Tag.Data, type: ItemType.ByteString, value: Buffer.from('ef01', 'hex') });
    const sent = b.fillRequest(lit.pairs[0].request.item, lit.pairs[0].request.placeholders);
    expect(find(sent, Tag.UniqueIdentifier)[0].value).toBe('srv-id');
    expect((find(sent, Tag.Data)[0].value as Buffer).toString('hex')).toBe('ef01');
    expect(b.requestDates.has(1325376000n)).toBe(true);
  });

  it('snapshot/restore undoes tentative bindings', () => {
    const b = bindings();
    b.bind('A', { tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: '1' });
    const snap = b.snapshot();
    b.bind('B', { tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: '2' });
    b.restore(snap);
    expect(b.values.has('A')).toBe(true);
    expect(b.values.has('B')).toBe(false);
  });
});

describe('pairing', () => {
  it('pairs a run of requests with the responses that follow, by operation, in response order', () => {
    const vf = vector(
      request([{ op: 'Destroy' }]),
      request([{ op: 'Revoke' }]),
      response([{ op: 'Revoke' }]),
      response([{ op: 'Destroy' }]),
    );
    expect(vf.pairs.map((p) => [p.request.index, p.response.index])).toEqual([
      [1, 2],
      [0, 3],
    ]);
  });
  it('rejects a response that answers none of the requests', () => {
    expect(() => vector(request([{ op: 'Destroy' }]), request([{ op: 'Revoke' }]), response([{ op: 'Get' }]), response([{ op: 'Destroy' }]))).toThrow(
      /matches none/,
    );
  });
});

describe('input repair of the community extractions', () => {
  it('makes runs of spaces in Attribute Names single (and nothing else)', () => {
    const vf = vector(
      request([{ op: 'GetAttributes', payload: text('UniqueIdentifier', 'u  v') + text('AttributeName', 'Cryptographic   Usage Mask') }]),
      response([{ op: 'GetAttributes', payload: text('UniqueIdentifier', 'u') + '<Attribute>' + text('AttributeName', 'Initial   Date') + '<AttributeValue type="DateTime" value="$NOW"/></Attribute>' }]),
    );
    expect(find(vf.pairs[0].request.item, Tag.UniqueIdentifier)[0].value).toBe('u  v');
    expect(find(vf.pairs[0].request.item, Tag.AttributeName)[0].value).toBe('Cryptographic Usage Mask');
    expect(find(vf.pairs[0].response.item, Tag.AttributeName)[0].value).toBe('Initial Date');
  });
});
