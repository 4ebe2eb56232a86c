// Public face of the document model.
export { parsePipeline, parsePipelineText, MAX_DOCUMENT_BYTES } from './parse';
export type { ParseOptions, ParseResult } from './parse';
export { checkGraph, connectionRefusal, nodeKinds, sourcesOf, targetsOf } from './graph';
export { pipelineSchema, PIPELINE_VERSION } from './schema/document';
export { sparkRateWindowSec } from './rateWindow';
export { MAX_PARTITIONS_IN_ALL } from './limits';
export {
  HARDWARE_PRESETS,
  HARDWARE_PRESET_NAMES,
  PRICE_PER_CORE_HOUR,
  hardwareFromPreset,
  hardwarePricePerHour,
  hardwareCrossZonePricePerGB,
  hardwareObjectStorage,
} from './presets';
export type { BrokerHardware, HardwarePresetName } from './presets';
export type * from './types';
export { brokersOfRun, racksOf } from './brokers';
export { usesKafka } from './kafkaUse';
export type { BrokerOfRun } from './brokers';
