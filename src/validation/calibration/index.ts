// Calibration cases: the model against published measurements (Kreps 2014, see
// ../shared/reference/calibration-set.md), run from a hardware preset and the benchmark's own
// settings. The lead engineer owns these cases and their bounds (throughput within 25%, latency
// within a factor of 1.5: `within(0.25)`, `withinFactor(1.5)` from ../case).
//
// To add one: write a module in this folder exporting a ValidationCase, and list it below. The
// report's "Calibration (Kreps 2014)" section shows whatever is listed, in this order.
import type { ValidationCase } from '../case';

export const calibrationCases: readonly ValidationCase[] = [];
