/** Public API of the TTLV codec (binary, pretty hex, framing). XML/JSON encodings are added here too. */
export * from './item';
export * from './errors';
export * from './limits';
export * from './header';
export * from './hex';
export * from './binary-reader';
export * from './binary-writer';
export * from './frame';
export * from './pretty';
export * from './xml-parse';
export * from './xml-write';
export * from './json';
