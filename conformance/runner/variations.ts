/**
 * The permitted test case variations, as data. Source: SOURCES.md §4, which summarizes "Permitted
 * Test Case Variations" of KMIP Symmetric Key Lifecycle Profile v1.0 os §4.7 (carried forward by
 * the Cryptographic Services Profile §4.7, Additional Message Encodings §8.4 and later Profiles).
 * Anything not listed here is compared exactly: any other variation "SHALL be deemed non-conformant".
 *
 * The comparator (compare.ts) only asks these tables and predicates; to change what is accepted,
 * change this file and cite the paragraph.
 */
import { Tag } from '../../src/kmip/tags';
import { Operation, CryptographicAlgorithm, DigitalSignatureAlgorithm, PaddingMethod } from '../../src/kmip/enums';

const set = (...tags: number[]): ReadonlySet<number> => new Set(tags);

/**
 * §4 "IDs and correlation values": Unique Identifier, Private/Public Key Unique Identifier,
 * Asynchronous Correlation Value; and "Linked Object Identifier". A placeholder binds (or, once
 * bound, compares equal: the identifier of the right object); a literal is captured, and a later
 * request repeating the literal gets the server's value.
 */
export const SERVER_CHOSEN_IDENTIFIER_TAGS = set(
  Tag.UniqueIdentifier,
  Tag.PrivateKeyUniqueIdentifier,
  Tag.PublicKeyUniqueIdentifier,
  Tag.LinkedObjectIdentifier,
  Tag.AsynchronousCorrelationValue,
);

/**
 * Values never compared:
 *  - §4 "In 2.x vectors, ServerCorrelationValue is also a server-chosen value";
 *  - §4 "DigestValue, and the HashingAlgorithm of Digest" (HashingAlgorithm only inside a Digest,
 *    see DIGEST_ANY_TAGS);
 *  - §4 optional elements "ResultMessage, with any text" and "VendorIdentification, with any text";
 *  - Query's ServerInformation (vendor-specific content, §4 "Query results").
 */
export const ANY_VALUE_TAGS = set(Tag.ServerCorrelationValue, Tag.DigestValue, Tag.ResultMessage, Tag.VendorIdentification, Tag.ServerInformation);

/** §4 "the HashingAlgorithm of Digest" (and the Digest's KeyFormatType for server-created objects, see below). */
export const DIGEST_ANY_TAGS = set(Tag.HashingAlgorithm);

/** §4 "TimeStamp": any plausible time (the 1.0–1.2 extractions write it as a literal, §3.5). */
export const ANY_TIME_TAGS = set(Tag.TimeStamp);

/**
 * §4 "DateTime attributes that the request did not fix": Activation, Archive, Compromise,
 * Compromise Occurrence, Deactivation, Destroy, Initial, Last Change, Protect Start (Process Start),
 * Process Stop (Protect Stop), Validity and Original Creation dates. A literal in the response that
 * the file's requests set is compared exactly; otherwise any plausible time.
 */
export const SERVER_DATE_TAGS = set(
  Tag.ActivationDate,
  Tag.ArchiveDate,
  Tag.CompromiseDate,
  Tag.CompromiseOccurrenceDate,
  Tag.DeactivationDate,
  Tag.DestroyDate,
  Tag.InitialDate,
  Tag.LastChangeDate,
  Tag.ProcessStartDate,
  Tag.ProtectStopDate,
  Tag.ValidityDate,
  Tag.OriginalCreationDate,
);

/** Earliest time accepted as "plausible" for a server-chosen date written as a literal (2000-01-01). */
export const PLAUSIBLE_TIME_MIN = 946_684_800;
/** Latest: a century after now (dates such as Deactivation may be far in the future). */
export const PLAUSIBLE_FUTURE_SECONDS = 100 * 365 * 86_400;

/**
 * §4 "Optional elements in responses. A response MAY omit or add": ResultMessage,
 * VendorIdentification (any text), an optional TemplateAttribute (and its key-pair forms, which
 * are the same optional element of Create Key Pair), non-critical message extensions (see
 * isOptionalInResponse), AttributeIndex 0, extra ObjectGroup values and y- custom attributes (see
 * attribute helpers).
 */
export const OPTIONAL_RESPONSE_TAGS = set(
  // §4 "In 2.x vectors, ServerCorrelationValue is also a server-chosen value": the Response Header
  // field is optional in KMIP 2.x (Required: No), so a server that chooses none may omit it.
  Tag.ServerCorrelationValue,
  Tag.ResultMessage,
  Tag.VendorIdentification,
  // §4 "Query results" vary by server: Server Information is vendor-specific content that a server
  // may have or not (KMIP: "Server Information | No").
  Tag.ServerInformation,
  Tag.TemplateAttribute,
  Tag.PrivateKeyTemplateAttribute,
  Tag.PublicKeyTemplateAttribute,
);

