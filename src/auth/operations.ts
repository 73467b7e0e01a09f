/**
 * Operation names for configuration, grants and the CLI: "Get", "get", "Get Attributes", "get-attributes",
 * "GetAttributes", "0x0A" all name Operation.GetAttributes / Get as expected.
 */
import { Operation } from '../kmip/enums';

const BY_VALUE = new Map<number, string>(Object.entries(Operation).map(([k, v]) => [v as number, k]));
const BY_KEY = new Map<string, number>(Object.entries(Operation).map(([k, v]) => [normalize(k), v as number]));

function normalize(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The Operation enumeration value named by `name`, or undefined. */
export function parseOperation(name: string): number | undefined {
  const t = name.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) {
    const v = parseInt(t, 16);
    return BY_VALUE.has(v) ? v : undefined;
  }
  return BY_KEY.get(normalize(t));
}

/** Parse a list such as "Get,Encrypt" or "Get+Encrypt"; throws naming the unknown entry. */
export function parseOperationList(list: string | string[]): number[] {
  const parts = (Array.isArray(list) ? list : [list]).flatMap((s) => s.split(/[,+|]/)).map((s) => s.trim()).filter((s) => s.length > 0);
  const out: number[] = [];
  for (const p of parts) {
    const v = parseOperation(p);
    if (v === undefined) throw new Error(`unknown operation "${p}"`);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** "Get", "GetAttributes", or "0x80000001" for operations the table does not name. */
export function operationName(op: number): string {
  return BY_VALUE.get(op) ?? `0x${op.toString(16).toUpperCase()}`;
}

export const ALL_OPERATIONS: readonly number[] = [...BY_VALUE.keys()];
