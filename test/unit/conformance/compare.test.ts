/**
 * The comparator against SOURCES.md §4: each permitted variation is accepted, each other difference
 * is rejected with the path of the first differing item.
 */
import { Bindings } from '../../../conformance/runner/placeholders';
import { actual, attr1, bindings, bytes, date, en, exchange, int, isoAt, NOW, request, response, text, vector } from './helpers';

const UID = (n = 0) => text('UniqueIdentifier', `$UNIQUE_IDENTIFIER_${n}`);
const createPair = () => [
  request([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') }]),
  response([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + UID() }]),
];
const registerPair = () => [
  request([{ op: 'Register', payload: en('ObjectType', 'SymmetricKey') }]),
  response([{ op: 'Register', payload: UID() }]),
];

describe('identifiers and placeholders', () => {
  it('binds $UNIQUE_IDENTIFIER_n from the first response and compares it afterwards', () => {
    const vf = vector(...createPair(), request([{ op: 'Destroy', payload: UID() }]), response([{ op: 'Destroy', payload: UID() }]));
    const b = bindings();
    expect(exchange(vf, 0, actual([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', 'k-1') }]), b)).toBeUndefined();
    expect(b.values.get('UNIQUE_IDENTIFIER_0')?.value).toBe('k-1');
    expect(exchange(vf, 1, actual([{ op: 'Destroy', payload: text('UniqueIdentifier', 'k-1') }]), b)).toBeUndefined();
    const d = exchange(vf, 1, actual([{ op: 'Destroy', payload: text('UniqueIdentifier', 'k-2') }]), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/UniqueIdentifier');
    expect(d?.expected).toContain('k-1');
    expect(d?.actual).toContain('k-2');
  });

  it('accepts any value for a literal identifier and substitutes it into later requests', () => {
    const vf = vector(
      request([{ op: 'Register' }]),
      response([{ op: 'Register', payload: text('UniqueIdentifier', 'literal-id') }]),
      request([{ op: 'Get', payload: text('UniqueIdentifier', 'literal-id') }]),
      response([{ op: 'Get', payload: text('UniqueIdentifier', 'literal-id') }]),
    );
    const b = bindings();
    expect(exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'srv-9') }]), b)).toBeUndefined();
    const sent = b.fillRequest(vf.pairs[1].request.item, vf.pairs[1].request.placeholders);
    expect(JSON.stringify(sent, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).toContain('srv-9');
  });

  it('requires the echo of the request Unique Batch Item ID', () => {
    const vf = vector(
      request([{ op: 'Query', extra: bytes('UniqueBatchItemID', '0a0b') }]),
      response([{ op: 'Query', extra: bytes('UniqueBatchItemID', '0a0b') }]),
    );
    expect(exchange(vf, 0, actual([{ op: 'Query', extra: bytes('UniqueBatchItemID', '0a0b') }]))).toBeUndefined();
    expect(exchange(vf, 0, actual([{ op: 'Query', extra: bytes('UniqueBatchItemID', '0a0c') }]))?.path).toBe('ResponseMessage/BatchItem[0]/UniqueBatchItemID');
  });
});

describe('times', () => {
  const vf = vector(request([{ op: 'Query' }]), response([{ op: 'Query' }]));
  it('accepts a TimeStamp near $NOW and rejects one far from it', () => {
    expect(exchange(vf, 0, actual([{ op: 'Query' }]))).toBeUndefined();
    const old = parseFirst(response([{ op: 'Query' }], '1.4', isoAt(NOW - 86_400)));
    const d = exchange(vf, 0, old);
    expect(d?.path).toBe('ResponseMessage/ResponseHeader/TimeStamp');
  });

  it('accepts any plausible time for a literal TimeStamp (1.0-1.2 extractions)', () => {
    const lit = vector(request([{ op: 'Query' }]), response([{ op: 'Query' }], '1.4', '2012-04-27T08:12:24+00:00'));
    expect(exchange(lit, 0, actual([{ op: 'Query' }]))).toBeUndefined();
  });

  it('$NOW-3600 in a request becomes a time an hour ago', () => {
    const v = vector(request([{ op: 'Activate', payload: date('ActivationDate', '$NOW-3600') }]), response([{ op: 'Activate' }]));
    const b = bindings();
    const sent = b.fillRequest(v.pairs[0].request.item, v.pairs[0].request.placeholders) as any;
    const item = sent.value[1].value[1].value[0];
    expect(item.value).toBe(BigInt(NOW - 3600));
  });

  it('accepts any plausible server date the request did not fix, but compares a date the request set', () => {
    const ga = (init: string, act: string) =>
      vector(
        request([{ op: 'Register', payload: attr1('Activation Date', date('AttributeValue', '2012-01-01T00:00:00+00:00')) }]),
        response([{ op: 'Register', payload: UID() }]),
        request([{ op: 'GetAttributes', payload: UID() }]),
        response([{ op: 'GetAttributes', payload: UID() + attr1('Initial Date', date('AttributeValue', init)) + attr1('Activation Date', date('AttributeValue', act)) }]),
      );
    const vf = ga('2012-04-27T08:12:24+00:00', '2012-01-01T00:00:00+00:00');
    const b = bindings();
    expect(exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'u') }]), b)).toBeUndefined();
    const got = (activation: string) =>
      actual([{ op: 'GetAttributes', payload: text('UniqueIdentifier', 'u') + attr1('Initial Date', date('AttributeValue', isoAt(NOW))) + attr1('Activation Date', date('AttributeValue', activation)) }]);
    expect(exchange(vf, 1, got('2012-01-01T00:00:00+00:00'), b)).toBeUndefined();
    const d = exchange(vf, 1, got(isoAt(NOW)), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Attribute[1](Activation Date)/AttributeValue');
  });
});

