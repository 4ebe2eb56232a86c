// Public face of the what-if core (pure: no DOM, no clock, no randomness). The in-process runner
// lives in ./local (it pulls in the engine); the page runs replications in its workers instead.
export {
  DEFAULT_WARMUP_SEC,
  METRICS,
  METRIC_IDS,
  defaultWarmupSec,
  formatMetric,
  headlineMetrics,
  lostRecords,
  metricDescriptor,
  rowsAfterWarmup,
  seriesRoles,
  slope,
} from './metrics';
export type {
  HeadlineMetrics,
  LossTotals,
  MetricDescriptor,
  MetricId,
  MetricOptions,
  MetricsInput,
  SeriesLike,
} from './metrics';
export { costBreakdown, costPerHour } from './cost';
export type { CostBreakdown, CostLine } from './cost';
export {
  confidenceInterval,
  mean,
  relativeHalfWidth,
  sampleStdDev,
  stoppingDecision,
  tQuantile975,
} from './stats';
export type { Interval, StopDecision, StoppingRule } from './stats';
export {
  diffDocuments,
  listSettings,
  readSetting,
  setSetting,
  settingLabel,
  tryReadSetting,
} from './settings';
export type { SettingInfo, SettingResult } from './settings';
export {
  WHATIF_SPEC_VERSION,
  axisValues,
  criteriaSchema,
  parseSearchSpec,
  parseSweepSpec,
  parseWhatifSpec,
  searchSpecSchema,
  stoppingRuleSchema,
  sweepAxisSchema,
  sweepSpecSchema,
  sweepValuesSchema,
  whatifSpecSchema,
} from './spec';
export type {
  Criteria,
  SearchSpec,
  SearchSpecInput,
  SpecResult,
  StoppingRuleSpec,
  SweepAxis,
  SweepSpec,
  SweepSpecInput,
  SweepValues,
  WhatifSpec,
} from './spec';
export { outcomeMetrics, TaskPool, withRun } from './run';
export type { RunFn, RunFnOptions, RunOutcome } from './run';
export { thinSeries } from './history';
export {
  isIntegerSetting,
  planSweep,
  planSweepInSteps,
  pointStats,
  replicationSeed,
  runSweep,
  sweepToCsv,
} from './sweep';
export type { PlanResult, SweepOptions, SweepPoint, SweepProgress, SweepResult, SweepRun } from './sweep';
export { PROBE_METRICS, judge, runSearch } from './search';
export type { Probe, SearchOptions, SearchProgress, SearchResult } from './search';
