// Every produced record is somewhere: acknowledged, in flight, refused or dropped. In flight is
// counted from the producers' own queues, so the balance is a real check, for the examples and for
// random pipelines over many seeds.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePipelineText } from '../../model/parse';
import type { Pipeline } from '../../model/types';
import { randomPipeline } from '../testing/randomPipeline';
import { Simulation } from './simulation';

function checkBalances(sim: Simulation): void {
  const s = sim.summary();
  const r = s.records;
  expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped);
  for (const p of sim.producers) {
    const l = p.ledger;
    const refused = Object.values(l.refused).reduce((a, b) => a + b, 0);
    const dropped = Object.values(l.dropped).reduce((a, b) => a + b, 0);
    expect(l.produced).toBe(l.acknowledged + p.inFlightRecords + refused + dropped);
    expect(p.blockedRecords).toBeGreaterThanOrEqual(0);
    expect(p.accumulatedRecords).toBeGreaterThanOrEqual(0);
    expect(p.sentRecords).toBeGreaterThanOrEqual(0);
  }
  for (const [id, topic] of Object.entries(s.topics)) {
    // Nothing reaches a log that was not produced and accepted by a producer.
    expect(topic.appended).toBeLessThanOrEqual(r.produced - r.refused - r.dropped);
    const readers = [
      ...sim.groups
        .filter((g) => g.partitions === sim.topics.get(id)!.partitions)
        .map((g) => g.totalConsumed),
      ...sim.jobs.filter((j) => j.partitions === sim.topics.get(id)!.partitions).map((j) => j.totalRecords),
    ];
    // A prefilled topic's readers may also read what it held before the run.
    const held = sim.topics.get(id)!.doc.prefillRecords;
    for (const consumed of readers) expect(consumed).toBeLessThanOrEqual(topic.appended + held);
  }
  for (const t of sim.topics.values()) {
    for (const p of t.partitions) {
      expect(p.highWatermark).toBeLessThanOrEqual(p.log.endOffset);
      for (const end of p.replicaEnd) expect(end).toBeLessThanOrEqual(p.log.endOffset);
    }
  }
  for (const reasons of [r.refusedReasons, r.droppedReasons]) {
    for (const [reason, n] of Object.entries(reasons)) {
      expect(reason.length).toBeGreaterThan(10);
      expect(n).toBeGreaterThan(0);
    }
  }
}

function loadExample(file: string): Pipeline {
  const r = parsePipelineText(readFileSync(join('examples', file), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('record accounting', () => {
  const examples = readdirSync('examples').filter((f) => f.endsWith('.json'));

  it('has at least three examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of examples) {
    it(`balances for ${file}`, () => {
      const sim = new Simulation(loadExample(file));
      sim.runUntil(30_000);
      checkBalances(sim);
      expect(sim.summary().records.acknowledged).toBeGreaterThan(0);
      expect(sim.summary().records.consumed).toBeGreaterThan(0);
    });
  }

  it('balances for random pipelines over many seeds, also mid-run', () => {
    let refusedOrDropped = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const sim = new Simulation(randomPipeline(seed));
      sim.runUntil(3_333);
      checkBalances(sim);
      sim.runUntil(10_000);
      checkBalances(sim);
      const r = sim.summary().records;
      refusedOrDropped += r.refused + r.dropped;
    }
    // The generator reaches overloaded corners too, so the refusal paths are exercised.
    expect(refusedOrDropped).toBeGreaterThan(0);
  });
});
