// "A receiver cuts what it gets into a block every spark.streaming.blockInterval (200 ms), and each
// block is one task: a 2 s batch has 2000 / 200 x 2 = 20 tasks, whatever the cluster's size. Try:
// set spark.streaming.blockInterval to 100 ms and ... 40 blocks (tasks) per batch; give the job 6
// executors and it stays at 20. At 40 s an executor running a receiver dies: the Kinesis-style
// source ... sends it again, so nothing is lost. At 70 s the driver fails: without
// spark.streaming.receiver.writeAheadLog.enable every block received and not yet processed is gone
// ...; turn the write-ahead log on ...: nothing is lost. Switch the source's kind to socket ... and
// the executor loss loses what that receiver held. Raise receivers to 6 and the check before the
// run says Spark would never run a batch."
//
// Derivation: blocks per batch = batch interval / block interval x receivers (2000 / 200 x 2 = 20,
// 2000 / 100 x 2 = 40). The driver dies 0.5 s after the batch of 70 s was cut: the blocks cut at
// 70.0, 70.2 and 70.4 s, 0.6 s of 4,000 readings/s, about 2,400 records, wait for the next batch.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../model/parse';
import { RECEIVER_LOSS } from '../spark/receiverInput';
import type { SparkStreamingJob } from '../spark/sparkJob';
import { editedExample, exampleJson, loadExample, runFor, type ExampleJson } from '../testing/examples';

const NAME = 'iot-receivers';

/** Blocks per completed batch, the first batch aside (its first blocks were still being stored). */
const blocksPerBatch = (job: SparkStreamingJob, untilSec: number) =>
  new Set(
    job.recentBatches.filter((b) => b.batchTime > 2000 && b.batchTime < untilSec * 1000).map((b) => b.blocks),
  );

const edited = (edit: (json: ExampleJson) => void) => editedExample(NAME, edit);
const config = (json: ExampleJson) => json.sparkJobs![0]!.config;

describe(NAME, () => {
  it('runs 20 tasks per 2 s batch from 2 receivers; 100 ms blocks make 40; 6 executors leave it at 20', () => {
    expect(blocksPerBatch(runFor(loadExample(NAME), 38).jobs[0]!, 38)).toEqual(new Set([20]));
    const finer = runFor(
      edited((j) => (config(j)['spark.streaming.blockInterval'] = 100)),
      38,
    );
    expect(blocksPerBatch(finer.jobs[0]!, 38)).toEqual(new Set([40]));
    const wider = runFor(
      edited((j) => (config(j)['spark.executor.instances'] = 6)),
      38,
    );
    expect(blocksPerBatch(wider.jobs[0]!, 38)).toEqual(new Set([20]));
    // The receivers hold 2 of the 6 cores: 4 for the tasks.
    expect(runFor(loadExample(NAME), 5).jobs[0]!.slots).toBe(4);
  });

  it('the executor loss costs nothing (sent again); the driver failure loses the unprocessed blocks', () => {
    const input = runFor(loadExample(NAME), 120).jobs[0]!.receiverInput!;
    expect(input.totals.resent).toBeGreaterThan(0);
    const lost = input.totals.lost;
    expect(Object.keys(lost)).toEqual([RECEIVER_LOSS.driverBlocks]);
    // About 0.6 s of 4,000 readings/s (Poisson arrivals).
    expect(lost[RECEIVER_LOSS.driverBlocks]).toBeGreaterThan(2000);
    expect(lost[RECEIVER_LOSS.driverBlocks]).toBeLessThan(2800);
  });

  it('with the write-ahead log nothing is lost', () => {
    const sim = runFor(
      edited((j) => (config(j)['spark.streaming.receiver.writeAheadLog.enable'] = true)),
      120,
    );
    expect(sim.jobs[0]!.receiverInput!.totals.lost).toEqual({});
    expect(sim.jobs[0]!.driverFailures).toBe(1);
  });

  it("a socket source loses what the lost executor's receiver held", () => {
    const sim = runFor(
      edited(
        (j) => ((j as unknown as { sparkSources: { kind: string }[] }).sparkSources[0]!.kind = 'socket'),
      ),
      60,
    );
    const lost = sim.jobs[0]!.receiverInput!.totals.lost;
    // 0.1 s into a 200 ms block of one receiver's 2,000 readings/s: about 200 records.
    expect(lost[RECEIVER_LOSS.buffered]).toBeGreaterThan(120);
    expect(lost[RECEIVER_LOSS.buffered]).toBeLessThan(300);
  });

  it('6 receivers on 3 x 2 cores: the check says Spark would never run a batch', () => {
    const json = exampleJson(NAME) as { sparkSources: { receivers: number }[] };
    json.sparkSources[0]!.receivers = 6;
    const r = parsePipeline(json);
    expect(r.ok && r.warnings.join('\n')).toContain('Spark would never run a batch');
  });
});
