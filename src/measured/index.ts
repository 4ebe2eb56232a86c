// Public face of src/measured: read what real tools printed, compare it with a simulation, fit a
// cost to it. Pure (no DOM, no clock); runs are injected.
export { parseProducerPerf, perfOverall } from './producerPerf';
export { parseConsumerPerf } from './consumerPerf';
export { parseConsumerGroups } from './consumerGroups';
export { parseSparkProgress, sourceTopics } from './sparkProgress';
export { MEASUREMENT_TOOLS, detectMeasurement, parseMeasurement } from './detect';
export {
  columnMean,
  compare,
  defaultAssignment,
  documentToSimulate,
  fittedFigure,
  perfSeconds,
  perfTestDocument,
  relativeError,
  simulatedProcessedRate,
  sparkProcessedRate,
  sparkQueries,
  subjects,
  warmupSeconds,
} from './compare';
export type { Assignment, ComparisonRow, FitKind, SimulatedRun, Subject, SummaryLike } from './compare';
export {
  applyFit,
  CLIENT_COST_US,
  costliestStage,
  fitToMeasurement,
  producerCostPlan,
  producerFitRefusal,
  producerMachinePlan,
  stageCostPlan,
} from './calibrate';
export {
  configuredRates,
  heldCalibrationWarning,
  perfRunEvidence,
  perfRunMode,
  RATE_MATCH,
} from './throttle';
export type { PerfRunEvidence, PerfRunMode } from './throttle';
export type { FitOptions, FitPlan, FitProbe, FitProgress, FitResult, SimulateFn } from './calibrate';
export type * from './types';
