// What a Spark job's output did after a driver failure, by where it went: the restarted driver
// replays the batches since its last checkpoint, and whether their output reaches readers twice
// depends on each output's delivery. The Spark UI shows this per job; the totals sum it.
import { targetsOf } from '../../model/graph';
import type { Simulation } from './simulation';
import { kafkaSinkDuplicates } from './transactionSummary';

export interface SparkOutputDelivery {
  kafkaSink?: {
    topic: string;
    delivery: 'atLeastOnce' | 'transactional';
    /** Output records the topic's readers get twice. */
    writtenTwice: number;
    /** Records of the sink's aborted transactions (the batch a driver failure interrupted). */
    abortedRecords: number;
  };
  sinks: { id: string; delivery: 'atLeastOnce' | 'idempotent' | 'transactional'; writtenTwice: number }[];
}

export function sparkOutputDelivery(sim: Simulation, jobId: string): SparkOutputDelivery {
  const job = sim.jobs.find((j) => j.doc.id === jobId);
  const replayed = job?.replayedOutput ?? 0;
  const out: SparkOutputDelivery = {
    // A sink is written once per writer: an at-least-once one stores this job's replayed output again.
    sinks: targetsOf(sim.doc, jobId)
      .map((id) => sim.sinks.get(id))
      .filter((s) => s !== undefined)
      .map((s) => ({
        id: s.doc.id,
        delivery: s.doc.delivery,
        writtenTwice: s.doc.delivery === 'atLeastOnce' ? replayed : 0,
      })),
  };
  for (const p of sim.producers) {
    const sink = sim.kafkaSinks.get(p.doc.id);
    if (sink?.job !== jobId) continue;
    const t = p.transactions;
    out.kafkaSink = {
      topic: sink.topic,
      delivery: t ? 'transactional' : 'atLeastOnce',
      writtenTwice: kafkaSinkDuplicates(sim, p),
      abortedRecords: t?.abortedRecords ?? 0,
    };
  }
  return out;
}
