/**
 * Request decoding: header fields, credentials, lenient and strict parts, version sniffing.
 */
import { Tag } from '../../../src/kmip/tags';
import { AsynchronousIndicator, BatchErrorContinuationOption, CredentialType, Operation, ResultReason } from '../../../src/kmip/enums';
import { T } from '../../../src/ttlv/item';
import { decodeRequestMessage, RequestDecodeError, sniffProtocolVersion } from '../../../src/message/request';
import { request, requestItem } from './fixtures';

describe('decodeRequestMessage', () => {
  it('reads the fields of a Device credential and ignores ones of the wrong type', () => {
    const msg = decodeRequestMessage(
      requestItem({
        version: [1, 1],
        header: [
          T.struct(Tag.Authentication, [
            T.struct(Tag.Credential, [
              T.enum(Tag.CredentialType, CredentialType.Device),
              T.struct(Tag.CredentialValue, [
                T.text(Tag.DeviceSerialNumber, 'serNum123456'),
                T.text(Tag.Password, 'secret'),
                T.text(Tag.DeviceIdentifier, 'devID2233'),
                T.text(Tag.NetworkIdentifier, 'netID9000'),
                T.text(Tag.MachineIdentifier, 'machineID1'),
                T.int(Tag.MediaIdentifier, 313),
              ]),
            ]),
          ]),
        ],
        items: [{ operation: Operation.Query }],
      }),
    );
    expect(msg.header.authentication).toEqual([
      { type: CredentialType.Device, deviceSerialNumber: 'serNum123456', password: 'secret', deviceIdentifier: 'devID2233', networkIdentifier: 'netID9000', machineIdentifier: 'machineID1' },
    ]);
  });

  it('reads every header field, with the credential (its password is kept for the account check only)', () => {
    const msg = decodeRequestMessage(
      requestItem({
        version: [1, 0],
        header: [
          T.int(Tag.MaximumResponseSize, 65536),
          T.struct(Tag.Authentication, [
            T.struct(Tag.Credential, [
              T.enum(Tag.CredentialType, CredentialType.UsernameAndPassword),
              T.struct(Tag.CredentialValue, [T.text(Tag.Username, 'forti'), T.text(Tag.Password, 'hunter2')]),
            ]),
          ]),
          T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Continue),
          T.bool(Tag.BatchOrderOption, true),
          T.text(Tag.ClientCorrelationValue, 'c1'),
          T.date(Tag.TimeStamp, 1234n),
        ],
        items: [{ operation: Operation.Locate, ubi: Buffer.from('0102', 'hex') }],
      }),
    );
    expect(msg.header).toEqual({
      protocolVersion: { major: 1, minor: 0 },
      batchCount: 1,
      maximumResponseSize: 65536,
      authentication: [{ type: CredentialType.UsernameAndPassword, username: 'forti', password: 'hunter2' }],
      batchErrorContinuationOption: BatchErrorContinuationOption.Continue,
      batchOrderOption: true,
      clientCorrelationValue: 'c1',
      timeStamp: 1234n,
    });
    expect(msg.batchItems[0].operation).toBe(Operation.Locate);
    expect(msg.batchItems[0].uniqueBatchItemId).toEqual(Buffer.from('0102', 'hex'));
    expect(msg.batchItems[0].error).toBeUndefined();
  });

  it('accepts the Asynchronous Indicator as a 1.x Boolean or a 2.x Enumeration', () => {
    const a = decodeRequestMessage(requestItem({ header: [T.bool(Tag.AsynchronousIndicator, true)], items: [{ operation: Operation.Get }] }));
    expect(a.header.asynchronousIndicator).toBe(true);
    const b = decodeRequestMessage(
      requestItem({ version: [2, 0], header: [T.enum(Tag.AsynchronousIndicator, AsynchronousIndicator.Prohibited)], items: [{ operation: Operation.Get }] }),
    );
    expect(b.header.asynchronousIndicator).toBe(AsynchronousIndicator.Prohibited);
  });

  it('rejects a known header field of the wrong type, carrying the version for the answer', () => {
    const bad = requestItem({ version: [1, 3], header: [T.text(Tag.MaximumResponseSize, 'big')], items: [{ operation: Operation.Get }] });
    try {
      decodeRequestMessage(bad);
      throw new Error('should have failed');
    } catch (err) {
      expect(err).toBeInstanceOf(RequestDecodeError);
      expect((err as RequestDecodeError).reason).toBe(ResultReason.InvalidMessage);
      expect((err as RequestDecodeError).version).toEqual({ major: 1, minor: 3 });
    }
  });

  it('marks a batch item without a usable Operation as failed, keeping its UBI', () => {
    const msg = requestItem({ items: [{ operation: Operation.Get }] });
    const item = (msg.value as Array<{ value: unknown[] }>)[1];
    item.value = [T.text(Tag.Operation, 'Get'), T.bytes(Tag.UniqueBatchItemID, Buffer.from('ff', 'hex')), T.struct(Tag.RequestPayload, [])];
    const decoded = decodeRequestMessage(msg);
    expect(decoded.batchItems[0].operation).toBeUndefined();
    expect(decoded.batchItems[0].uniqueBatchItemId).toEqual(Buffer.from('ff', 'hex'));
    expect(decoded.batchItems[0].error?.reason).toBe(ResultReason.InvalidMessage);
  });
});

describe('sniffProtocolVersion', () => {
  it('reads the version from the fixed offsets of a request, even truncated', () => {
    const buf = request({ version: [2, 1], items: [{ operation: Operation.Query }] });
    expect(sniffProtocolVersion(buf)).toEqual({ major: 2, minor: 1 });
    expect(sniffProtocolVersion(buf.subarray(0, 60))).toEqual({ major: 2, minor: 1 });
  });
  it('gives up on anything else', () => {
    expect(sniffProtocolVersion(Buffer.alloc(100))).toBeUndefined();
    expect(sniffProtocolVersion(Buffer.alloc(10))).toBeUndefined();
  });
});
