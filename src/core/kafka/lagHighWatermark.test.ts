// Lag is counted up to the high watermark (what a reader may read), not to the log end offset: a
// record the followers have not copied yet is not available to consumers (kafka-spark-facts.md).
// For a consumer group, lag = high watermark - committed offset (what kafka-consumer-groups prints);
// for a Spark job, high watermark - the next offset it will take into a batch.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { Scheduler } from '../engine/scheduler';
import { Simulation } from '../engine/simulation';
import { LatencyRecorder } from '../metrics/latency';
import { SparkStreamingJob } from '../spark/sparkJob';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { ConsumerGroup } from './consumerGroup';
import { Partition } from './partition';
import { Host } from '../engine/host';
import { hardwareFromPreset } from '../../model/presets';

type Reset = 'earliest' | 'latest';

function docWith(reset: Reset): PipelineInput {
  return {
    version: 1,
    cluster: {
      brokers: [
        { id: 'b1', hardware: FAST_BROKER },
        { id: 'b2', hardware: FAST_BROKER },
      ],
    },
    topics: [{ id: 't', partitions: 1, replicationFactor: 2 }],
    producers: [{ id: 'p', rate: { kind: 'constant', recordsPerSec: 1000 }, config: { acks: '1' } }],
    consumerGroups: [{ id: 'g', config: { 'auto.offset.reset': reset } }],
    sparkJobs: [{ id: 'job' }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
      { from: 't', to: 'job' },
    ],
  };
}

/** A partition on two replicas whose leader holds 100 records and whose follower has copied 60. */
function halfReplicated(): Partition {
  const p = new Partition('t', 0, [0, 1]);
  p.appendOnLeader(100, 10_000, 0, 99);
  p.leaderView[1] = 60;
  p.updateHighWatermark(0);
  return p;
}

describe('consumer group lag', () => {
  const group = (reset: Reset, p: Partition) => {
    const g = new ConsumerGroup(
      pipeline(docWith(reset)).consumerGroups[0]!,
      new Scheduler(),
      [p],
      [],
      new LatencyRecorder(),
      1,
      () => new Host('client', hardwareFromPreset('cloud-2024')),
    );
    // Started, as the run starts it (a group not started yet owes no lag), without its members
    // fetching: this checks the lag arithmetic alone.
    g.started = true;
    return g;
  };

  it('counts from the committed offset up to the high watermark, not the log end', () => {
    const p = halfReplicated();
    expect(p.highWatermark).toBe(60);
    expect(p.log.endOffset).toBe(100);
    const g = group('latest', p);
    g.commitOffset(0, 20);
    expect(g.lagPerPartition()).toEqual([40]);
    // What a member processed past the commit does not count: this is committed lag.
    g.markProcessed(0, 20, 55);
    expect(g.lagPerPartition()).toEqual([40]);
    // Once the follower has everything, the high watermark is the log end.
    p.leaderView[1] = 100;
    p.updateHighWatermark(1);
    expect(g.lagPerPartition()).toEqual([80]);
  });

  it('without a commit, counts from where auto.offset.reset would start', () => {
    expect(group('latest', halfReplicated()).lagPerPartition()).toEqual([0]);
    expect(group('earliest', halfReplicated()).lagPerPartition()).toEqual([60]);
  });

  it('in a run whose follower is cut off, stays high watermark - committed while the log runs ahead', () => {
    // acks=1: the leader appends at once; the cut-off follower holds the high watermark back until
    // it leaves the ISR (replica.lag.time.max.ms, 30 s by default).
    const input = docWith('latest');
    input.sparkJobs = [];
    input.edges = input.edges!.filter((e) => e.to !== 'job');
    input.faults = [{ kind: 'networkPartition', atSec: 5, broker: 'b2', from: 'brokers', durationSec: 60 }];
    const sim = new Simulation(pipeline(input));
    const g = sim.groups[0]!;
    const p = sim.topics.get('t')!.partitions[0]!;
    let widestGap = 0;
    for (let t = 1000; t <= 30_000; t += 250) {
      sim.runUntil(t);
      widestGap = Math.max(widestGap, p.log.endOffset - p.highWatermark);
      expect(g.lagPerPartition()).toEqual([Math.max(0, p.highWatermark - g.committed[0]!)]);
    }
    // The check meant something: the log end ran thousands of records past the high watermark.
    expect(widestGap).toBeGreaterThan(5000);
  });
});

describe('Spark job lag', () => {
  it('counts from the next offset to take up to the high watermark, not the log end', () => {
    const p = halfReplicated();
    const doc = pipeline(docWith('latest')).sparkJobs[0]!;
    const noOutput = { write: (at: number) => at, deliver: () => {}, commitMs: 0 };
    const job = new SparkStreamingJob(doc, new Scheduler(), [p], [], 0, 100, new LatencyRecorder(), noOutput);
    // Not started yet: the job reads nothing and owes nothing.
    expect(job.lagPerPartition()).toEqual([0]);
    // The stream starts at the latest offsets it may read: the high watermark, so no lag.
    job.start(0);
    expect(job.lagPerPartition()).toEqual([0]);
    p.leaderView[1] = 100;
    p.updateHighWatermark(1);
    expect(job.lagPerPartition()).toEqual([40]);
  });
});
