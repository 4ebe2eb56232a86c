// During a broker outage the marks name the outage, never advice to add members or capacity.
import { describe, expect, it } from 'vitest';
import { loadExample } from '../../core/testing/examples';
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
