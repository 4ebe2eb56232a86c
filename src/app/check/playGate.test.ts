import { describe, expect, it } from 'vitest';
import { deleteEdges } from '../canvas/editing';
import { testDoc } from '../canvas/testDoc';
import { acceptGaps, gapsBeforePlay } from './playGate';

describe('play gate', () => {
  const whole = testDoc();
  // testDoc is connected, but its topic has replication factor 1: a risk, which does not hold Play.
  const cut = deleteEdges(whole, [{ from: 'web', to: 'clicks' }]);

  it('holds a run from the start when something is unconnected, not a resumed one', () => {
    expect(gapsBeforePlay(whole, 'idle')).toEqual([]);
    expect(gapsBeforePlay(cut, 'idle').map((g) => g.key)).toContain('producer-unconnected:web');
    expect(gapsBeforePlay(cut, 'finished').length).toBeGreaterThan(0);
    expect(gapsBeforePlay(cut, 'paused')).toEqual([]);
    expect(gapsBeforePlay(cut, 'running')).toEqual([]);
  });

  it('after "Run anyway" the same document runs without asking; an edited one asks again', () => {
    acceptGaps(cut);
    expect(gapsBeforePlay(cut, 'idle')).toEqual([]);
    const edited = { ...cut, name: 'edited' };
    expect(gapsBeforePlay(edited, 'idle').length).toBeGreaterThan(0);
  });

  it('a document the simulator refuses is held every time, even after "Run anyway"', () => {
    const refused = {
      ...whole,
      producers: whole.producers.map((p) => ({
        ...p,
        config: { ...p.config, 'enable.idempotence': true, acks: '1' as const },
      })),
    };
    acceptGaps(refused);
    const held = gapsBeforePlay(refused, 'idle');
    expect(held.map((g) => g.severity)).toContain('error');
    expect(held.find((g) => g.severity === 'error')!.text).toContain(
      'enable.idempotence=true needs acks=all',
    );
    expect(
      gapsBeforePlay(refused, 'idle', ['the simulation could not start: boom']).map((g) => g.text),
    ).toContain('The simulation could not start: boom.');
  });
});
