/**
 * Text forms of primitive TTLV values shared by the XML and JSON encodings
 * (KMIP Additional Message Encodings v1.0 §4.1.1/§4.1.6 JSON, §6.1.1/§6.1.6 XML).
 *
 * Readers accept every form the spec allows in either encoding (decimal or fixed-width hex for
 * numbers, xsd:dateTime with `Z`, offsets or no zone, hex for date-times); writers emit the
 * canonical form of the encoding. Every parse function throws ValueError with a short reason;
 * callers add the position.
 */

export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

const DEC = /^[+-]?[0-9]+$/;
const HEX_NUM = /^0[xX]([0-9a-fA-F]+)$/;

/** Unsigned value of a `0x…` hex string of at most `bytes` bytes, or undefined if not hex. */
function hexNumber(s: string, bytes: number): bigint | undefined {
  const m = HEX_NUM.exec(s);
  if (!m) return undefined;
  if (m[1].length > bytes * 2) throw new ValueError(`hex value ${s} is wider than ${bytes} bytes`);
  return BigInt('0x' + m[1]);
}

function signed(u: bigint, bits: number): bigint {
  return BigInt.asIntN(bits, u);
}

/** Integer (signed 32-bit): decimal (xsd:int) or hex with two's complement (`0xffffffff` = -1). */
export function parseInt32(s: string): number {
  const h = hexNumber(s, 4);
  if (h !== undefined) return Number(signed(h, 32));
  if (!DEC.test(s)) throw new ValueError(`'${s}' is not an Integer`);
  const n = Number(s);
  if (n < -0x80000000 || n > 0x7fffffff) throw new ValueError(`Integer ${s} out of 32-bit range`);
  return n;
}

/** Unsigned 32-bit (Enumeration numbers, Interval, mask components): decimal or hex. */
export function parseUint32(s: string, what: string): number {
  const h = hexNumber(s, 4);
  if (h !== undefined) return Number(h);
  if (!/^\+?[0-9]+$/.test(s)) throw new ValueError(`'${s}' is not a valid ${what}`);
  const n = Number(s);
  if (n > 0xffffffff) throw new ValueError(`${what} ${s} out of unsigned 32-bit range`);
  return n;
}

/** Long Integer (signed 64-bit): decimal (xsd:long) or 64-bit two's complement hex. */
export function parseInt64(s: string): bigint {
  const h = hexNumber(s, 8);
  if (h !== undefined) return signed(h, 64);
  if (!DEC.test(s)) throw new ValueError(`'${s}' is not a LongInteger`);
  const n = BigInt(s);
  if (n !== BigInt.asIntN(64, n)) throw new ValueError(`LongInteger ${s} out of 64-bit range`);
  return n;
}

/** Big Integer: hex (xsd:hexBinary, `0x` optional), big-endian two's complement; decimal also read. */
export function parseBigInt(s: string, maxBytes = 1 << 16): bigint {
  const hex = s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : s;
  if (/^[0-9a-fA-F]*$/.test(hex) && (hex.length % 2 === 0 || s !== hex)) {
    if (hex.length === 0) return 0n;
    if (hex.length > maxBytes * 2) throw new ValueError(`BigInteger longer than ${maxBytes} bytes`);
    return BigInt.asIntN(hex.length * 4, BigInt('0x' + hex));
  }
  if (/^-[0-9]+$/.test(s)) return BigInt(s);
  throw new ValueError(`'${s}' is not a BigInteger (hex expected)`);
}

/** Big Integer as hex, two's complement, padded to a multiple of 8 bytes as TTLV encodes it. */
export function formatBigInt(v: bigint): string {
  let bytes = 8;
  while (BigInt.asIntN(bytes * 8, v) !== v) bytes += 8;
  return BigInt.asUintN(bytes * 8, v).toString(16).padStart(bytes * 2, '0');
}

export function parseBoolean(s: string): boolean {
  if (s === 'true' || s === '1' || /^0[xX]0{0,15}1$/.test(s)) return true;
  if (s === 'false' || s === '0' || /^0[xX]0{1,16}$/.test(s)) return false;
  throw new ValueError(`'${s}' is not a Boolean`);
}

export function parseHexBytes(s: string): Buffer {
  if (!/^[0-9a-fA-F]*$/.test(s) || s.length % 2 !== 0) {
    throw new ValueError(`'${s.length > 24 ? s.slice(0, 24) + '…' : s}' is not a ByteString (even-length hex expected)`);
  }
  return Buffer.from(s, 'hex');
}