describe('batch item results', () => {
  const vf = vector(
    request([{ op: 'Get', payload: text('UniqueIdentifier', 'x') }]),
    response([{ op: 'Get', status: 'OperationFailed', extra: '', noPayload: true }]).replace(
      '<ResultStatus type="Enumeration" value="OperationFailed"/>',
      '<ResultStatus type="Enumeration" value="OperationFailed"/><ResultReason type="Enumeration" value="ItemNotFound"/><ResultMessage type="TextString" value="not here"/>',
    ),
  );
  const failed = (reason: string, message?: string) =>
    parseFirst(
      response([{ op: 'Get', status: 'OperationFailed', noPayload: true }]).replace(
        '<ResultStatus type="Enumeration" value="OperationFailed"/>',
        `<ResultStatus type="Enumeration" value="OperationFailed"/><ResultReason type="Enumeration" value="${reason}"/>` +
          (message ? `<ResultMessage type="TextString" value="${message}"/>` : ''),
      ),
      isoAt(NOW),
    );

  it('accepts another ResultMessage text or none', () => {
    expect(exchange(vf, 0, failed('ItemNotFound', 'no such object'))).toBeUndefined();
    expect(exchange(vf, 0, failed('ItemNotFound'))).toBeUndefined();
  });

  it('rejects another Result Reason', () => {
    const d = exchange(vf, 0, failed('PermissionDenied'));
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResultReason');
    expect(d?.expected).toContain('ItemNotFound');
  });

  it('rejects another Result Status', () => {
    const d = exchange(vf, 0, actual([{ op: 'Get', payload: text('UniqueIdentifier', 'x') }]));
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResultStatus');
  });

  it('says why an unexpected failure failed (actual reason and message)', () => {
    const ok = vector(request([{ op: 'Get', payload: text('UniqueIdentifier', 'x') }]), response([{ op: 'Get', payload: text('UniqueIdentifier', 'x') }]));
    const d = exchange(ok, 0, failed('ItemNotFound', 'gone'));
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResultStatus');
    expect(d?.actual).toBe('Enumeration OperationFailed / Enumeration ItemNotFound / "gone"');
  });

  it('rejects another operation and a different batch count', () => {
    expect(exchange(vf, 0, actual([{ op: 'Locate' }]))?.path).toBe('ResponseMessage/BatchItem[0]/Operation');
    const two = actual([{ op: 'Get' }, { op: 'Get' }]);
    expect(exchange(vf, 0, two)?.path).toBe('ResponseMessage/ResponseHeader/BatchCount');
  });
});

