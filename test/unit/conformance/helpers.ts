/** Small builders of vector XML for the comparator and placeholder tests. */
import { parseKmipXml } from '../../../src/ttlv/xml-parse';
import type { TtlvItem } from '../../../src/ttlv/item';
import { Bindings } from '../../../conformance/runner/placeholders';
import { compareResponse } from '../../../conformance/runner/compare';
import { parseVectorText, type VectorFile } from '../../../conformance/runner/vector-file';
import type { Difference } from '../../../conformance/runner/types';

export const NOW = 1_700_000_000;
export const isoAt = (secs: number) => new Date(secs * 1000).toISOString().replace('.000Z', '+00:00');

function pv(version: string): string {
  const [maj, min] = version.split('.');
  return `<ProtocolVersion><ProtocolVersionMajor type="Integer" value="${maj}"/><ProtocolVersionMinor type="Integer" value="${min}"/></ProtocolVersion>`;
}

export interface ItemSpec {
  op: string;
  payload?: string;
  /** Extra XML after Operation (request: UniqueBatchItemID; response: ResultStatus/Reason...). */
  extra?: string;
  /** Response only: ResultStatus (default Success). */
  status?: string;
  noPayload?: boolean;
}

export function request(items: ItemSpec[], version = '1.4', header = ''): string {
  const bis = items
    .map((i) => `<BatchItem><Operation type="Enumeration" value="${i.op}"/>${i.extra ?? ''}<RequestPayload>${i.payload ?? ''}</RequestPayload></BatchItem>`)
    .join('');
  return `<RequestMessage><RequestHeader>${pv(version)}${header}<BatchCount type="Integer" value="${items.length}"/></RequestHeader>${bis}</RequestMessage>`;
}

export function response(items: ItemSpec[], version = '1.4', timeStamp = '$NOW', header = ''): string {
  const bis = items
    .map(
      (i) =>
        `<BatchItem><Operation type="Enumeration" value="${i.op}"/>${i.extra ?? ''}<ResultStatus type="Enumeration" value="${i.status ?? 'Success'}"/>` +
        (i.noPayload ? '' : `<ResponsePayload>${i.payload ?? ''}</ResponsePayload>`) +
        `</BatchItem>`,
    )
    .join('');
  return `<ResponseMessage><ResponseHeader>${pv(version)}<TimeStamp type="DateTime" value="${timeStamp}"/>${header}<BatchCount type="Integer" value="${items.length}"/></ResponseHeader>${bis}</ResponseMessage>`;
}

/** A response message the "server" sent (no placeholders), its TimeStamp at NOW. */
export function actual(items: ItemSpec[], version = '1.4', header = ''): TtlvItem {
  return parseKmipXml(response(items, version, isoAt(NOW), header))[0];
}

export function vector(...messages: string[]): VectorFile {
  return parseVectorText(`<KMIP>${messages.join('\n')}</KMIP>`, 'test.xml');
}

export function bindings(): Bindings {
  return new Bindings(NOW, () => NOW);
}

/** Sends pair `k` of the vector through the comparator with `got` as the server's answer. */
export function exchange(vf: VectorFile, k: number, got: TtlvItem, b: Bindings = bindings()): Difference | undefined {
  const { request: rq, response: rs } = vf.pairs[k];
  const sent = b.fillRequest(rq.item, rq.placeholders);
  return compareResponse({ expected: rs.item, placeholders: rs.placeholders, actual: got, request: sent, bindings: b, version: vf.version });
}

export const text = (tag: string, v: string) => `<${tag} type="TextString" value="${v}"/>`;
export const int = (tag: string, v: string | number) => `<${tag} type="Integer" value="${v}"/>`;
export const en = (tag: string, v: string) => `<${tag} type="Enumeration" value="${v}"/>`;
export const bytes = (tag: string, v: string) => `<${tag} type="ByteString" value="${v}"/>`;
export const date = (tag: string, v: string) => `<${tag} type="DateTime" value="${v}"/>`;
export const attr1 = (name: string, valueXml: string, index?: number) =>
  `<Attribute><AttributeName type="TextString" value="${name}"/>${index === undefined ? '' : int('AttributeIndex', index)}${valueXml}</Attribute>`;
