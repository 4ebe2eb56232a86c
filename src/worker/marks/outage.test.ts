// During a broker outage the marks name the outage, never advice to add members or capacity.
import { describe, expect, it } from 'vitest';
import { loadExample } from '../../core/testing/examples';
import { pipeline } from '../../core/testing/pipelines';
import { verdicts } from './verdictsForTests';

describe('outage marks', () => {
  it('names the dead broker and the leaderless partitions in the broker-failure example, and only then', () => {
    // broker-1 dies at 30 s for 40 s; records are held back and arrive in bursts meanwhile.
    const doc = loadExample('broker-failure');
    const { verdicts: v } = verdicts(doc, 100);
    const during = v.filter((x) => x.second > 30 && x.second < 70);
    const texts = during.flatMap((x) => Object.values(x.nodes).map((t) => ({ second: x.second, t })));
    // Something is marked during the outage, and every node mark names it as an outage.
    expect(texts.length).toBeGreaterThan(10);
    for (const { second, t } of texts) {
      expect(t, `at ${second} s`).toMatch(/^Outage: broker-1 is down/);
      expect(t).not.toMatch(/more members \(up to|cheaper processing/);
    }
    // The down broker itself is marked all along.
    for (const x of during) expect(x.brokers['broker-1'], `at ${x.second} s`).toMatch(/^Down/);
    // Before the controller moves them, the partitions broker-1 led have no leader: 6 partitions
    // spread over 3 brokers, 2 each.
    expect(v.find((x) => x.second === 35)!.nodes['checkout']).toContain(
      '2 of the 6 partitions of orders have no leader clients can reach',
    );
    // Nothing is near a limit before the outage, nor once the backlog it left is drained.
    for (const x of v.filter((y) => y.second < 30 || y.second >= 85))
      expect({ nodes: x.nodes, brokers: x.brokers }, `at ${x.second} s`).toEqual({ nodes: {}, brokers: {} });
  });
});

describe('a producer whose application is gone', () => {
  it('names the lost region, not a full buffer.memory or a wait for leaders, once us-east is lost', () => {
    // two-regions-mirrormaker: us-east, with checkout writing to it, is lost at 150 s.
    const { verdicts: v } = verdicts(loadExample('two-regions-mirrormaker'), 156);
    const before = v.filter((x) => x.second < 150).map((x) => x.nodes['checkout']);
    expect(before.every((t) => t === undefined)).toBe(true);
    const after = v.filter((x) => x.second >= 150).map((x) => x.nodes['checkout']);
    expect(after.length).toBeGreaterThan(0);
    for (const t of after) {
      expect(t).toMatch(/^Outage: its region is lost \(regionFailover\)/);
      expect(t).not.toMatch(/buffer\.memory|leaders are elected/);
    }
  });

  it('names a crashed application, and says it passes when the application is back', () => {
    const doc = pipeline({
      version: 1,
      cluster: { brokers: [{ id: 'b1' }] },
      topics: [{ id: 't', partitions: 2, replicationFactor: 1 }],
      producers: [{ id: 'app', rate: { kind: 'constant', recordsPerSec: 1_000 } }],
      consumerGroups: [{ id: 'g', members: 1 }],
      edges: [
        { from: 'app', to: 't' },
        { from: 't', to: 'g' },
      ],
      faults: [{ kind: 'producerCrash', producer: 'app', atSec: 10, durationSec: 10 }],
      run: { seed: 1, durationSec: 30 },
    });
    const { verdicts: v } = verdicts(doc, 25);
    const during = v.filter((x) => x.second >= 12 && x.second <= 20).map((x) => x.nodes['app']);
    for (const t of during) {
      expect(t).toMatch(/^Outage: the producer application is down \(producerCrash\)/);
      expect(t).toContain('It passes when the application is back');
    }
    // Three seconds after it is back nothing is refused any more: no mark.
    expect(v.find((x) => x.second === 24)!.nodes['app']).toBeUndefined();
  });
});

describe('a reader that starts later', () => {
  it('is not marked before it runs: balance-restore starts at 300 s in event-sourced-state', () => {
    const { verdicts: v } = verdicts(loadExample('event-sourced-state'), 40);
    for (const x of v) expect(x.nodes['balance-restore'], `at ${x.second} s`).toBeUndefined();
  });
});