describe('attribute lists', () => {
  const ga = (attrs: string) =>
    vector(...registerPair(), request([{ op: 'GetAttributes', payload: UID() }]), response([{ op: 'GetAttributes', payload: UID() + attrs }]));
  const run = (vf: ReturnType<typeof ga>, attrs: string) => {
    const b = bindings();
    expect(exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'u') }]), b)).toBeUndefined();
    return exchange(vf, 1, actual([{ op: 'GetAttributes', payload: text('UniqueIdentifier', 'u') + attrs }]), b);
  };
  const alg = attr1('Cryptographic Algorithm', en('AttributeValue', 'AES'));
  const len = (n: number) => attr1('Cryptographic Length', int('AttributeValue', n));

  it('accepts additional attributes and another order', () => {
    expect(run(ga(alg + len(128)), len(128) + attr1('x-extra', text('AttributeValue', 'v')) + alg)).toBeUndefined();
  });

  it('rejects a missing attribute with its path', () => {
    const d = run(ga(alg + len(128)), alg);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Attribute[1](Cryptographic Length)');
    expect(d?.reason).toBe('missing in the response');
  });

  it('rejects a different attribute value at the AttributeValue', () => {
    const d = run(ga(alg + len(128)), alg + len(256));
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Attribute[1](Cryptographic Length)/AttributeValue');
    expect(d?.expected).toBe('Integer 128');
    expect(d?.actual).toBe('Integer 256');
  });

  it('accepts Attribute Index 0 added or omitted, not another index', () => {
    expect(run(ga(alg), attr1('Cryptographic Algorithm', en('AttributeValue', 'AES'), 0))).toBeUndefined();
    expect(run(ga(attr1('Cryptographic Algorithm', en('AttributeValue', 'AES'), 0)), alg)).toBeUndefined();
    const d = run(ga(alg), attr1('Cryptographic Algorithm', en('AttributeValue', 'AES'), 1));
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Attribute(Cryptographic Algorithm)/AttributeIndex');
  });

  it('accepts an omitted y- attribute and Object Group, not an omitted x- attribute', () => {
    expect(run(ga(alg + attr1('y-vendor', text('AttributeValue', 'v'))), alg)).toBeUndefined();
    expect(run(ga(alg + attr1('Object Group', text('AttributeValue', 'g'))), alg)).toBeUndefined();
    const d = run(ga(alg + attr1('x-ID', text('AttributeValue', 'v'))), alg);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Attribute[1](x-ID)');
  });

  it('in a Get Attribute List, accepts the name of Object Group or a y- attribute missing, not another name', () => {
    const gal = (names: string[]) => names.map((n) => text('AttributeName', n)).join('');
    const v = vector(
      request([{ op: 'GetAttributeList', payload: text('UniqueIdentifier', 'u') }]),
      response([{ op: 'GetAttributeList', payload: text('UniqueIdentifier', 'u') + gal(['State', 'Object Group', 'y-tag']) }]),
    );
    const got = (names: string[]) => actual([{ op: 'GetAttributeList', payload: text('UniqueIdentifier', 'u') + gal(names) }]);
    expect(exchange(v, 0, got(['State']))).toBeUndefined();
    expect(exchange(v, 0, got(['Object Group', 'Name', 'State']))).toBeUndefined();
    expect(exchange(v, 0, got(['Object Group', 'y-tag']))?.reason).toBe('missing in the response');
  });

  it('ignores Digest value and hashing algorithm but compares its Key Format Type for a registered key', () => {
    const digest = (h: string, v: string, f: string) => attr1('Digest', `<AttributeValue>${en('HashingAlgorithm', h)}${bytes('DigestValue', v)}${en('KeyFormatType', f)}</AttributeValue>`);
    expect(run(ga(digest('SHA_256', 'aa', 'Raw')), digest('SHA_512', 'bbbb', 'Raw'))).toBeUndefined();
    const d = run(ga(digest('SHA_256', 'aa', 'Raw')), digest('SHA_256', 'aa', 'TransparentSymmetricKey'));
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Attribute(Digest)/AttributeValue/KeyFormatType');
  });

  it('compares 2.x Attributes as expected ⊆ actual', () => {
    const v = vector(
      request([{ op: 'GetAttributes', payload: text('UniqueIdentifier', 'u') }], '2.1'),
      response([{ op: 'GetAttributes', payload: text('UniqueIdentifier', 'u') + `<Attributes>${en('CryptographicAlgorithm', 'AES')}${int('CryptographicLength', 128)}</Attributes>` }], '2.1'),
    );
    const got = (inner: string) => actual([{ op: 'GetAttributes', payload: text('UniqueIdentifier', 'u') + `<Attributes>${inner}</Attributes>` }], '2.1');
    expect(exchange(v, 0, got(int('CryptographicLength', 128) + en('State', 'Active') + en('CryptographicAlgorithm', 'AES')))).toBeUndefined();
    expect(exchange(v, 0, got(en('CryptographicAlgorithm', 'AES')))?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Attributes/CryptographicLength');
  });
});

