// The operator that limits a Spark job: named only when the job is near its limit, with its figure.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../core';
import { loadExample } from '../../core/testing/examples';
import { sparkPipeline } from '../../core/testing/pipelines';
import { sparkJobLive } from '../frames';
import { stageLimit, type StageLoad } from './stageLimit';

const stage = (id: string, busy: number, slowestTaskMs = 10, medianTaskMs = 10): StageLoad => ({
  id,
  busy,
  slowestTaskMs,
  medianTaskMs,
});

describe('stageLimit', () => {
  it('names nothing while batches take well under the interval, however busy one operator is', () => {
    expect(stageLimit(1000, [600, 620, 610], [stage('a', 0.55), stage('b', 0.02)], 4)).toBeUndefined();
    // One slow batch among fast ones (a window's output, say) does not make the job near its limit.
    expect(stageLimit(1000, [300, 300, 300, 300, 1200], [stage('a', 0.3)], 4)).toBeUndefined();
  });

  it('names the operator whose tasks fill the slots, with its busy share', () => {
    const limit = stageLimit(1000, [950, 940, 960], [stage('parse', 0.05), stage('window', 0.92)], 4);
    expect(limit?.stageId).toBe('window');
    expect(limit?.reason).toBe(
      'Limits this job (batches take 95% of the 1.0 s batch interval): its tasks keep the 4 task slots busy 92% of the batch interval',
    );
  });

  it('names the skewed operator when one task, not the slots, sets the batch time', () => {
    // 8 slots a fifth busy, but one task of the join takes 0.7 s of the 0.95 s batch.
    const stages = [stage('parse', 0.05, 40, 35), stage('join', 0.2, 700, 100), stage('out', 0.01, 700, 100)];
    const limit = stageLimit(1000, [950, 950], stages, 8);
    expect(limit?.stageId).toBe('join');
    expect(limit?.reason).toContain('its slowest task takes 0.7 s, 7.0 times the median task');
  });

  it('names nothing when no operator explains the time (output or checkpoint writes, say)', () => {
    expect(stageLimit(1000, [990, 990], [stage('a', 0.1), stage('b', 0.1)], 4)).toBeUndefined();
  });
});

describe('limiting operator of a live job', () => {
  it('is absent from a job whose operators keep the slots 1-6% busy (the IoT example)', () => {
    const sim = new Simulation(loadExample('iot-sensor-monitoring'));
    sim.runUntil(10_000);
    const live = sparkJobLive(sim.jobs[0]!);
    expect(live.totals.batches).toBeGreaterThan(3);
    expect(Math.max(...live.stages.map((s) => s.busy))).toBeLessThan(0.1);
    expect(live.limitingStage).toBeUndefined();
  });

  it('is the stage of an overloaded job, with its busy share over the interval', () => {
    // 30,000 records/s at 100 us on 2 slots: 3 s of work for 2 slot-seconds, 150% busy.
    const sim = new Simulation(
      sparkPipeline({ ratePerSec: 30_000, costPerRecordUs: 100, executors: 1, cores: 2 }),
    );
    sim.runUntil(15_000);
    const live = sparkJobLive(sim.jobs[0]!);
    expect(live.limitingStage).toBe('work');
    expect(live.limitingReason).toMatch(
      /its tasks keep the 2 task slots busy 1(4[5-9]|5[0-5])% of the batch interval$/,
    );
  });
});
