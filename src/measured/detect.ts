// Which tool printed the pasted text, and its figures: the detector looks for each tool's own
// marks ("records sent", the describe header, the perf-test header, a progress object's fields) and
// hands the text to that tool's parser.
import { looksLikeGroupHeader, parseConsumerGroups } from './consumerGroups';
import { looksLikeConsumerPerfHeader, parseConsumerPerf } from './consumerPerf';
import { looksLikePerfLine, parseProducerPerf } from './producerPerf';
import { parseSparkProgress } from './sparkProgress';
import type { Measurement, MeasurementKind, ParseResult } from './types';

export const MEASUREMENT_TOOLS: Record<MeasurementKind, string> = {
  producerPerf: 'kafka-producer-perf-test',
  consumerPerf: 'kafka-consumer-perf-test',
  consumerGroups: 'kafka-consumer-groups --describe',
  sparkProgress: 'Spark StreamingQueryProgress',
};

/** The tool whose output this is, or null when none of them fits. */
export function detectMeasurement(text: string): MeasurementKind | null {
  const lines = text.split(/\r?\n|\r/);
  if (lines.some(looksLikeGroupHeader)) return 'consumerGroups';
  if (lines.some(looksLikeConsumerPerfHeader)) return 'consumerPerf';
  if (/["'](batchId|numInputRows)["']\s*:/.test(text)) return 'sparkProgress';
  if (lines.some(looksLikePerfLine)) return 'producerPerf';
  return null;
}

/** Detects the tool and parses; the result names the tool, or says what was expected. */
export function parseMeasurement(text: string): ParseResult<Measurement> & { kind: MeasurementKind | null } {
  const kind = detectMeasurement(text);
  switch (kind) {
    case 'producerPerf':
      return { kind, ...parseProducerPerf(text) };
    case 'consumerPerf':
      return { kind, ...parseConsumerPerf(text) };
    case 'consumerGroups':
      return { kind, ...parseConsumerGroups(text) };
    case 'sparkProgress':
      return { kind, ...parseSparkProgress(text) };
    default:
      return {
        kind: null,
        ok: false,
        errors: [
          text.trim() === ''
            ? 'nothing to read: paste or drop what a tool printed'
            : 'Streamlab could not tell which tool printed this. It reads kafka-producer-perf-test lines (\'<n> records sent, ...\'), kafka-consumer-perf-test\'s table (start.time, end.time, ...), kafka-consumer-groups --describe (GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...) and Spark\'s StreamingQueryProgress JSON ({"batchId": ..., "numInputRows": ...}).',
        ],
      };
  }
}
