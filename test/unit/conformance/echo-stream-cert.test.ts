/**
 * Runner rules for values the server chooses per stream or per object:
 *  - `$CORRELATION_VALUE` re-bound by the response that opens a new stream (Init Indicator);
 *  - echoed placeholders (§3.5) bound from the latest literal response item of the same tag;
 *  - CertificateValue of a server-issued certificate captured, of a registered one compared.
 */
import { ItemType } from '../../../src/kmip/item-type';
import { Tag } from '../../../src/kmip/tags';
import { child, children, type TtlvItem } from '../../../src/ttlv/item';
import { actual, attr1, bindings, bytes, en, exchange, int, request, response, text, vector } from './helpers';

const UID = (n = 0) => text('UniqueIdentifier', `$UNIQUE_IDENTIFIER_${n}`);
const bool = (tag: string, v: boolean) => `<${tag} type="Boolean" value="${v}"/>`;

/** The value of `tag` in the first batch item's request payload of a filled request. */
function sentValue(sent: TtlvItem, tag: number): unknown {
  const payload = child(children(sent, Tag.BatchItem)[0], Tag.RequestPayload);
  const item = child(payload, tag);
  if (!item || item.type === ItemType.Structure) throw new Error('no such item');
  return item.type === ItemType.ByteString ? item.value.toString('hex') : item.value;
}

describe('$CORRELATION_VALUE across several streams', () => {
  const CV = bytes('CorrelationValue', '$CORRELATION_VALUE');
  const vf = vector(
    request([{ op: 'Encrypt', payload: UID() + bytes('Data', '01') + bool('InitIndicator', true) }]),
    response([{ op: 'Encrypt', payload: UID() + CV }]),
    request([{ op: 'Encrypt', payload: UID() + bytes('Data', '02') + CV }]),
    response([{ op: 'Encrypt', payload: UID() + CV }]),
    request([{ op: 'Encrypt', payload: UID() + bytes('Data', '03') + bool('InitIndicator', true) }]),
    response([{ op: 'Encrypt', payload: UID() + CV }]),
    request([{ op: 'Encrypt', payload: UID() + bytes('Data', '04') + CV }]),
    response([{ op: 'Encrypt', payload: UID() + CV }]),
  );
  const got = (cv: string) => actual([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'k') + bytes('CorrelationValue', cv) }]);

  it('re-binds the value in the response to a new stream and sends it afterwards', () => {
    const b = bindings();
    b.values.set('UNIQUE_IDENTIFIER_0', { tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: 'k' });
    expect(exchange(vf, 0, got('aa'), b)).toBeUndefined();
    expect(exchange(vf, 1, got('aa'), b)).toBeUndefined();
    expect(exchange(vf, 2, got('bb'), b)).toBeUndefined();
    expect((b.values.get('CORRELATION_VALUE')?.value as Buffer).toString('hex')).toBe('bb');
    const sent = b.fillRequest(vf.pairs[3].request.item, vf.pairs[3].request.placeholders);
    expect(sentValue(sent, Tag.CorrelationValue)).toBe('bb');
  });

  it('still requires the bound value within a stream', () => {
    const b = bindings();
    b.values.set('UNIQUE_IDENTIFIER_0', { tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: 'k' });
    expect(exchange(vf, 0, got('aa'), b)).toBeUndefined();
    const d = exchange(vf, 1, got('cc'), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/CorrelationValue');
    expect(d?.reason).toContain('$CORRELATION_VALUE');
  });
});

