/** The OASIS test-vector conformance runner (used by `tumbler conformance` and the tests). */
export * from './types';
export { loadVectorFile, parseVectorText, VectorFileError, type VectorFile, type VectorPair, type VectorMessage } from './vector-file';
export { Bindings, parsePlaceholder, PlaceholderError, NOW_SLACK_SECONDS, type Placeholder } from './placeholders';
export { compareResponse, type ResponseCompareInput } from './compare';
export { replayVector, operationsOf, type ReplayOptions, type ReplayOutcome, type SharedReplayState } from './replay';
export { planRuns, sequenceName, isContinuation, type RunUnit, type PlanOptions, type SequenceName } from './sequences';
export { findVectorFiles, loadSkipList, skipReason, profileOf, commonRoot, DiscoverError, type SkipEntry } from './discover';
export { runConformance, type RunOptions } from './run';
export { LocalServerFactory, type LocalServerFactoryOptions, type LocalServer } from './local-server';
export { summarize, toJson, formatTable, progressLine, groupFailures, type Summary, type Totals, type FailureGroup } from './report';
export { baselineFrom, regression, isMandatory, vectorKey, MANDATORY_SETS, type Baseline, type BaselineEntry, type RunRecord } from './baseline';
export * from './setup';