describe('structure', () => {
  it('rejects an unexpected payload item and a missing one', () => {
    const vf = vector(request([{ op: 'Activate', payload: text('UniqueIdentifier', 'u') }]), response([{ op: 'Activate', payload: text('UniqueIdentifier', 'u') }]));
    const extra = exchange(vf, 0, actual([{ op: 'Activate', payload: text('UniqueIdentifier', 'u') + en('State', 'Active') }]));
    expect(extra?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/State');
    expect(extra?.reason).toBe('unexpected item in the response');
    const missing = exchange(vf, 0, actual([{ op: 'Activate', payload: '' }]));
    expect(missing?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/UniqueIdentifier');
    expect(missing?.reason).toBe('missing in the response');
  });

  it('accepts an omitted or added optional TemplateAttribute in a Create response', () => {
    const ta = `<TemplateAttribute>${attr1('Cryptographic Length', int('AttributeValue', 128))}</TemplateAttribute>`;
    const vf = vector(request([{ op: 'Create' }]), response([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + UID() + ta }]));
    expect(exchange(vf, 0, actual([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', 'a') }]))).toBeUndefined();
    const vf2 = vector(...createPair());
    expect(exchange(vf2, 0, actual([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', 'a') + ta }]))).toBeUndefined();
  });

  it('accepts ServerCorrelationValue of any value (2.x)', () => {
    const h = (v: string) => text('ServerCorrelationValue', v);
    const vf = vector(request([{ op: 'Query' }], '2.1'), response([{ op: 'Query' }], '2.1', '$NOW', h('A5E8-1')));
    expect(exchange(vf, 0, actual([{ op: 'Query' }], '2.1', h('other')))).toBeUndefined();
  });
});

describe('Query, DiscoverVersions, Locate', () => {
  it('Query lists: expected ⊆ actual, Vendor Identification any text', () => {
    const vf = vector(
      request([{ op: 'Query', payload: en('QueryFunction', 'QueryOperations') }]),
      response([{ op: 'Query', payload: en('Operation', 'Create') + en('Operation', 'Get') + text('VendorIdentification', 'ACME') }]),
    );
    expect(exchange(vf, 0, actual([{ op: 'Query', payload: en('Operation', 'Get') + en('Operation', 'Locate') + en('Operation', 'Create') + text('VendorIdentification', 'Tumbler') }]))).toBeUndefined();
    const d = exchange(vf, 0, actual([{ op: 'Query', payload: en('Operation', 'Get') }]));
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Operation[0]');
    expect(d?.reason).toBe('missing in the response');
  });

  it('Server Information: any content, may be added or omitted', () => {
    const si = (inner: string) => `<ServerInformation>${inner}</ServerInformation>`;
    const vf = vector(request([{ op: 'Query' }]), response([{ op: 'Query', payload: en('Operation', 'Get') + si('') }]));
    expect(exchange(vf, 0, actual([{ op: 'Query', payload: en('Operation', 'Get') + si(text('VendorIdentification', 'x')) }]))).toBeUndefined();
    expect(exchange(vf, 0, actual([{ op: 'Query', payload: en('Operation', 'Get') }]))).toBeUndefined();
  });

  it('DiscoverVersions: extra versions only when the client sent no list', () => {
    const pvx = (maj: number, min: number) => `<ProtocolVersion>${int('ProtocolVersionMajor', maj)}${int('ProtocolVersionMinor', min)}</ProtocolVersion>`;
    const open = vector(request([{ op: 'DiscoverVersions' }]), response([{ op: 'DiscoverVersions', payload: pvx(1, 4) }]));
    expect(exchange(open, 0, actual([{ op: 'DiscoverVersions', payload: pvx(2, 1) + pvx(1, 4) }]))).toBeUndefined();
    const listed = vector(request([{ op: 'DiscoverVersions', payload: pvx(1, 4) }]), response([{ op: 'DiscoverVersions', payload: pvx(1, 4) }]));
    expect(exchange(listed, 0, actual([{ op: 'DiscoverVersions', payload: pvx(1, 4) + pvx(1, 3) }]))?.path).toBe(
      'ResponseMessage/BatchItem[0]/ResponsePayload/ProtocolVersion[1]',
    );
  });

  it('Locate: the same identifiers in any order, no more, no fewer', () => {
    const vf = vector(
      request([{ op: 'Locate' }]),
      response([{ op: 'Locate', payload: text('UniqueIdentifier', 'a') + text('UniqueIdentifier', 'b') }]),
    );
    // literal identifiers are server-chosen (§4), so bind them first through a Register-like pair
    const b = bindings();
    expect(exchange(vf, 0, actual([{ op: 'Locate', payload: text('UniqueIdentifier', 'b2') + text('UniqueIdentifier', 'a2') }]), b)).toBeUndefined();
    const three = exchange(vf, 0, actual([{ op: 'Locate', payload: text('UniqueIdentifier', 'a') + text('UniqueIdentifier', 'b') + text('UniqueIdentifier', 'c') }]));
    expect(three?.reason).toBe('unexpected item in the response');
    const bound = vector(
      ...createPair(),
      request([{ op: 'Locate' }]),
      response([{ op: 'Locate', payload: UID(0) }]),
    );
    const b2 = bindings();
    exchange(bound, 0, actual([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', 'mine') }]), b2);
    expect(exchange(bound, 1, actual([{ op: 'Locate', payload: text('UniqueIdentifier', 'someone-else') }]), b2)?.path).toBe(
      'ResponseMessage/BatchItem[0]/ResponsePayload/UniqueIdentifier',
    );
  });
});

describe('key material and crypto output', () => {
  const keyBlock = (material: string) =>
    `<SymmetricKey><KeyBlock>${en('KeyFormatType', 'Raw')}<KeyValue>${bytes('KeyMaterial', material)}</KeyValue>${en('CryptographicAlgorithm', 'AES')}${int('CryptographicLength', 128)}</KeyBlock></SymmetricKey>`;
  const getPair = () => [
    request([{ op: 'Get', payload: UID() }]),
    response([{ op: 'Get', payload: en('ObjectType', 'SymmetricKey') + UID() + keyBlock('00112233445566778899aabbccddeeff') }]),
  ];
  const gotKey = (uid: string, material: string) => actual([{ op: 'Get', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', uid) + keyBlock(material) }]);

  it('does not compare the key material of a server-generated key', () => {
    const vf = vector(...createPair(), ...getPair());
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', 'gen') }]), b);
    expect(exchange(vf, 1, gotKey('gen', 'ffffffffffffffffffffffffffffffff'), b)).toBeUndefined();
  });

  it('compares the key material of a registered key', () => {
    const vf = vector(...registerPair(), ...getPair());
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'reg') }]), b);
    const d = exchange(vf, 1, gotKey('reg', 'ffffffffffffffffffffffffffffffff'), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/SymmetricKey/KeyBlock/KeyValue/KeyMaterial');
  });

  const encrypt = (withIv: boolean) => [
    request([{ op: 'Encrypt', payload: UID() + bytes('Data', '01020304') + (withIv ? bytes('IVCounterNonce', '00000000000000000000000000000000') : '') }]),
    response([{ op: 'Encrypt', payload: UID() + bytes('Data', 'aabbccdd') }]),
    request([{ op: 'Decrypt', payload: UID() + bytes('Data', 'aabbccdd') }]),
    response([{ op: 'Decrypt', payload: UID() + bytes('Data', '01020304') }]),
  ];

  it('accepts other ciphertext under a server-generated key and sends it back in the Decrypt', () => {
    const vf = vector(...createPair(), ...encrypt(true));
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', 'gen') }]), b);
    expect(exchange(vf, 1, actual([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'gen') + bytes('Data', '99999999') }]), b)).toBeUndefined();
    const sent = b.fillRequest(vf.pairs[2].request.item, vf.pairs[2].request.placeholders) as any;
    const data = sent.value[1].value[1].value.find((x: any) => x.value instanceof Buffer);
    expect(data.value.toString('hex')).toBe('99999999');
    // the plaintext that comes back is deterministic and compared
    const d = exchange(vf, 2, actual([{ op: 'Decrypt', payload: text('UniqueIdentifier', 'gen') + bytes('Data', '01020305') }]), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Data');
  });

  it('compares ciphertext of a registered key with a client IV', () => {
    const vf = vector(...registerPair(), ...encrypt(true));
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'reg') }]), b);
    const d = exchange(vf, 1, actual([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'reg') + bytes('Data', '99999999') }]), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Data');
  });

  it('accepts other ciphertext when the server chose the IV (and returned it)', () => {
    const vf = vector(
      ...registerPair(),
      request([{ op: 'Encrypt', payload: UID() + bytes('Data', '01020304') }]),
      response([{ op: 'Encrypt', payload: UID() + bytes('Data', 'aabbccdd') + bytes('IVCounterNonce', '00010203') }]),
    );
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'reg') }]), b);
    const got = actual([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'reg') + bytes('Data', '99999999') + bytes('IVCounterNonce', '0f0e0d0c') }]);
    expect(exchange(vf, 1, got, b)).toBeUndefined();
  });

  it('compares ciphertext of a registered key when no IV was sent nor chosen (ECB: deterministic)', () => {
    const vf = vector(...registerPair(), ...encrypt(false));
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'reg') }]), b);
    const d = exchange(vf, 1, actual([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'reg') + bytes('Data', '99999999') }]), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Data');
  });

  it('accepts other ciphertext of Encrypt with a registered public key (RSA padding is random, CS-AC-M-OAEP)', () => {
    const vf = vector(
      request([{ op: 'Register', payload: en('ObjectType', 'PublicKey') }]),
      response([{ op: 'Register', payload: UID() }]),
      request([{ op: 'Encrypt', payload: UID() + bytes('Data', '6628') }]),
      response([{ op: 'Encrypt', payload: UID() + bytes('Data', 'aabbccdd') }]),
    );
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'pub') }]), b);
    expect(b.objectTypes.get('pub')).toBeDefined();
    expect(b.serverGenerated.has('pub')).toBe(false);
    expect(exchange(vf, 1, actual([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'pub') + bytes('Data', '99999999') }]), b)).toBeUndefined();
  });

  // TC_151 shape: a Locate for a fresh member of "default" that the server made on the fly; its Get's key
  // material is the server's, not the vector's.
  const locateFresh = (member: string) => [
    request([{ op: 'Locate', payload: en('ObjectGroupMember', member) + attr1('Object Group', text('AttributeValue', 'default')) }]),
    response([{ op: 'Locate', payload: UID() }]),
    request([{ op: 'Get', payload: UID() }]),
    response([{ op: 'Get', payload: en('ObjectType', 'SymmetricKey') + UID() + '<SymmetricKey><KeyBlock>' + en('KeyFormatType', 'Raw') + '<KeyValue>' + bytes('KeyMaterial', '00112233') + '</KeyValue></KeyBlock></SymmetricKey>' }]),
  ];
  const freshKey = (uid: string) =>
    actual([{ op: 'Get', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', uid) + '<SymmetricKey><KeyBlock>' + en('KeyFormatType', 'Raw') + '<KeyValue>' + bytes('KeyMaterial', 'ffeeddcc') + '</KeyValue></KeyBlock></SymmetricKey>' }]);

  it('a fresh group member the replay never saw was generated by the server: its key material is captured', () => {
    const vf = vector(...locateFresh('GroupMemberFresh'));
    const b = bindings();
    expect(exchange(vf, 0, actual([{ op: 'Locate', payload: text('UniqueIdentifier', 'made') }]), b)).toBeUndefined();
    expect(b.serverGenerated.has('made')).toBe(true);
    expect(exchange(vf, 1, freshKey('made'), b)).toBeUndefined();
  });

  it('a group member found by Group Member Default is not taken for a server-generated one', () => {
    const vf = vector(...locateFresh('GroupMemberDefault'));
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Locate', payload: text('UniqueIdentifier', 'found') }]), b);
    expect(b.serverGenerated.has('found')).toBe(false);
    expect(exchange(vf, 1, freshKey('found'), b)?.path).toContain('KeyMaterial');
  });

  // CS-AC-M-1-13 shape: the private key is registered with Cryptographic Parameters (PSS) and Sign names
  // none, so the key's parameters apply and the signature is randomized (a salt per call).
  const registerSigningKey = (padding: string) => [
    request([
      {
        op: 'Register',
        payload:
          en('ObjectType', 'PrivateKey') +
          `<TemplateAttribute>${attr1('Cryptographic Parameters', `<AttributeValue>${en('PaddingMethod', padding)}${en('HashingAlgorithm', 'SHA_256')}</AttributeValue>`)}</TemplateAttribute>`,
      },
    ]),
    response([{ op: 'Register', payload: UID() }]),
    request([{ op: 'Sign', payload: UID() + bytes('Data', '0102') }]),
    response([{ op: 'Sign', payload: UID() + bytes('SignatureData', 'aabbccdd') }]),
  ];
  const signed = () => actual([{ op: 'Sign', payload: text('UniqueIdentifier', 'reg') + bytes('SignatureData', '99999999') }]);

  it("captures the signature of a registered key whose Cryptographic Parameters say PSS when Sign names none", () => {
    const vf = vector(...registerSigningKey('PSS'));
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'reg') }]), b);
    expect(b.keyParameters.has('reg')).toBe(true);
    expect(exchange(vf, 1, signed(), b)).toBeUndefined();
  });

  it('compares the signature of a registered key whose Cryptographic Parameters say PKCS#1 v1.5 (deterministic)', () => {
    const vf = vector(...registerSigningKey('PKCS1V1_5'));
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'reg') }]), b);
    expect(exchange(vf, 1, signed(), b)?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/SignatureData');
  });

  // CS-BC-M-2 shape: Create makes a server key, then Decrypt of the vector's literal ciphertext (made by
  // the vendor's key) expects the vendor's plaintext.
  const decryptLiteral = () => [
    request([{ op: 'Decrypt', payload: UID() + bytes('Data', 'fd912d102dbb482f6f6e91bd57119095') }]),
    response([{ op: 'Decrypt', payload: UID() + bytes('Data', '01020304050607080910111213141516') }]),
  ];
  const decrypted = (uid: string, hex: string) => actual([{ op: 'Decrypt', payload: text('UniqueIdentifier', uid) + bytes('Data', hex) }]);

  it('captures the Decrypt output of the vector\'s ciphertext under a server-generated key', () => {
    const vf = vector(...createPair(), ...decryptLiteral());
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', 'gen') }]), b);
    expect(b.serverGenerated.has('gen')).toBe(true);
    expect(exchange(vf, 1, decrypted('gen', 'ad31b630b1175c3c1df0de0d560369fd'), b)).toBeUndefined();
    // Only the crypto output varies: the identifier must still be the bound one.
    expect(exchange(vf, 1, decrypted('other', 'ad31b630b1175c3c1df0de0d560369fd'), b)?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/UniqueIdentifier');
  });

  it('compares the Decrypt output of the vector\'s ciphertext under a registered key', () => {
    const vf = vector(...registerPair(), ...decryptLiteral());
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'reg') }]), b);
    expect(b.serverGenerated.has('reg')).toBe(false);
    const d = exchange(vf, 1, decrypted('reg', 'ad31b630b1175c3c1df0de0d560369fd'), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Data');
    expect(d?.reason).toBe('value differs');
    expect(exchange(vf, 1, decrypted('reg', '01020304050607080910111213141516'), b)).toBeUndefined();
  });

  it('compares the Decrypt output of $DATA_n the server produced, even under a server key', () => {
    const vf = vector(
      ...createPair(),
      request([{ op: 'Encrypt', payload: UID() + bytes('Data', '0102') }]),
      response([{ op: 'Encrypt', payload: UID() + bytes('Data', '$DATA_0') }]),
      request([{ op: 'Decrypt', payload: UID() + bytes('Data', '$DATA_0') }]),
      response([{ op: 'Decrypt', payload: UID() + bytes('Data', '0102') }]),
    );
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', 'gen') }]), b);
    expect(exchange(vf, 1, actual([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'gen') + bytes('Data', 'c0ffee') }]), b)).toBeUndefined();
    expect(exchange(vf, 2, decrypted('gen', '0102'), b)).toBeUndefined();
    expect(exchange(vf, 2, decrypted('gen', '0103'), b)?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Data');
  });

  it('a Decrypt whose $DATA_n no response gave (random) is not the server\'s echo: captured under a server key', () => {
    const vf = vector(
      ...createPair(),
      request([{ op: 'Decrypt', payload: UID() + bytes('Data', '$DATA_5') }]),
      response([{ op: 'Decrypt', payload: UID() + bytes('Data', '0102') }]),
    );
    const b = bindings();
    exchange(vf, 0, actual([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') + text('UniqueIdentifier', 'gen') }]), b);
    expect(exchange(vf, 1, decrypted('gen', 'ffff'), b)).toBeUndefined();
  });

  it('a server key generated by an earlier file of a sequence (shared set) counts as server-generated', () => {
    const vf = vector(
      request([{ op: 'Locate' }]),
      response([{ op: 'Locate', payload: UID() }]),
      ...decryptLiteral(),
    );
    const shared = new Set<string>(['gen-earlier']);
    const b = new Bindings(NOW, () => NOW, shared);
    expect(exchange(vf, 0, actual([{ op: 'Locate', payload: text('UniqueIdentifier', 'gen-earlier') }]), b)).toBeUndefined();
    expect(exchange(vf, 1, decrypted('gen-earlier', 'aa'), b)).toBeUndefined();
    // A fresh file without the shared set compares.
    const b2 = bindings();
    exchange(vf, 0, actual([{ op: 'Locate', payload: text('UniqueIdentifier', 'gen-earlier') }]), b2);
    expect(exchange(vf, 1, decrypted('gen-earlier', 'aa'), b2)?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Data');
  });
});

function parseFirst(xml: string, _ts?: string) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { parseKmipXml } = require('../../../src/ttlv/xml-parse');
  const resolved = xml.replace('value="$NOW"', `value="${isoAt(NOW)}"`);
  return parseKmipXml(resolved)[0];
}
