/** The message layer: request/response models, version negotiation and gating, the batch runner. */
export { KmipError } from './errors';
export { handleRequest, encodeResponse, invalidMessageResponse, type MessageDeps } from './handler';
export { runBatch, errorToItem, failureItem, type BatchDeps, type MessagePeer, type MessageLogger } from './batch-runner';
export { decodeRequestMessage, RequestDecodeError, type RequestMessage, type RequestHeader, type RequestBatchItem, type Credential } from './request';
export { type ResponseMessage, type ResponseBatchItem, type ResponseHeader } from './response';
export { gateItem, mapResultReason } from './version-gate';
export { SUPPORTED_VERSIONS, negotiateVersion, versionKey, compareVersions, type ProtocolVersion } from './version';
