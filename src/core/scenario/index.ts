export * from './model';
export { parseScenario, loadScenarioFile, loadScenarioOrThrow, expectationFor, type ParseResult } from './parse';
export { runScenario, type RunOptions, type ScenarioResult, type TraceEntry, type OopsInfo, type Finding } from './runner';
export { schemaPath } from './schema';