/**
 * Structures holding attribute lists. §4 "The response may include additional attributes": each
 * expected attribute must be in the actual list (any order), extras are accepted. 1.x lists hold
 * `Attribute` structures, 2.x lists hold the attribute tags themselves (SOURCES.md §3.4).
 */
export const ATTRIBUTE_CONTAINER_TAGS = set(
  Tag.TemplateAttribute,
  Tag.CommonTemplateAttribute,
  Tag.PrivateKeyTemplateAttribute,
  Tag.PublicKeyTemplateAttribute,
  Tag.Attributes,
  Tag.CommonAttributes,
  Tag.PrivateKeyAttributes,
  Tag.PublicKeyAttributes,
);

/** Response payloads that are attribute lists themselves (1.x Get Attributes: Attribute*). */
export const ATTRIBUTE_LIST_PAYLOAD_OPS: ReadonlySet<number> = new Set([Operation.GetAttributes]);

/** Get Attribute List answers names (1.x AttributeName, 2.x AttributeReference): expected ⊆ actual (§4 additional attributes). */
export const ATTRIBUTE_NAME_LIST_TAGS = set(Tag.AttributeName, Tag.AttributeReference);

/**
 * §4 "Query results: the Extensions, Application Namespaces, and Object/Operation lists returned
 * by Query, beyond those the profile requires". These repeated Query items are compared as
 * expected ⊆ actual. The capability descriptions added by later versions (profiles, validations,
 * capabilities, RNG parameters, client registration methods, defaults, storage masks) describe the
 * server in the same way and are treated alike.
 */
export const QUERY_SUBSET_TAGS = set(
  Tag.Operation,
  Tag.ObjectType,
  Tag.ExtensionInformation,
  Tag.ApplicationNamespace,
  Tag.ProfileInformation,
  Tag.ValidationInformation,
  Tag.CapabilityInformation,
  Tag.RNGParameters,
  Tag.ClientRegistrationMethod,
  Tag.DefaultsInformation,
  Tag.ProtectionStorageMasks,
);

/** Operations whose successful response names objects the server generated (their key material varies, §4). */
export const GENERATING_OPERATIONS: ReadonlySet<number> = new Set([
  Operation.Create,
  Operation.CreateKeyPair,
  Operation.DeriveKey,
  Operation.ReKey,
  Operation.ReKeyKeyPair,
  Operation.Certify,
  Operation.ReCertify,
  Operation.CreateSplitKey,
  Operation.JoinSplitKey,
]);

/** Facts about one batch item that decide whether crypto output may vary. */
export interface CryptoFacts {
  operation: number;
  /** The key used by the request was generated by the server (§4 "when the key was server-generated"). */
  serverKey: boolean;
  /** The request carried an IVCounterNonce (the IV is not the server's random choice). */
  requestHasIv: boolean;
  /**
   * The response carries an IVCounterNonce the request did not give: the server chose the IV (KMIP
   * returns it "if ... the IV/Counter/Nonce value was not provided in the request and the algorithm
   * requires" one). Without it (ECB, or a client IV) a registered key's ciphertext is deterministic.
   */
  serverChoseIv: boolean;
  /**
   * The request's Data is a value this server produced earlier in the replay (a bound `$DATA_n`, or the
   * vector's literal ciphertext replaced by the server's): decrypting it must give back the plaintext
   * the vector expects. Otherwise the Data is the vector's own literal, made by the vendor's key.
   */
  requestDataFromServer: boolean;
  /**
   * The key is a Public Key (registered or generated as one) or the request names RSA: RSA encryption
   * pads with random bytes (PKCS#1 v1.5 type 2, OAEP), so its ciphertext differs on every call.
   */
  publicKeyEncryption: boolean;
  /** Cryptographic Algorithm / Digital Signature Algorithm / Padding Method from the request, when given. */
  algorithm?: number;
  signatureAlgorithm?: number;
  padding?: number;
}

const RANDOMIZED_SIGNATURE_ALGORITHMS: ReadonlySet<number> = new Set(
  Object.entries(DigitalSignatureAlgorithm)
    .filter(([name]) => /DSA|PSS/.test(name))
    .map(([, v]) => v as number),
);

/**
 * §4 "Data/SignatureData/MACData/IVCounterNonce when the key was server-generated or the operation
 * is inherently variable": Encrypt output with a server key or a server-chosen (random) IV; Sign
 * with a server key or a randomized scheme (DSA, ECDSA, RSASSA-PSS); MAC with a server key; RNG
 * Retrieve always; Encrypt with a public (RSA) key, whose padding is random. Decrypt with a server
 * key of ciphertext the vector wrote (the vendor's ciphertext under the vendor's key: its "plaintext"
 * under this server's key is noise, e.g. CS-BC-M-2). Decrypt of ciphertext this server produced is
 * deterministic and compared, as are Encrypt with a registered symmetric key and no server-chosen IV
 * (ECB, or the client's IV), Decrypt with a registered key, Verify and Hash.
 */