export function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}

export function hex64(n: bigint): string {
  return '0x' + BigInt.asUintN(64, n).toString(16).padStart(16, '0');
}

const DATE_RE = /^(-?)([0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * xsd:dateTime → microseconds since the epoch. A missing zone is read as UTC (KMIP times are UTC).
 * Also accepts `0x` + 16 hex digits (the JSON form) which is taken as seconds.
 */
export function parseDateTimeMicros(s: string): bigint {
  const h = hexNumber(s, 8);
  if (h !== undefined) return signed(h, 64) * 1_000_000n;
  const m = DATE_RE.exec(s);
  if (!m) throw new ValueError(`'${s}' is not an xsd:dateTime (e.g. 2012-04-27T08:12:24+00:00)`);
  const [, neg, y, mo, d, hh, mi, ss, frac, zone] = m;
  const year = Number(y) * (neg ? -1 : 1);
  const month = Number(mo);
  const day = Number(d);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1] || (month === 2 && day === 29 && !leap)) {
    throw new ValueError(`'${s}' is not a valid date`);
  }
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) throw new ValueError(`'${s}' is not a valid time`);
  let offsetMin = 0;
  if (zone && zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 14 || zm > 59) throw new ValueError(`'${s}' has an invalid zone offset`);
    offsetMin = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(Number(hh), Number(mi), Number(ss), 0);
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new ValueError(`'${s}' is out of the supported date range`);
  const micros = frac ? BigInt(frac.slice(0, 6).padEnd(6, '0')) : 0n;
  return (BigInt(ms) / 1000n - BigInt(offsetMin * 60)) * 1_000_000n + micros;
}

/** DateTime (seconds): fractional seconds are truncated as the spec says. */
export function parseDateTime(s: string): bigint {
  const us = parseDateTimeMicros(s);
  return us >= 0n || us % 1_000_000n === 0n ? us / 1_000_000n : us / 1_000_000n - 1n;
}

const MAX_DATE_MS = 8_640_000_000_000_000n;

/** Seconds → `2012-04-27T08:12:24+00:00`; outside the calendar range, 64-bit hex. */
export function formatDateTime(seconds: bigint): string {
  const ms = seconds * 1000n;
  if (ms > MAX_DATE_MS || ms < -MAX_DATE_MS) return hex64(seconds);
  return isoNoMillis(new Date(Number(ms))) + '+00:00';
}

/** Microseconds → `2012-04-27T08:12:24.123456+00:00` (Date-Time Extended, KMIP 2.x). */
export function formatDateTimeExtended(micros: bigint): string {
  const sec = micros >= 0n || micros % 1_000_000n === 0n ? micros / 1_000_000n : micros / 1_000_000n - 1n;
  const frac = micros - sec * 1_000_000n;
  const ms = sec * 1000n;
  if (ms > MAX_DATE_MS || ms < -MAX_DATE_MS) return hex64(micros);
  return `${isoNoMillis(new Date(Number(ms)))}.${frac.toString().padStart(6, '0')}+00:00`;
}

/** Date-Time Extended read back: a hex form is microseconds, unlike DateTime. */
export function parseDateTimeExtended(s: string): bigint {
  const h = hexNumber(s, 8);
  if (h !== undefined) return signed(h, 64);
  return parseDateTimeMicros(s);
}

function isoNoMillis(d: Date): string {
  const y = d.getUTCFullYear();
  const year = y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  const p = (n: number) => String(n).padStart(2, '0');
  return `${year}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * The name normalization of §4.1.3/§6.1.3 (CamelCase), applied to Attribute Name text so that
 * "Cryptographic Algorithm" names the tag whose enumeration decides an Attribute Value.
 */
export function normalizeName(text: string): string {
  const noBrackets = text.replace(/[()]/g, ' ');
  const spaced = noBrackets.replace(/[^A-Za-z0-9_]([A-Za-z][a-z])/g, ' $1');
  const words = spaced.split(/\s+/).filter((w) => w.length > 0).map((w) => w.replace(/[^A-Za-z0-9_]/g, '_'));
  if (words.length === 0) return '';
  words[0] = words[0].replace(/^([0-9]+)(.*)$/, '$2$1');
  return words.map((w) => (w.length ? w[0].toUpperCase() + w.slice(1) : w)).join('');
}
