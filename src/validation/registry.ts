// The suite: its sections and their cases, in the order the report shows them. Calibration cases
// come from calibration/index.ts, so adding one touches nothing here.
import type { SectionSpec } from './case';
import { calibrationCases } from './calibration';
import { littlesLaw } from './queueing/little';
import { md1Worked } from './queueing/md1';
import { mm1Half, mm1Worked } from './queueing/mm1';
import { mmcServerPool } from './queueing/mmc';
import { sparkMaxRate } from './spark/maxRate';
import { pidVectors } from './spark/pid';
import { sparkStability } from './spark/stability';
import { sparkTotalDelay } from './spark/totalDelay';

export const INTRO: string[] = [
  'Streamlab is a model, and a model is only worth what it has been checked against. This page lists every ' +
    'check the validation suite makes: each case runs the same engine the app and the command line use, on a ' +
    'pipeline document built as a user would build it (or, where no pipeline can express the textbook ' +
    'system, on the engine part that is that system), and compares its figures with what queueing theory, ' +
    "Spark's documentation or a published measurement says they should be. Every figure has a bound; a unit " +
    'test holds each to it.',
  "What is checked: the engine's queueing behaviour (M/M/1, M/D/1, M/M/c, Little's law), Spark Streaming's " +
    'rate control and batch scheduling rules, and the Kafka cost model against a published benchmark (Kreps ' +
    '2014: producers, consumers, replication, acks, latency). What is not compared with any measurement: ' +
    'failures and recovery, consumer rebalances, key skew and hot partitions, compaction, transactions, ' +
    'tiered storage, MirrorMaker 2 and the links between regions, Spark receivers, dollar costs, and ' +
    'hardware other than the presets the calibration cases use. Those follow the rules of Kafka and Spark ' +
    '(their configs, defaults and documented behaviour, each held by unit tests), but their timings come ' +
    'from the same cost model without a measurement of their own. Passing a queueing case shows the ' +
    'engine queues correctly, not that its assumed costs are right.',
  'The runs are deterministic (same document and seed, same numbers), so the tables below are exactly what ' +
    'the current model gives. Regenerate them with `npm run validate`, which rewrites docs/accuracy.md and ' +
    'the table the app shows under "How accurate is this?"; a unit test fails while either is stale.',
];

export const SECTIONS: readonly SectionSpec[] = [
  {
    id: 'queueing',
    title: 'Queueing theory',
    intro:
      "Pipelines built as textbook queues, and the engine's shared server pool, against closed forms. Each " +
      'figure must be within 5% of theory. Simulated figures carry about two standard errors of their ' +
      'sampling noise (from 20 equal stretches of the run), where estimated.',
    cases: [mm1Half, mm1Worked, md1Worked, mmcServerPool, littlesLaw],
    whenEmpty: 'No queueing cases.',
  },
  {
    id: 'spark',
    title: "Spark Streaming's documented behaviour",
    intro:
      "Spark's rate control and batch scheduling rules, with expected values from Spark's documentation and " +
      'source (kafka-spark-facts.md) or worked by hand.',
    cases: [pidVectors, sparkStability, sparkMaxRate, sparkTotalDelay],
    whenEmpty: 'No Spark cases.',
  },
  {
    id: 'calibration',
    title: 'Calibration (Kreps 2014)',
    intro:
      'The model against published measurements: Kreps 2014, "Benchmarking Apache Kafka: 2 Million Writes Per ' +
      'Second (On Three Cheap Machines)", run from the commodity-2014 preset with the benchmark\'s own settings. ' +
      'Throughput must be within 25% and latency percentiles within a factor of 1.5.',
    cases: calibrationCases,
    whenEmpty:
      'No calibration cases yet: the cost model is being rebuilt, and its cases will be listed here when they ' +
      'are added (src/validation/calibration/index.ts).',
  },
];
