export * from './model';
export { parseScenario, loadScenarioFile, loadScenarioOrThrow, expectationFor, scenarioSeriesPath, type ParseResult, type ScenarioLoadOptions } from './parse';
export { Execution, runScenario, type ExecutionOptions, type ExecutionSnapshot, type RunOptions, type ScenarioResult, type TraceEntry, type OopsInfo, type Finding, type DeadlockInfo, type DeadlockWait } from './execution';
export { schemaPath } from './schema';