describe('$ASYNCHRONOUS_CORRELATION_VALUE across several pending operations', () => {
  const ACV = bytes('AsynchronousCorrelationValue', '$ASYNCHRONOUS_CORRELATION_VALUE');
  const pendingResp = response([{ op: 'Locate', status: 'OperationPending', noPayload: true }]).replace(
    '<ResultStatus type="Enumeration" value="OperationPending"/>',
    '<ResultStatus type="Enumeration" value="OperationPending"/>' + ACV,
  );
  const vf = vector(
    request([{ op: 'Locate' }]),
    pendingResp,
    request([{ op: 'Poll', payload: ACV }]),
    response([{ op: 'Poll', extra: ACV, noPayload: true }]),
    request([{ op: 'Locate' }]),
    pendingResp,
  );
  function pending(v: string): TtlvItem {
    const x = actual([{ op: 'Locate', status: 'OperationPending', noPayload: true }]);
    const bi = children(x, Tag.BatchItem)[0] as TtlvItem & { value: TtlvItem[] };
    bi.value.push({ tag: Tag.AsynchronousCorrelationValue, type: ItemType.ByteString, value: Buffer.from(v, 'hex') });
    return x;
  }
  const polled = (v: string) => {
    const x = actual([{ op: 'Poll', noPayload: true }]);
    const bi = children(x, Tag.BatchItem)[0] as TtlvItem & { value: TtlvItem[] };
    bi.value.splice(1, 0, { tag: Tag.AsynchronousCorrelationValue, type: ItemType.ByteString, value: Buffer.from(v, 'hex') });
    return x;
  };

  it('re-binds on each Operation Pending answer', () => {
    const b = bindings();
    expect(exchange(vf, 0, pending('a1'), b)).toBeUndefined();
    expect(exchange(vf, 1, polled('a1'), b)).toBeUndefined();
    expect(exchange(vf, 2, pending('b2'), b)).toBeUndefined();
    expect((b.values.get('ASYNCHRONOUS_CORRELATION_VALUE')?.value as Buffer).toString('hex')).toBe('b2');
  });

  it('requires the bound value in a Poll answer', () => {
    const b = bindings();
    expect(exchange(vf, 0, pending('a1'), b)).toBeUndefined();
    const d = exchange(vf, 1, polled('ff'), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/AsynchronousCorrelationValue');
  });
});

describe('echoed placeholders written as literals in the earlier response', () => {
  // CS-BC-M-13 shape: Encrypt with a server-chosen IV answers literal Data and IVCounterNonce; the
  // next Decrypt sends $DATA_0 and $IV_COUNTER_NONCE.
  const vf = vector(
    request([{ op: 'Encrypt', payload: UID() + bytes('Data', '0102') }]),
    response([{ op: 'Encrypt', payload: UID() + bytes('Data', 'e768') + bytes('IVCounterNonce', 'ff02') }]),
    request([{ op: 'Decrypt', payload: UID() + bytes('Data', '$DATA_0') + bytes('IVCounterNonce', '$IV_COUNTER_NONCE') }]),
    response([{ op: 'Decrypt', payload: UID() + bytes('Data', '0102') }]),
    request([{ op: 'Get', payload: text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_7') }]),
    response([{ op: 'Get', status: 'OperationFailed', noPayload: true }]),
  );

  it('binds them to the server values of the latest response items of the same tag', () => {
    const b = bindings();
    b.values.set('UNIQUE_IDENTIFIER_0', { tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: 'k' });
    const enc = actual([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'k') + bytes('Data', 'abcdef') + bytes('IVCounterNonce', '99887766') }]);
    expect(exchange(vf, 0, enc, b)).toBeUndefined();
    const sent = b.fillRequest(vf.pairs[1].request.item, vf.pairs[1].request.placeholders);
    expect(sentValue(sent, Tag.Data)).toBe('abcdef');
    expect(sentValue(sent, Tag.IVCounterNonce)).toBe('99887766');
    // Bound for the rest of the file: a later response carrying $DATA_0 must equal it.
    expect((b.values.get('DATA_0')?.value as Buffer).toString('hex')).toBe('abcdef');
  });

  it('does not bind a name outside the echoed list, nor one with no earlier item of its tag', () => {
    // The earlier response has a literal Unique Identifier (recorded like any literal position).
    const lit = vector(
      request([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'key-lit') + bytes('Data', '0102') }]),
      // The server chose the IV (it returns one the request did not give): the ciphertext may vary.
      response([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'key-lit') + bytes('Data', 'e768') + bytes('IVCounterNonce', 'ff02') }]),
      request([{ op: 'Get', payload: text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_7') }]),
      response([{ op: 'Get', status: 'OperationFailed', noPayload: true }]),
    );
    const b = bindings();
    const enc = actual([{ op: 'Encrypt', payload: text('UniqueIdentifier', 'k') + bytes('Data', 'abcdef') + bytes('IVCounterNonce', '99887766') }]);
    expect(exchange(lit, 0, enc, b)).toBeUndefined();
    expect(b.responseLiterals.get(Tag.UniqueIdentifier)?.value).toBe('k');
    // $UNIQUE_IDENTIFIER_7 names an object that does not exist: random, not the literal-position 'k'.
    const get = b.fillRequest(lit.pairs[1].request.item, lit.pairs[1].request.placeholders);
    expect(sentValue(get, Tag.UniqueIdentifier)).toMatch(/^unbound-/);
    // Without an earlier response, $MAC_DATA gets no server value.
    const lone = vector(
      request([{ op: 'MACVerify', payload: UID() + bytes('Data', '01') + bytes('MACData', '$MAC_DATA') }]),
      response([{ op: 'MACVerify', payload: UID() + en('ValidityIndicator', 'Valid') }]),
    );
    const b2 = bindings();
    const s2 = b2.fillRequest(lone.pairs[0].request.item, lone.pairs[0].request.placeholders);
    expect(sentValue(s2, Tag.MACData)).not.toBe('abcdef');
    expect((sentValue(s2, Tag.MACData) as string).length).toBe(32);
  });

  it('does not take a value from a tentative match that was rolled back', () => {
    const b = bindings();
    const snap = b.snapshot();
    b.noteResponseLiteral({ tag: Tag.Data, type: ItemType.ByteString, value: Buffer.from('dead', 'hex') });
    b.restore(snap);
    const sent = b.fillRequest(vf.pairs[1].request.item, vf.pairs[1].request.placeholders);
    expect(sentValue(sent, Tag.Data)).not.toBe('dead');
  });
});

describe('certificate values', () => {
  const cert = (v: string) => `<Certificate>${en('CertificateType', 'X_509')}${bytes('CertificateValue', v)}</Certificate>`;
  const getCert = (uid: string, v: string) =>
    actual([{ op: 'Get', payload: en('ObjectType', 'Certificate') + text('UniqueIdentifier', uid) + cert(v) }]);

  it('captures the CertificateValue of a certificate the server issued (Certify)', () => {
    const vf = vector(
      request([{ op: 'Certify', payload: UID(0) + en('CertificateRequestType', 'PKCS_10') + bytes('CertificateRequest', '3082') }]),
      response([{ op: 'Certify', payload: UID(1) }]),
      request([{ op: 'Get', payload: UID(1) }]),
      response([{ op: 'Get', payload: en('ObjectType', 'Certificate') + UID(1) + cert('30820277aa') }]),
    );
    const b = bindings();
    expect(exchange(vf, 0, actual([{ op: 'Certify', payload: text('UniqueIdentifier', 'c-1') }]), b)).toBeUndefined();
    expect(exchange(vf, 1, getCert('c-1', '308201ffbb'), b)).toBeUndefined();
  });

  it('compares the CertificateValue of a certificate the client registered', () => {
    const vf = vector(
      request([{ op: 'Register', payload: en('ObjectType', 'Certificate') + cert('30820277aa') }]),
      response([{ op: 'Register', payload: UID(0) }]),
      request([{ op: 'Get', payload: UID(0) }]),
      response([{ op: 'Get', payload: en('ObjectType', 'Certificate') + UID(0) + cert('30820277aa') }]),
    );
    const b = bindings();
    expect(exchange(vf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'c-2') }]), b)).toBeUndefined();
    expect(exchange(vf, 1, getCert('c-2', '30820277aa'), b)).toBeUndefined();
    const d = exchange(vf, 1, getCert('c-2', '308201ffbb'), b);
    expect(d?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/Certificate/CertificateValue');
    expect(d?.reason).toBe('value differs');
  });

  it('captures the issuer, serial number and length of a certificate the server issued, compares its subject', () => {
    const ident = (issuer: string, serial: string) =>
      attr1('Certificate Identifier', `<AttributeValue>${text('Issuer', issuer)}${text('SerialNumber', serial)}</AttributeValue>`);
    const subject = (dn: string) => attr1('Certificate Subject', `<AttributeValue>${text('CertificateSubjectDistinguishedName', dn)}</AttributeValue>`);
    const len = (n: number) => attr1('Certificate Length', int('AttributeValue', n));
    const attrs = (uid: string, body: string) => actual([{ op: 'GetAttributes', payload: text('UniqueIdentifier', uid) + body }]);
    const issued = (regOp: 'Certify' | 'Register') =>
      vector(
        request([{ op: regOp, payload: UID(0) }]),
        response([{ op: regOp, payload: UID(1) }]),
        request([{ op: 'GetAttributes', payload: UID(1) }]),
        response([{ op: 'GetAttributes', payload: UID(1) + ident('CN=KMIP,O=TEST', '7') + subject('CN=Client') + len(635) }]),
      );
    const b = bindings();
    const vf = issued('Certify');
    expect(exchange(vf, 0, actual([{ op: 'Certify', payload: text('UniqueIdentifier', 'c-3') }]), b)).toBeUndefined();
    expect(exchange(vf, 1, attrs('c-3', ident('CN=Tumbler CA', '99ab') + subject('CN=Client') + len(818)), b)).toBeUndefined();
    // The subject came from the request: still compared.
    expect(exchange(vf, 1, attrs('c-3', ident('CN=Tumbler CA', '99ab') + subject('CN=Other') + len(818)), b)?.reason).toBe('value differs');
    // A registered certificate's issuer is compared.
    const b2 = bindings();
    const rf = issued('Register');
    expect(exchange(rf, 0, actual([{ op: 'Register', payload: text('UniqueIdentifier', 'c-4') }]), b2)).toBeUndefined();
    expect(exchange(rf, 1, attrs('c-4', ident('CN=Tumbler CA', '7') + subject('CN=Client') + len(635)), b2)?.reason).toBe('value differs');
  });
});
