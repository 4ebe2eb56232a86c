// After a region failover, a consumer group that moved onto a MirrorMaker 2 mirror keeps its node:
// the node shows the group on the mirror, and says so.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core/engine/simulation';
import { loadExample } from '../core/testing/examples';
import { FrameBuilder } from './frames';

describe('a failed-over group on the canvas', () => {
  it("shows order-processor@west's figures on order-processor's node from the loss at 150 s", () => {
    const doc = loadExample('two-regions-mirrormaker');
    const sim = new Simulation(doc);
    const frames = new FrameBuilder(doc, sim);
    sim.runUntil(149_000);
    const before = frames.live().nodes['order-processor']!;
    expect(before.failedOver).toBeUndefined();
    // 20,000 orders a second before the loss.
    expect(before.recordsPerSec).toBeGreaterThan(15_000);
    sim.runUntil(152_000);
    const after = frames.live();
    const node = after.nodes['order-processor']!;
    expect(node.failedOver).toEqual({ group: 'order-processor@west', atSec: 150 });
    // The group on the mirror catches up on what it processes again (about 700,000 records since the
    // 120 s checkpoint): it reads, where the lost group in us-east reads nothing.
    expect(node.recordsPerSec).toBeGreaterThan(0);
    expect(node.recordsPerSec).toBe(after.nodes['order-processor@west']!.recordsPerSec);
  });
});
