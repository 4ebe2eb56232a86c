// The inspector's fields for receiver sources and for the Spark settings that govern receivers
// (kept apart from fieldInfo.ts, which is long enough). Names are Spark's own.
import { SPARK_SOURCE_KINDS } from '../../model/schema/sparkSource';
import type { FieldInfo } from './fieldInfo';

const RECEIVERS = 'Receivers (receiver sources only)';

const sparkConfig = (key: string, input: FieldInfo['input'], help: string, unit?: string): FieldInfo => ({
  path: ['config', key],
  name: key,
  input,
  help,
  ...(unit ? { unit } : {}),
  section: RECEIVERS,
});

/** Added to a Spark job's fields: they matter only when the job reads a receiver source. */
export const RECEIVER_JOB_FIELDS: readonly FieldInfo[] = [
  sparkConfig(
    'spark.streaming.blockInterval',
    { type: 'int' },
    'Each receiver cuts what it received into a block this often, and each block is one task: a batch has batch interval ÷ block interval tasks per receiver, however many executors there are. Keep it below the batch interval.',
    'ms',
  ),
  sparkConfig(
    'spark.streaming.receiver.maxRate',
    { type: 'optionalNumber', unsetLabel: 'not set (no limit)' },
    'Most records per second each receiver accepts; the rest waits at the source. With backpressure on, the controller’s rate applies too, never above this.',
    'records/s',
  ),
  sparkConfig(
    'spark.streaming.receiver.writeAheadLog.enable',
    { type: 'boolean' },
    'Write every received block to a log in the checkpoint directory before it counts as stored (a cost per block and per record, instead of a copy on a second executor). A restarted driver then processes the blocks it had not; without the log they are lost.',
  ),
];

export const SPARK_SOURCE_FIELDS: readonly FieldInfo[] = [
  {
    path: ['name'],
    name: 'name',
    help: 'A label for this node on the canvas; the id stays the same.',
    input: { type: 'text' },
  },
  {
    path: ['kind'],
    name: 'kind',
    help: 'socket: a receiver that never acknowledges, so what a lost receiver held is gone. kinesis, flume: reliable receivers that acknowledge only stored blocks, so the source sends the rest again. file: new files in a directory, picked up each batch without receivers (one task per file); the files stay, so no failure loses them.',
    input: { type: 'enum', options: SPARK_SOURCE_KINDS },
  },
  {
    path: ['receivers'],
    name: 'receivers',
    unit: 'receivers',
    help: 'Receivers reading the source, each taking an even share. Each holds one executor core for the whole run: they must be fewer than the job’s executors × cores, or no batch ever runs. A file source has none.',
    input: { type: 'int' },
  },
  {
    path: ['newFileEveryMs'],
    name: 'newFileEveryMs',
    unit: 'ms',
    help: 'File source only: a new file lands in the directory this often, holding what arrived since the last. A batch takes the files that appeared since the previous one, one task each.',
    input: { type: 'int' },
  },
  {
    path: ['rate', 'recordsPerSec'],
    name: 'rate.recordsPerSec',
    unit: 'records/s',
    help: 'Records arriving at the source, over all its receivers.',
    input: { type: 'number' },
    section: 'Traffic',
  },
  {
    path: ['rate', 'kind'],
    name: 'rate.kind',
    help: 'constant spaces records evenly; poisson gives random gaps with the same mean.',
    input: { type: 'enum', options: ['constant', 'poisson'] },
    section: 'Traffic',
  },
  {
    path: ['recordBytes'],
    name: 'recordBytes',
    unit: 'bytes',
    help: 'Size of one record as received: blocks are records × this, and so is what is copied or logged.',
    input: { type: 'int' },
    section: 'Traffic',
  },
];
