// Calibration cases: the model against published measurements (Kreps 2014, see
// ../shared/reference/calibration-set.md), run from a hardware preset and the benchmark's own
// settings. Bounds: throughput within 25%, latency within a factor of 1.5 (`within(0.25)`,
// `withinFactor(1.5)` from ../case). The report's "Calibration (Kreps 2014)" section shows the cases
// listed below, in this order.
import type { ValidationCase } from '../case';
import {
  krepsAcksAll,
  krepsLatency,
  krepsOneConsumer,
  krepsOneProducer,
  krepsProducerAndConsumer,
  krepsReplicated,
  krepsThreeConsumers,
  krepsThreeProducers,
} from './cases';

export const calibrationCases: readonly ValidationCase[] = [
  krepsOneProducer,
  krepsReplicated,
  krepsAcksAll,
  krepsThreeProducers,
  krepsOneConsumer,
  krepsThreeConsumers,
  krepsProducerAndConsumer,
  krepsLatency,
];
