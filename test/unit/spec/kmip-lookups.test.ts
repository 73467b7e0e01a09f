/**
 * The generated constants and the lookups of src/kmip, checked against facts stated in the KMIP
 * specifications (values quoted from the spec tables named in each test).
 */
import {
  ATTRIBUTE_INFO, attributeInfo, BatchErrorContinuationOption, BlockCipherMode, compareVersions, CryptographicAlgorithm,
  CryptographicUsageMask, ENUM_INFO, enumForTag, enumInfo, enumValueByName, enumValueName, HashingAlgorithm,
  isEnumValueDefinedIn, isTagDefinedIn, KeyFormatType, KMIP_VERSIONS, LinkType, MASK_INFO, NameType, ObjectType,
  Operation, PaddingMethod, ProtectionStorageMask, QueryFunction, ResultReason, ResultStatus, State,
  StorageStatusMask, Tag, TAG_INFO, tagByName, tagBySpecName, tagInfo,
} from '../../../src/kmip';

describe('generated constants', () => {
  it('has the tag values of KMIP 1.4 §9.1.3.1 / 2.1 §11.56', () => {
    expect(Tag.ActivationDate).toBe(0x420001);
    expect(Tag.UniqueIdentifier).toBe(0x420094);
    expect(Tag.UniqueBatchItemID).toBe(0x420093);
    expect(Tag.ProtocolVersionMajor).toBe(0x42006a);
    expect(Tag.AttributeValue).toBe(0x42000b);
    expect(Tag.RequestMessage).toBe(0x420078);
    expect(Tag.BatchItem).toBe(0x42000f);
  });

  it('has the enumeration values the team codes against', () => {
    expect(ObjectType.SymmetricKey).toBe(2);
    expect(Operation.Create).toBe(1);
    expect(Operation.DiscoverVersions).toBe(0x1e);
    expect(ResultStatus.OperationFailed).toBe(1);
    expect(ResultReason.ItemNotFound).toBe(1);
    expect(ResultReason.GeneralFailure).toBe(0x100);
    expect(State.PreActive).toBe(1);
    expect(CryptographicAlgorithm.AES).toBe(3);
    expect(CryptographicAlgorithm.DES3).toBe(2);
    expect(KeyFormatType.Raw).toBe(1);
    expect(NameType.UninterpretedTextString).toBe(1);
    expect(LinkType.ReplacementObjectLink).toBe(0x106);
    expect(LinkType.NextLink).toBe(0x10b);
    expect(QueryFunction.QueryOperations).toBe(1);
    expect(BatchErrorContinuationOption.Undo).toBe(3);
    expect(HashingAlgorithm.SHA_256).toBe(6);
    expect(BlockCipherMode.GCM).toBe(9);
    expect(PaddingMethod.PKCS5).toBe(3);
  });

  it('has the masks of KMIP 1.4 §9.1.3.3 and 2.1 §12', () => {
    expect(CryptographicUsageMask.Encrypt).toBe(4);
    expect(CryptographicUsageMask.Decrypt).toBe(8);
    expect(CryptographicUsageMask.ContentCommitmentNonRepudiation).toBe(0x400);
    expect(StorageStatusMask.OnLineStorage).toBe(1);
    expect(StorageStatusMask.ArchivalStorage).toBe(2);
    expect(ProtectionStorageMask.Software).toBe(1);
    expect(Object.keys(MASK_INFO).sort()).toEqual(['CryptographicUsageMask', 'ProtectionStorageMask', 'StorageStatusMask']);
  });

  it('lists tags in ascending value order with unique values and names', () => {
    const values = TAG_INFO.map((t) => t.tag);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(new Set(values).size).toBe(values.length);
    expect(new Set(TAG_INFO.map((t) => t.normalized)).size).toBe(TAG_INFO.length);
    for (const t of TAG_INFO) expect(t.tag >= 0x420001 && t.tag <= 0x42ffff).toBe(true);
  });

  it('excludes extension ranges and reserved rows from enumerations', () => {
    for (const e of [...Object.values(ENUM_INFO), ...Object.values(MASK_INFO)]) {
      for (const v of e.values) {
        if (e.normalized !== 'Tag') expect(v.value >>> 0 < 0x80000000).toBe(true);
        expect(v.normalized).toMatch(/^[A-Za-z_]\w*$/);
        expect(v.versions.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('lookups', () => {
  it('tagInfo / tagByName / tagBySpecName agree', () => {
    const t = tagInfo(0x420094)!;
    expect(t.name).toBe('Unique Identifier');
    expect(t.normalized).toBe('UniqueIdentifier');
    expect(t.itemType).toBe('TextString');
    expect(tagByName('UniqueIdentifier')).toBe(t);
    expect(tagBySpecName('unique  identifier')).toBe(t);
    expect(tagInfo(0x540001)).toBeUndefined();
    expect(tagByName('NoSuchTag')).toBeUndefined();
  });

  it('carries version-dependent item types (Asynchronous Indicator: Boolean in 1.x, Enumeration in 2.x)', () => {
    const t = tagInfo(Tag.AsynchronousIndicator)!;
    expect(t.itemTypeByVersion?.['1.4']).toBe('Boolean');
    expect(t.itemTypeByVersion?.['2.0']).toBe('Enumeration');
    expect(tagInfo(Tag.KeyValue)!.itemTypes).toEqual(expect.arrayContaining(['Structure', 'ByteString']));
    expect(tagInfo(Tag.AttributeValue)!.itemType).toBeNull();
  });

  it('knows which versions define a tag', () => {
    expect(isTagDefinedIn(Tag.AttributeIndex, '1.4')).toBe(true);
    expect(isTagDefinedIn(Tag.AttributeIndex, '2.0')).toBe(false); // (Reserved) in 2.0 §11.54
    expect(isTagDefinedIn(Tag.Attributes, '1.4')).toBe(false);
    expect(isTagDefinedIn(Tag.Attributes, '2.0')).toBe(true);
    expect(isTagDefinedIn(Tag.ServerCorrelationValue, '1.3')).toBe(false);
    expect(isTagDefinedIn(Tag.ServerCorrelationValue, '1.4')).toBe(true);
    expect(isTagDefinedIn(Tag.UniqueIdentifier, '3.0')).toBe(false);
    expect(isTagDefinedIn(0x420000, '1.0')).toBe(false);
  });

  it('maps tags to their enumeration or mask', () => {
    expect(enumForTag(Tag.ObjectType)?.name).toBe('Object Type');
    expect(enumForTag(Tag.CryptographicUsageMask)?.kind).toBe('mask');
    expect(enumForTag(Tag.StorageStatusMask)?.normalized).toBe('StorageStatusMask');
    expect(enumForTag(Tag.ResultReason)?.normalized).toBe('ResultReason');
    expect(enumForTag(Tag.BatchErrorContinuationOption)?.normalized).toBe('BatchErrorContinuationOption');
    expect(enumForTag(Tag.KeyRoleType)?.normalized).toBe('KeyRoleType');
    expect(enumForTag(Tag.AttributeReference)?.normalized).toBe('Tag'); // 2.1 §5.5: Enumeration (Tag)
    expect(enumForTag(Tag.ExtensionType)?.normalized).toBe('ItemType'); // 2.1 §7.13: Enumeration (Item Type)
    expect(enumForTag(Tag.SplitKeyMethod)?.normalized).toBe('SplitKeyMethod');
    expect(enumForTag(Tag.UniqueIdentifier)?.normalized).toBe('UniqueIdentifier');
    expect(enumForTag(Tag.CryptographicLength)).toBeUndefined();
    expect(enumForTag(0x540001)).toBeUndefined();
  });

  it('names values per version; Result Reasons added in 2.0 are not names in 1.4', () => {
    const rr = enumInfo('ResultReason')!;
    expect(enumValueName(rr, ResultReason.ItemNotFound, '1.0')).toBe('ItemNotFound');
    expect(enumValueName(rr, ResultReason.WrongKeyLifecycleState)).toBe('WrongKeyLifecycleState');
    expect(enumValueName(rr, ResultReason.WrongKeyLifecycleState, '1.4')).toBeUndefined();
    expect(isEnumValueDefinedIn(rr, ResultReason.WrongKeyLifecycleState, '2.0')).toBe(true);
    expect(isEnumValueDefinedIn(rr, ResultReason.ObjectAlreadyExists, '1.3')).toBe(false);
    expect(isEnumValueDefinedIn(rr, ResultReason.ObjectAlreadyExists, '1.4')).toBe(true);
    expect(isEnumValueDefinedIn(rr, 0x0b, '1.4')).toBe(true); // Illegal Operation
    expect(isEnumValueDefinedIn(rr, 0x0b, '2.0')).toBe(false); // (Reserved) in 2.0
    expect(isEnumValueDefinedIn(rr, ResultReason.ConstraintViolation, '2.0')).toBe(false);
    expect(isEnumValueDefinedIn(rr, ResultReason.ConstraintViolation, '2.1')).toBe(true);
    expect(enumValueName(rr, 0x80000001)).toBeUndefined();
    expect(isEnumValueDefinedIn(rr, 0x80000001, '2.1')).toBe(false);
  });

  it('finds values by normalized name, including older spec names', () => {
    const op = enumInfo('Operation')!;
    expect(enumValueByName(op, 'Create')).toBe(1);
    expect(enumValueByName(op, 'ReKeyKeyPair')).toBe(Operation.ReKeyKeyPair);
    expect(enumValueByName(op, 'create')).toBeUndefined();
    const rr = enumInfo('ResultReason')!;
    expect(enumValueByName(rr, 'ObjectArchived')).toBe(0x0d);
    const hash = enumInfo('HashingAlgorithm')!;
    // 1.4 "SHA-3-256", 2.x "SHA3-256" (1.4 §9.1.3.2.16, 2.1 §11.21).
    expect(enumValueByName(hash, 'SHA3_256')).toBe(HashingAlgorithm.SHA3_256);
    expect(enumValueByName(hash, 'SHA_3_256')).toBe(HashingAlgorithm.SHA3_256);
    const dsa = enumInfo('DigitalSignatureAlgorithm')!;
    // 1.1-1.4 "SHA-256 with RSA Encryption (PKCS#1 v1.5)", 2.x "SHA-256 with RSA Encryption".
    expect(enumValueByName(dsa, 'SHA_256WithRSAEncryptionPKCS_1V1_5')).toBe(enumValueByName(dsa, 'SHA_256WithRSAEncryption'));
  });

  it('versions the enumerations themselves', () => {
    expect(enumInfo('State')!.versions).toEqual([...KMIP_VERSIONS]);
    expect(enumInfo('ProtectionStorageMask')!.versions).toEqual(['2.0', '2.1']);
    expect(enumInfo('ProcessingStage')!.versions).toEqual(['2.1']);
  });

  it('gives attribute rules', () => {
    expect(attributeInfo('Name')?.multiInstance).toBe(true);
    expect(attributeInfo('Cryptographic Algorithm')?.multiInstance).toBe(false);
    expect(attributeInfo('CryptographicAlgorithm')?.tag).toBe(Tag.CryptographicAlgorithm);
    expect(attributeInfo('Unique Identifier')?.modifiableByClient).toBe('No');
    expect(attributeInfo('Unique Identifier')?.initiallySetBy).toBe('Server');
    expect(attributeInfo('Object Group')?.multiInstance).toBe(true);
    expect(attributeInfo('Operation Policy Name')?.versions).toEqual(['1.0', '1.1', '1.2', '1.3', '1.4']);
    expect(attributeInfo('Custom Attribute')?.tag).toBe(Tag.CustomAttribute);
    expect(attributeInfo('Certificate Attributes')?.tag).toBeNull(); // 2.x: a group of tags, no tag of its own
    expect(attributeInfo('Nope')).toBeUndefined();
  });

  it('derives who may set, modify and delete (2.1 §4 attribute rules tables)', () => {
    const uid = attributeInfo('UniqueIdentifier')!;
    expect([uid.clientMaySet, uid.serverMaySet, uid.clientMayModify, uid.clientMayDelete]).toEqual([false, true, 'no', 'no']);
    const name = attributeInfo('Name')!;
    expect([name.clientMaySet, name.clientMayModify, name.clientMayDelete]).toEqual([true, 'yes', 'yes']);
    // "Yes, only while in Pre-Active state"
    expect(attributeInfo('Activation Date')!.clientMayModify).toBe('conditional');
    expect(attributeInfo('Cryptographic Usage Mask')!.serverMayModify).toBe('yes');
    expect(attributeInfo('State')!.clientMayModify).toBe('no');
    for (const a of Object.values(ATTRIBUTE_INFO)) {
      expect(a.serverMayModify).not.toBeNull();
      expect(a.clientMayModify).not.toBeNull();
      expect(a.clientMayDelete).not.toBeNull();
      expect(a.multiInstance).not.toBeNull();
      expect(a.clientMaySet || a.serverMaySet).toBe(true);
    }
  });

  it('orders versions', () => {
    expect(compareVersions('1.4', '2.0')).toBeLessThan(0);
    expect(compareVersions('2.1', '1.0')).toBeGreaterThan(0);
    expect(compareVersions('1.2', '1.2')).toBe(0);
  });
});
