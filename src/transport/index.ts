export { createKmipListener, DEFAULT_TLS_CIPHERS, KMIP_DEFAULT_PORT, type KmipListener, type ListenerOptions } from './listener';
export type { FrameErrorHandler, FrameHandler } from './server-connection';
export { identityFromCertificate, parseSubjectAltName, type PeerInfo } from './peer';
export { buildTrustStore, decideClientTrust, verifyChainWithoutPurpose, type TrustStore } from './trust';
export { ResponseQueue, type ResponseSink } from './response-queue';