export function cryptoOutputVaries(tag: number, f: CryptoFacts): boolean {
  switch (f.operation) {
    case Operation.Encrypt:
      return (tag === Tag.Data || tag === Tag.IVCounterNonce || tag === Tag.AuthenticatedEncryptionTag) && (f.serverKey || f.serverChoseIv || f.publicKeyEncryption);
    case Operation.Decrypt:
      return tag === Tag.Data && f.serverKey && !f.requestDataFromServer;
    case Operation.Sign:
      return (
        tag === Tag.SignatureData &&
        (f.serverKey ||
          f.algorithm === CryptographicAlgorithm.ECDSA ||
          f.algorithm === CryptographicAlgorithm.DSA ||
          (f.signatureAlgorithm !== undefined && RANDOMIZED_SIGNATURE_ALGORITHMS.has(f.signatureAlgorithm)) ||
          f.padding === PaddingMethod.PSS)
      );
    case Operation.MAC:
      return tag === Tag.MACData && f.serverKey;
    case Operation.RNGRetrieve:
      return tag === Tag.Data;
    default:
      return false;
  }
}

/**
 * §4 "KeyValue/KeyMaterial of server-generated objects" and "wrapped keys whose wrapping is
 * dynamic": the KeyValue of a server-generated object is captured, not compared; so is a wrapped
 * KeyValue (KeyWrappingData present) whose wrapped or wrapping key the server generated.
 */
export function keyValueVaries(subjectServerGenerated: boolean, wrapped: boolean, wrappingKeyServerGenerated: boolean): boolean {
  return subjectServerGenerated || (wrapped && wrappingKeyServerGenerated);
}

/** §4 "KeyFormatType chosen by the server when it creates an object": variable unless the request asked for a format. */
export function keyFormatVaries(subjectServerGenerated: boolean, requestAskedFormat: boolean): boolean {
  return subjectServerGenerated && !requestAskedFormat;
}

/** §4 extra `y-` custom attributes may be omitted or added; "extra ObjectGroup values" likewise. */
export function isOptionalAttributeName(name: string | undefined): boolean {
  return name !== undefined && (name.startsWith('y-') || name === 'Object Group');
}

/**
 * §4 "KeyValue/KeyMaterial of server-generated objects" applied to certificates: the
 * CertificateValue of a certificate the server issued (Certify, Re-certify) is the server's output
 * — its serial number, validity and signature are the server's choice — so it is captured, not
 * compared. A certificate the client registered is compared byte for byte.
 */
export function certificateValueVaries(subjectServerGenerated: boolean): boolean {
  return subjectServerGenerated;
}

/**
 * The same rule for what the attributes of such a certificate say about its value: the issuer (the
 * server's signing CA) and the serial number are the server's choice too. The subject, which the
 * request names, is still compared.
 */
export const ISSUED_CERTIFICATE_TAGS: ReadonlySet<number> = new Set([
  Tag.Issuer,
  Tag.SerialNumber,
  Tag.CertificateIssuerDistinguishedName,
  Tag.CertificateIssuerAlternativeName,
  Tag.IssuerDistinguishedName,
  Tag.IssuerAlternativeName,
  Tag.CertificateSerialNumber,
  // The length of the issued certificate's value follows from all of the above.
  Tag.CertificateLength,
  Tag.CertificateIssuerCN,
  Tag.CertificateIssuerO,
  Tag.CertificateIssuerOU,
  Tag.CertificateIssuerC,
  Tag.CertificateIssuerST,
  Tag.CertificateIssuerL,
  Tag.CertificateIssuerDC,
  Tag.CertificateIssuerEmail,
  Tag.CertificateIssuerUID,
  Tag.CertificateIssuerSerialNumber,
  Tag.CertificateIssuerTitle,
  Tag.CertificateIssuerDNQualifier,
]);

/**
 * SOURCES.md §3.5 "$CORRELATION_VALUE, $ASYNCHRONOUS_CORRELATION_VALUE ... bound from an earlier
 * response" with §4 "IDs and correlation values" (AsynchronousCorrelationValue may vary): the server
 * chooses a fresh value for each multi-part stream and for each pending asynchronous operation.
 *  - Correlation Value in the response to a batch item that opens a new stream (Init Indicator true);
 *  - Asynchronous Correlation Value in a batch item answered Operation Pending (a new pending operation)
 * therefore bind the placeholder afresh. Anywhere else (within a stream; Poll, Cancel) the response
 * must carry the value already bound.
 */
export function rebindsPlaceholder(tag: number, f: { requestInitIndicator: boolean; operationPending: boolean }): boolean {
  if (tag === Tag.CorrelationValue) return f.requestInitIndicator;
  if (tag === Tag.AsynchronousCorrelationValue) return f.operationPending;
  return false;
}
