// GENERATED FILE - do not edit. Source: spec/data/tags.json; generator: spec/generate.ts (npm run spec:generate).
/* eslint-disable */

/** KMIP tags by normalized name (SOURCES.md §3.2 normalization of the spec name). */
export const Tag = {
  /** Activation Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ActivationDate: 0x420001,
  /** Application Data - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ApplicationData: 0x420002,
  /** Application Namespace - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ApplicationNamespace: 0x420003,
  /** Application Specific Information - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ApplicationSpecificInformation: 0x420004,
  /** Archive Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ArchiveDate: 0x420005,
  /** Asynchronous Correlation Value - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  AsynchronousCorrelationValue: 0x420006,
  /** Asynchronous Indicator - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  AsynchronousIndicator: 0x420007,
  /** Attribute - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Attribute: 0x420008,
  /** Attribute Index - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  AttributeIndex: 0x420009,
  /** Attribute Name - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  AttributeName: 0x42000A,
  /** Attribute Value - type varies - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  AttributeValue: 0x42000B,
  /** Authentication - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Authentication: 0x42000C,
  /** Batch Count - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  BatchCount: 0x42000D,
  /** Batch Error Continuation Option - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  BatchErrorContinuationOption: 0x42000E,
  /** Batch Item - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  BatchItem: 0x42000F,
  /** Batch Order Option - Boolean - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  BatchOrderOption: 0x420010,
  /** Block Cipher Mode - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  BlockCipherMode: 0x420011,
  /** Cancellation Result - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CancellationResult: 0x420012,
  /** Certificate - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Certificate: 0x420013,
  /** Certificate Identifier - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  CertificateIdentifier: 0x420014,
  /** Certificate Issuer - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  CertificateIssuer: 0x420015,
  /** Certificate Issuer Alternative Name - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  CertificateIssuerAlternativeName: 0x420016,
  /** Certificate Issuer Distinguished Name - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  CertificateIssuerDistinguishedName: 0x420017,
  /** Certificate Request - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CertificateRequest: 0x420018,
  /** Certificate Request Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CertificateRequestType: 0x420019,
  /** Certificate Subject - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  CertificateSubject: 0x42001A,
  /** Certificate Subject Alternative Name - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  CertificateSubjectAlternativeName: 0x42001B,
  /** Certificate Subject Distinguished Name - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  CertificateSubjectDistinguishedName: 0x42001C,
  /** Certificate Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CertificateType: 0x42001D,
  /** Certificate Value - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CertificateValue: 0x42001E,
  /** Common Template-Attribute - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  CommonTemplateAttribute: 0x42001F,
  /** Compromise Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CompromiseDate: 0x420020,
  /** Compromise Occurrence Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CompromiseOccurrenceDate: 0x420021,
  /** Contact Information - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ContactInformation: 0x420022,
  /** Credential - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Credential: 0x420023,
  /** Credential Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CredentialType: 0x420024,
  /** Credential Value - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CredentialValue: 0x420025,
  /** Criticality Indicator - Boolean - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CriticalityIndicator: 0x420026,
  /** CRT Coefficient - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CRTCoefficient: 0x420027,
  /** Cryptographic Algorithm - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CryptographicAlgorithm: 0x420028,
  /** Cryptographic Domain Parameters - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CryptographicDomainParameters: 0x420029,
  /** Cryptographic Length - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CryptographicLength: 0x42002A,
  /** Cryptographic Parameters - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CryptographicParameters: 0x42002B,
  /** Cryptographic Usage Mask - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CryptographicUsageMask: 0x42002C,
  /** Custom Attribute - type varies - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  CustomAttribute: 0x42002D,
  /** D - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  D: 0x42002E,
  /** Deactivation Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DeactivationDate: 0x42002F,
  /** Derivation Data - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DerivationData: 0x420030,
  /** Derivation Method - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DerivationMethod: 0x420031,
  /** Derivation Parameters - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DerivationParameters: 0x420032,
  /** Destroy Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DestroyDate: 0x420033,
  /** Digest - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Digest: 0x420034,
  /** Digest Value - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DigestValue: 0x420035,
  /** Encryption Key Information - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  EncryptionKeyInformation: 0x420036,
  /** G - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  G: 0x420037,
  /** Hashing Algorithm - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  HashingAlgorithm: 0x420038,
  /** Initial Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  InitialDate: 0x420039,
  /** Initialization Vector - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  InitializationVector: 0x42003A,
  /** Issuer - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  Issuer: 0x42003B,
  /** Iteration Count - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  IterationCount: 0x42003C,
  /** IV/Counter/Nonce - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  IVCounterNonce: 0x42003D,
  /** J - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  J: 0x42003E,
  /** Key - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Key: 0x42003F,
  /** Key Block - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyBlock: 0x420040,
  /** Key Compression Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyCompressionType: 0x420041,
  /** Key Format Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyFormatType: 0x420042,
  /** Key Material - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyMaterial: 0x420043,
  /** Key Part Identifier - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyPartIdentifier: 0x420044,
  /** Key Value - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyValue: 0x420045,
  /** Key Wrapping Data - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyWrappingData: 0x420046,
  /** Key Wrapping Specification - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyWrappingSpecification: 0x420047,
  /** Last Change Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  LastChangeDate: 0x420048,
  /** Lease Time - Interval - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  LeaseTime: 0x420049,
  /** Link - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Link: 0x42004A,
  /** Link Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  LinkType: 0x42004B,
  /** Linked Object Identifier - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  LinkedObjectIdentifier: 0x42004C,
  /** MAC/Signature - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MACSignature: 0x42004D,
  /** MAC/Signature Key Information - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MACSignatureKeyInformation: 0x42004E,
  /** Maximum Items - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MaximumItems: 0x42004F,
  /** Maximum Response Size - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MaximumResponseSize: 0x420050,
  /** Message Extension - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MessageExtension: 0x420051,
  /** Modulus - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Modulus: 0x420052,
  /** Name - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Name: 0x420053,
  /** Name Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  NameType: 0x420054,
  /** Name Value - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  NameValue: 0x420055,
  /** Object Group - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ObjectGroup: 0x420056,
  /** Object Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ObjectType: 0x420057,
  /** Offset - Interval - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Offset: 0x420058,
  /** Opaque Data Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OpaqueDataType: 0x420059,
  /** Opaque Data Value - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OpaqueDataValue: 0x42005A,
  /** Opaque Object - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OpaqueObject: 0x42005B,
  /** Operation - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Operation: 0x42005C,
  /** Operation Policy Name - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  OperationPolicyName: 0x42005D,
  /** P - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  P: 0x42005E,
  /** Padding Method - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PaddingMethod: 0x42005F,
  /** Prime Exponent P - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PrimeExponentP: 0x420060,
  /** Prime Exponent Q - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PrimeExponentQ: 0x420061,
  /** Prime Field Size - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PrimeFieldSize: 0x420062,
  /** Private Exponent - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PrivateExponent: 0x420063,
  /** Private Key - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PrivateKey: 0x420064,
  /** Private Key Template-Attribute - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  PrivateKeyTemplateAttribute: 0x420065,
  /** Private Key Unique Identifier - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PrivateKeyUniqueIdentifier: 0x420066,
  /** Process Start Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ProcessStartDate: 0x420067,
  /** Protect Stop Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ProtectStopDate: 0x420068,
  /** Protocol Version - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ProtocolVersion: 0x420069,
  /** Protocol Version Major - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ProtocolVersionMajor: 0x42006A,
  /** Protocol Version Minor - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ProtocolVersionMinor: 0x42006B,
  /** Public Exponent - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PublicExponent: 0x42006C,
  /** Public Key - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PublicKey: 0x42006D,
  /** Public Key Template-Attribute - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  PublicKeyTemplateAttribute: 0x42006E,
  /** Public Key Unique Identifier - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PublicKeyUniqueIdentifier: 0x42006F,
  /** Put Function - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PutFunction: 0x420070,
  /** Q - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Q: 0x420071,
  /** Q String - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  QString: 0x420072,
  /** Qlength - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Qlength: 0x420073,
  /** Query Function - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  QueryFunction: 0x420074,
  /** Recommended Curve - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RecommendedCurve: 0x420075,
  /** Replaced Unique Identifier - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ReplacedUniqueIdentifier: 0x420076,
  /** Request Header - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RequestHeader: 0x420077,
  /** Request Message - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RequestMessage: 0x420078,
  /** Request Payload - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RequestPayload: 0x420079,
  /** Response Header - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ResponseHeader: 0x42007A,
  /** Response Message - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ResponseMessage: 0x42007B,
  /** Response Payload - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ResponsePayload: 0x42007C,
  /** Result Message - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ResultMessage: 0x42007D,
  /** Result Reason - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ResultReason: 0x42007E,
  /** Result Status - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ResultStatus: 0x42007F,
  /** Revocation Message - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RevocationMessage: 0x420080,
  /** Revocation Reason - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RevocationReason: 0x420081,
  /** Revocation Reason Code - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RevocationReasonCode: 0x420082,
  /** Key Role Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyRoleType: 0x420083,
  /** Salt - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Salt: 0x420084,
  /** Secret Data - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SecretData: 0x420085,
  /** Secret Data Type - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SecretDataType: 0x420086,
  /** Serial Number - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  SerialNumber: 0x420087,
  /** Server Information - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ServerInformation: 0x420088,
  /** Split Key - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SplitKey: 0x420089,
  /** Split Key Method - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SplitKeyMethod: 0x42008A,
  /** Split Key Parts - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SplitKeyParts: 0x42008B,
  /** Split Key Threshold - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SplitKeyThreshold: 0x42008C,
  /** State - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  State: 0x42008D,
  /** Storage Status Mask - Integer - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  StorageStatusMask: 0x42008E,
  /** Symmetric Key - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SymmetricKey: 0x42008F,
  /** Template - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  Template: 0x420090,
  /** Template-Attribute - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  TemplateAttribute: 0x420091,
  /** Time Stamp - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TimeStamp: 0x420092,
  /** Unique Batch Item ID - ByteString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UniqueBatchItemID: 0x420093,
  /** Unique Identifier - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UniqueIdentifier: 0x420094,
  /** Usage Limits - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UsageLimits: 0x420095,
  /** Usage Limits Count - LongInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UsageLimitsCount: 0x420096,
  /** Usage Limits Total - LongInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UsageLimitsTotal: 0x420097,
  /** Usage Limits Unit - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UsageLimitsUnit: 0x420098,
  /** Username - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Username: 0x420099,
  /** Validity Date - DateTime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ValidityDate: 0x42009A,
  /** Validity Indicator - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ValidityIndicator: 0x42009B,
  /** Vendor Extension - Structure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  VendorExtension: 0x42009C,
  /** Vendor Identification - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  VendorIdentification: 0x42009D,
  /** Wrapping Method - Enumeration - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  WrappingMethod: 0x42009E,
  /** X - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X: 0x42009F,
  /** Y - BigInteger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Y: 0x4200A0,
  /** Password - TextString - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Password: 0x4200A1,
  /** Device Identifier - TextString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DeviceIdentifier: 0x4200A2,
  /** Encoding Option - Enumeration - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  EncodingOption: 0x4200A3,
  /** Extension Information - Structure - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ExtensionInformation: 0x4200A4,
  /** Extension Name - TextString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ExtensionName: 0x4200A5,
  /** Extension Tag - Integer - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ExtensionTag: 0x4200A6,
  /** Extension Type - Enumeration - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ExtensionType: 0x4200A7,
  /** Fresh - Boolean - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Fresh: 0x4200A8,
  /** Machine Identifier - TextString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MachineIdentifier: 0x4200A9,
  /** Media Identifier - TextString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MediaIdentifier: 0x4200AA,
  /** Network Identifier - TextString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  NetworkIdentifier: 0x4200AB,
  /** Object Group Member - Enumeration - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ObjectGroupMember: 0x4200AC,
  /** Certificate Length - Integer - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CertificateLength: 0x4200AD,
  /** Digital Signature Algorithm - Enumeration - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DigitalSignatureAlgorithm: 0x4200AE,
  /** Certificate Serial Number - ByteString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CertificateSerialNumber: 0x4200AF,
  /** Device Serial Number - TextString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DeviceSerialNumber: 0x4200B0,
  /** Issuer Alternative Name - ByteString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  IssuerAlternativeName: 0x4200B1,
  /** Issuer Distinguished Name - ByteString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  IssuerDistinguishedName: 0x4200B2,
  /** Subject Alternative Name - ByteString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SubjectAlternativeName: 0x4200B3,
  /** Subject Distinguished Name - ByteString - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SubjectDistinguishedName: 0x4200B4,
  /** X.509 Certificate Identifier - Structure - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X_509CertificateIdentifier: 0x4200B5,
  /** X.509 Certificate Issuer - Structure - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X_509CertificateIssuer: 0x4200B6,
  /** X.509 Certificate Subject - Structure - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X_509CertificateSubject: 0x4200B7,
  /** Key Value Location - Structure - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyValueLocation: 0x4200B8,
  /** Key Value Location Value - TextString - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyValueLocationValue: 0x4200B9,
  /** Key Value Location Type - Enumeration - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyValueLocationType: 0x4200BA,
  /** Key Value Present - Boolean - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyValuePresent: 0x4200BB,
  /** Original Creation Date - DateTime - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  OriginalCreationDate: 0x4200BC,
  /** PGP Key - Structure - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  PGPKey: 0x4200BD,
  /** PGP Key Version - Integer - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  PGPKeyVersion: 0x4200BE,
  /** Alternative Name - Structure - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  AlternativeName: 0x4200BF,
  /** Alternative Name Value - TextString - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  AlternativeNameValue: 0x4200C0,
  /** Alternative Name Type - Enumeration - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  AlternativeNameType: 0x4200C1,
  /** Data - ByteString - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  Data: 0x4200C2,
  /** Signature Data - ByteString - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SignatureData: 0x4200C3,
  /** Data Length - Integer - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  DataLength: 0x4200C4,
  /** Random IV - Boolean - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  RandomIV: 0x4200C5,
  /** MAC Data - ByteString - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  MACData: 0x4200C6,
  /** Attestation Type - Enumeration - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  AttestationType: 0x4200C7,
  /** Nonce - Structure - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  Nonce: 0x4200C8,
  /** Nonce ID - ByteString - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  NonceID: 0x4200C9,
  /** Nonce Value - ByteString - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  NonceValue: 0x4200CA,
  /** Attestation Measurement - ByteString - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  AttestationMeasurement: 0x4200CB,
  /** Attestation Assertion - ByteString - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  AttestationAssertion: 0x4200CC,
  /** IV Length - Integer - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  IVLength: 0x4200CD,
  /** Tag Length - Integer - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  TagLength: 0x4200CE,
  /** Fixed Field Length - Integer - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  FixedFieldLength: 0x4200CF,
  /** Counter Length - Integer - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  CounterLength: 0x4200D0,
  /** Initial Counter Value - Integer - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  InitialCounterValue: 0x4200D1,
  /** Invocation Field Length - Integer - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  InvocationFieldLength: 0x4200D2,
  /** Attestation Capable Indicator - Boolean - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  AttestationCapableIndicator: 0x4200D3,
  /** Offset Items - Integer - KMIP 1.3, 1.4, 2.0, 2.1 */
  OffsetItems: 0x4200D4,
  /** Located Items - Integer - KMIP 1.3, 1.4, 2.0, 2.1 */
  LocatedItems: 0x4200D5,
  /** Correlation Value - ByteString - KMIP 1.3, 1.4, 2.0, 2.1 */
  CorrelationValue: 0x4200D6,
  /** Init Indicator - Boolean - KMIP 1.3, 1.4, 2.0, 2.1 */
  InitIndicator: 0x4200D7,
  /** Final Indicator - Boolean - KMIP 1.3, 1.4, 2.0, 2.1 */
  FinalIndicator: 0x4200D8,
  /** RNG Parameters - Structure - KMIP 1.3, 1.4, 2.0, 2.1 */
  RNGParameters: 0x4200D9,
  /** RNG Algorithm - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  RNGAlgorithm: 0x4200DA,
  /** DRBG Algorithm - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  DRBGAlgorithm: 0x4200DB,
  /** FIPS186 Variation - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  FIPS186Variation: 0x4200DC,
  /** Prediction Resistance - Boolean - KMIP 1.3, 1.4, 2.0, 2.1 */
  PredictionResistance: 0x4200DD,
  /** Random Number Generator - Structure - KMIP 1.3, 1.4, 2.0, 2.1 */
  RandomNumberGenerator: 0x4200DE,
  /** Validation Information - Structure - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationInformation: 0x4200DF,
  /** Validation Authority Type - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationAuthorityType: 0x4200E0,
  /** Validation Authority Country - TextString - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationAuthorityCountry: 0x4200E1,
  /** Validation Authority URI - TextString - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationAuthorityURI: 0x4200E2,
  /** Validation Version Major - Integer - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationVersionMajor: 0x4200E3,
  /** Validation Version Minor - Integer - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationVersionMinor: 0x4200E4,
  /** Validation Type - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationType: 0x4200E5,
  /** Validation Level - Integer - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationLevel: 0x4200E6,
  /** Validation Certificate Identifier - TextString - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationCertificateIdentifier: 0x4200E7,
  /** Validation Certificate URI - TextString - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationCertificateURI: 0x4200E8,
  /** Validation Vendor URI - TextString - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationVendorURI: 0x4200E9,
  /** Validation Profile - TextString - KMIP 1.3, 1.4, 2.0, 2.1 */
  ValidationProfile: 0x4200EA,
  /** Profile Information - Structure - KMIP 1.3, 1.4, 2.0, 2.1 */
  ProfileInformation: 0x4200EB,
  /** Profile Name - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  ProfileName: 0x4200EC,
  /** Server URI - TextString - KMIP 1.3, 1.4, 2.0, 2.1 */
  ServerURI: 0x4200ED,
  /** Server Port - Integer - KMIP 1.3, 1.4, 2.0, 2.1 */
  ServerPort: 0x4200EE,
  /** Streaming Capability - Boolean - KMIP 1.3, 1.4, 2.0, 2.1 */
  StreamingCapability: 0x4200EF,
  /** Asynchronous Capability - Boolean - KMIP 1.3, 1.4, 2.0, 2.1 */
  AsynchronousCapability: 0x4200F0,
  /** Attestation Capability - Boolean - KMIP 1.3, 1.4, 2.0, 2.1 */
  AttestationCapability: 0x4200F1,
  /** Unwrap Mode - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  UnwrapMode: 0x4200F2,
  /** Destroy Action - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  DestroyAction: 0x4200F3,
  /** Shredding Algorithm - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  ShreddingAlgorithm: 0x4200F4,
  /** RNG Mode - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  RNGMode: 0x4200F5,
  /** Client Registration Method - Enumeration - KMIP 1.3, 1.4, 2.0, 2.1 */
  ClientRegistrationMethod: 0x4200F6,
  /** Capability Information - Structure - KMIP 1.3, 1.4, 2.0, 2.1 */
  CapabilityInformation: 0x4200F7,
  /** Key Wrap Type - Enumeration - KMIP 1.4, 2.0, 2.1 */
  KeyWrapType: 0x4200F8,
  /** Batch Undo Capability - Boolean - KMIP 1.4, 2.0, 2.1 */
  BatchUndoCapability: 0x4200F9,
  /** Batch Continue Capability - Boolean - KMIP 1.4, 2.0, 2.1 */
  BatchContinueCapability: 0x4200FA,
  /** PKCS#12 Friendly Name - TextString - KMIP 1.4, 2.0, 2.1 */
  PKCS_12FriendlyName: 0x4200FB,
  /** Description - TextString - KMIP 1.4, 2.0, 2.1 */
  Description: 0x4200FC,
  /** Comment - TextString - KMIP 1.4, 2.0, 2.1 */
  Comment: 0x4200FD,
  /** Authenticated Encryption Additional Data - ByteString - KMIP 1.4, 2.0, 2.1 */
  AuthenticatedEncryptionAdditionalData: 0x4200FE,
  /** Authenticated Encryption Tag - ByteString - KMIP 1.4, 2.0, 2.1 */
  AuthenticatedEncryptionTag: 0x4200FF,
  /** Salt Length - Integer - KMIP 1.4, 2.0, 2.1 */
  SaltLength: 0x420100,
  /** Mask Generator - Enumeration - KMIP 1.4, 2.0, 2.1 */
  MaskGenerator: 0x420101,
  /** Mask Generator Hashing Algorithm - Enumeration - KMIP 1.4, 2.0, 2.1 */
  MaskGeneratorHashingAlgorithm: 0x420102,
  /** P Source - ByteString - KMIP 1.4, 2.0, 2.1 */
  PSource: 0x420103,
  /** Trailer Field - Integer - KMIP 1.4, 2.0, 2.1 */
  TrailerField: 0x420104,
  /** Client Correlation Value - TextString - KMIP 1.4, 2.0, 2.1 */
  ClientCorrelationValue: 0x420105,
  /** Server Correlation Value - TextString - KMIP 1.4, 2.0, 2.1 */
  ServerCorrelationValue: 0x420106,
  /** Digested Data - ByteString - KMIP 1.4, 2.0, 2.1 */
  DigestedData: 0x420107,
  /** Certificate Subject CN - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectCN: 0x420108,
  /** Certificate Subject O - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectO: 0x420109,
  /** Certificate Subject OU - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectOU: 0x42010A,
  /** Certificate Subject Email - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectEmail: 0x42010B,
  /** Certificate Subject C - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectC: 0x42010C,
  /** Certificate Subject ST - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectST: 0x42010D,
  /** Certificate Subject L - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectL: 0x42010E,
  /** Certificate Subject UID - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectUID: 0x42010F,
  /** Certificate Subject Serial Number - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectSerialNumber: 0x420110,
  /** Certificate Subject Title - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectTitle: 0x420111,
  /** Certificate Subject DC - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectDC: 0x420112,
  /** Certificate Subject DN Qualifier - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateSubjectDNQualifier: 0x420113,
  /** Certificate Issuer CN - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerCN: 0x420114,
  /** Certificate Issuer O - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerO: 0x420115,
  /** Certificate Issuer OU - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerOU: 0x420116,
  /** Certificate Issuer Email - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerEmail: 0x420117,
  /** Certificate Issuer C - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerC: 0x420118,
  /** Certificate Issuer ST - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerST: 0x420119,
  /** Certificate Issuer L - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerL: 0x42011A,
  /** Certificate Issuer UID - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerUID: 0x42011B,
  /** Certificate Issuer Serial Number - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerSerialNumber: 0x42011C,
  /** Certificate Issuer Title - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerTitle: 0x42011D,
  /** Certificate Issuer DC - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerDC: 0x42011E,
  /** Certificate Issuer DN Qualifier - TextString - KMIP 1.4, 2.0, 2.1 */
  CertificateIssuerDNQualifier: 0x42011F,
  /** Sensitive - Boolean - KMIP 1.4, 2.0, 2.1 */
  Sensitive: 0x420120,
  /** Always Sensitive - Boolean - KMIP 1.4, 2.0, 2.1 */
  AlwaysSensitive: 0x420121,
  /** Extractable - Boolean - KMIP 1.4, 2.0, 2.1 */
  Extractable: 0x420122,
  /** Never Extractable - Boolean - KMIP 1.4, 2.0, 2.1 */
  NeverExtractable: 0x420123,
  /** Replace Existing - Boolean - KMIP 1.4, 2.0, 2.1 */
  ReplaceExisting: 0x420124,
  /** Attributes - Structure - KMIP 2.0, 2.1 */
  Attributes: 0x420125,
  /** Common Attributes - Structure - KMIP 2.0, 2.1 */
  CommonAttributes: 0x420126,
  /** Private Key Attributes - Structure - KMIP 2.0, 2.1 */
  PrivateKeyAttributes: 0x420127,
  /** Public Key Attributes - Structure - KMIP 2.0, 2.1 */
  PublicKeyAttributes: 0x420128,
  /** Extension Enumeration - Integer - KMIP 2.0, 2.1 */
  ExtensionEnumeration: 0x420129,
  /** Extension Attribute - Boolean - KMIP 2.0, 2.1 */
  ExtensionAttribute: 0x42012A,
  /** Extension Parent Structure Tag - Integer - KMIP 2.0, 2.1 */
  ExtensionParentStructureTag: 0x42012B,
  /** Extension Description - TextString - KMIP 2.0, 2.1 */
  ExtensionDescription: 0x42012C,
  /** Server Name - TextString - KMIP 2.0, 2.1 */
  ServerName: 0x42012D,
  /** Server Serial Number - TextString - KMIP 2.0, 2.1 */
  ServerSerialNumber: 0x42012E,
  /** Server Version - TextString - KMIP 2.0, 2.1 */
  ServerVersion: 0x42012F,
  /** Server Load - TextString - KMIP 2.0, 2.1 */
  ServerLoad: 0x420130,
  /** Product Name - TextString - KMIP 2.0, 2.1 */
  ProductName: 0x420131,
  /** Build Level - TextString - KMIP 2.0, 2.1 */
  BuildLevel: 0x420132,
  /** Build Date - TextString - KMIP 2.0, 2.1 */
  BuildDate: 0x420133,
  /** Cluster Info - TextString - KMIP 2.0, 2.1 */
  ClusterInfo: 0x420134,
  /** Alternate Failover Endpoints - type varies - KMIP 2.0, 2.1 */
  AlternateFailoverEndpoints: 0x420135,
  /** Short Unique Identifier - ByteString - KMIP 2.0, 2.1 */
  ShortUniqueIdentifier: 0x420136,
  /** Tag - type varies - KMIP 2.0, 2.1 */
  Tag: 0x420138,
  /** Certificate Request Unique Identifier - TextString - KMIP 2.0, 2.1 */
  CertificateRequestUniqueIdentifier: 0x420139,
  /** NIST Key Type - Enumeration - KMIP 2.0, 2.1 */
  NISTKeyType: 0x42013A,
  /** Attribute Reference - Enumeration - KMIP 2.0, 2.1 */
  AttributeReference: 0x42013B,
  /** Current Attribute - Structure - KMIP 2.0, 2.1 */
  CurrentAttribute: 0x42013C,
  /** New Attribute - Structure - KMIP 2.0, 2.1 */
  NewAttribute: 0x42013D,
  /** Certificate Request Value - ByteString - KMIP 2.0, 2.1 */
  CertificateRequestValue: 0x420140,
  /** Log Message - TextString - KMIP 2.0, 2.1 */
  LogMessage: 0x420141,
  /** Profile Version - Structure - KMIP 2.0, 2.1 */
  ProfileVersion: 0x420142,
  /** Profile Version Major - Integer - KMIP 2.0, 2.1 */
  ProfileVersionMajor: 0x420143,
  /** Profile Version Minor - Integer - KMIP 2.0, 2.1 */
  ProfileVersionMinor: 0x420144,
  /** Protection Level - Enumeration - KMIP 2.0, 2.1 */
  ProtectionLevel: 0x420145,
  /** Protection Period - Interval - KMIP 2.0, 2.1 */
  ProtectionPeriod: 0x420146,
  /** Quantum Safe - Boolean - KMIP 2.0, 2.1 */
  QuantumSafe: 0x420147,
  /** Quantum Safe Capability - Boolean - KMIP 2.0, 2.1 */
  QuantumSafeCapability: 0x420148,
  /** Ticket - Structure - KMIP 2.0, 2.1 */
  Ticket: 0x420149,
  /** Ticket Type - Enumeration - KMIP 2.0, 2.1 */
  TicketType: 0x42014A,
  /** Ticket Value - ByteString - KMIP 2.0, 2.1 */
  TicketValue: 0x42014B,
  /** Request Count - Integer - KMIP 2.0, 2.1 */
  RequestCount: 0x42014C,
  /** Rights - Structure - KMIP 2.0, 2.1 */
  Rights: 0x42014D,
  /** Objects - Structure - KMIP 2.0, 2.1 */
  Objects: 0x42014E,
  /** Operations - Structure - KMIP 2.0, 2.1 */
  Operations: 0x42014F,
  /** Right - Structure - KMIP 2.0, 2.1 */
  Right: 0x420150,
  /** Endpoint Role - Enumeration - KMIP 2.0, 2.1 */
  EndpointRole: 0x420151,
  /** Defaults Information - Structure - KMIP 2.0, 2.1 */
  DefaultsInformation: 0x420152,
  /** Object Defaults - Structure - KMIP 2.0, 2.1 */
  ObjectDefaults: 0x420153,
  /** Ephemeral - Boolean - KMIP 2.0, 2.1 */
  Ephemeral: 0x420154,
  /** Server Hashed Password - ByteString - KMIP 2.0, 2.1 */
  ServerHashedPassword: 0x420155,
  /** One Time Password - TextString - KMIP 2.0, 2.1 */
  OneTimePassword: 0x420156,
  /** Hashed Password - ByteString - KMIP 2.0, 2.1 */
  HashedPassword: 0x420157,
  /** Adjustment Type - Enumeration - KMIP 2.0, 2.1 */
  AdjustmentType: 0x420158,
  /** PKCS#11 Interface - TextString - KMIP 2.0, 2.1 */
  PKCS_11Interface: 0x420159,
  /** PKCS#11 Function - Enumeration - KMIP 2.0, 2.1 */
  PKCS_11Function: 0x42015A,
  /** PKCS#11 Input Parameters - ByteString - KMIP 2.0, 2.1 */
  PKCS_11InputParameters: 0x42015B,
  /** PKCS#11 Output Parameters - ByteString - KMIP 2.0, 2.1 */
  PKCS_11OutputParameters: 0x42015C,
  /** PKCS#11 Return Code - Enumeration - KMIP 2.0, 2.1 */
  PKCS_11ReturnCode: 0x42015D,
  /** Protection Storage Mask - Integer - KMIP 2.0, 2.1 */
  ProtectionStorageMask: 0x42015E,
  /** Protection Storage Masks - Structure - KMIP 2.0, 2.1 */
  ProtectionStorageMasks: 0x42015F,
  /** Interop Function - Enumeration - KMIP 2.0, 2.1 */
  InteropFunction: 0x420160,
  /** Interop Identifier - TextString - KMIP 2.0, 2.1 */
  InteropIdentifier: 0x420161,
  /** Adjustment Value - type varies - KMIP 2.0, 2.1 */
  AdjustmentValue: 0x420162,
  /** Common Protection Storage Masks - Structure - KMIP 2.0, 2.1 */
  CommonProtectionStorageMasks: 0x420163,
  /** Private Protection Storage Masks - Structure - KMIP 2.0, 2.1 */
  PrivateProtectionStorageMasks: 0x420164,
  /** Public Protection Storage Masks - Structure - KMIP 2.0, 2.1 */
  PublicProtectionStorageMasks: 0x420165,
  /** Object Groups - Structure - KMIP 2.1 */
  ObjectGroups: 0x420166,
  /** Object Types - Structure - KMIP 2.1 */
  ObjectTypes: 0x420167,
  /** Constraints - Structure - KMIP 2.1 */
  Constraints: 0x420168,
  /** Constraint - Structure - KMIP 2.1 */
  Constraint: 0x420169,
  /** Rotate Interval - Interval - KMIP 2.1 */
  RotateInterval: 0x42016A,
  /** Rotate Automatic - Boolean - KMIP 2.1 */
  RotateAutomatic: 0x42016B,
  /** Rotate Offset - Interval - KMIP 2.1 */
  RotateOffset: 0x42016C,
  /** Rotate Date - DateTime - KMIP 2.1 */
  RotateDate: 0x42016D,
  /** Rotate Generation - Integer - KMIP 2.1 */
  RotateGeneration: 0x42016E,
  /** Rotate Name - Structure - KMIP 2.1 */
  RotateName: 0x42016F,
  /** Rotate Name Value - TextString - KMIP 2.1 */
  RotateNameValue: 0x420170,
  /** Rotate Name Type - Enumeration - KMIP 2.1 */
  RotateNameType: 0x420171,
  /** Rotate Latest - Boolean - KMIP 2.1 */
  RotateLatest: 0x420172,
  /** Asynchronous Request - Structure - KMIP 2.1 */
  AsynchronousRequest: 0x420173,
  /** Submission Date - DateTimeExtended - KMIP 2.1 */
  SubmissionDate: 0x420174,
  /** Processing Stage - Enumeration - KMIP 2.1 */
  ProcessingStage: 0x420175,
  /** Asynchronous Correlation Values - Structure - KMIP 2.1 */
  AsynchronousCorrelationValues: 0x420176,
} as const;
export type TagName = keyof typeof Tag;
export type TagValue = (typeof Tag)[TagName];
