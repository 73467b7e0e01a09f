/**
 * Protocol versions the server speaks, and the negotiation rule for one request.
 *
 * Every request carries its own version and is answered in it (clients switch versions between
 * requests on one connection). KMIP 1.x §2 / 2.1 §9.16: servers SHALL be backward compatible within a
 * major version; a request with a known major but unknown (newer) minor is processed as the highest
 * minor we know of that major, ignoring fields we do not understand (1.4 Table 327 "Same major version,
 * different minor versions"). A major we do not speak (0.x, 3.x...) is a "Protocol major version
 * mismatch": Invalid Message, batch item without Operation (1.4 Table 327). That answer is written in
 * the supported version nearest to the one asked for (2.1 for 3.x and above, 1.0 for 0.x), so a client
 * at least reads a well-formed header it can compare with what it sent.
 */
import type { ProtocolVersion } from '../operations/types';

export type { ProtocolVersion };

/** Supported versions, highest first (Discover Versions answers in this order of preference). */
export const SUPPORTED_VERSIONS: readonly ProtocolVersion[] = [
  { major: 2, minor: 1 },
  { major: 2, minor: 0 },
  { major: 1, minor: 4 },
  { major: 1, minor: 3 },
  { major: 1, minor: 2 },
  { major: 1, minor: 1 },
  { major: 1, minor: 0 },
];

/** Version used for a message whose header cannot be read at all. 1.0 is the structure every client parses. */
export const FALLBACK_VERSION: ProtocolVersion = { major: 1, minor: 0 };

export function versionKey(v: ProtocolVersion): string {
  return `${v.major}.${v.minor}`;
}

export function compareVersions(a: ProtocolVersion, b: ProtocolVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export function isSupportedVersion(v: ProtocolVersion): boolean {
  return SUPPORTED_VERSIONS.some((s) => s.major === v.major && s.minor === v.minor);
}

export type Negotiation =
  | { ok: true; version: ProtocolVersion }
  | { ok: false; answerIn: ProtocolVersion };

/** Decide the version in which a request is processed and answered. */
export function negotiateVersion(requested: ProtocolVersion): Negotiation {
  if (isSupportedVersion(requested)) return { ok: true, version: { major: requested.major, minor: requested.minor } };
  const sameMajor = SUPPORTED_VERSIONS.filter((s) => s.major === requested.major);
  if (sameMajor.length > 0) {
    // Known major, unknown minor: newer minors are processed as our highest minor; an older unknown
    // minor cannot exist for 1.x/2.x (both start at .0), so the highest is always the right pick.
    return { ok: true, version: { ...sameMajor[0] } };
  }
  const highest = SUPPORTED_VERSIONS[0];
  const lowest = SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1];
  return { ok: false, answerIn: compareVersions(requested, highest) > 0 ? { ...highest } : { ...lowest } };
}
