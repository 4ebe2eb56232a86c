// The scheduler's promises: one chart per task, only visible ones, rounds spaced so redraws use at
// most MAX_SHARE of the main thread. A fake host records tasks instead of running real timers.
import { describe, expect, it } from 'vitest';
import { ChartScheduler, MAX_SHARE, MIN_ROUND_MS } from './chartScheduler';

class FakeHost {
  t = 0;
  tasks: { at: number; fn: () => void }[] = [];
  now = () => this.t;
  later = (fn: () => void, ms: number) => void this.tasks.push({ at: this.t + ms, fn });
  /** Runs the tasks due in the next `ms` milliseconds, in time order, then moves the clock there. */
  advance(ms: number): void {
    const until = this.t + ms;
    for (;;) {
      this.tasks.sort((a, b) => a.at - b.at);
      const task = this.tasks[0];
      if (!task || task.at > until) break;
      this.tasks.shift();
      this.t = Math.max(this.t, task.at);
      task.fn();
    }
    this.t = Math.max(this.t, until);
  }
}

/** A chart whose redraw costs `costMs` of the fake clock and reports back at once. */
function chart(host: FakeHost, log: string[], name: string, costMs: number) {
  return (done: () => void) => {
    log.push(`${name}@${host.t}`);
    host.t += costMs;
    done();
  };
}

describe('ChartScheduler', () => {
  it('redraws visible charts one per task, and hidden ones only once they are seen', () => {
    const host = new FakeHost();
    const s = new ChartScheduler(host);
    const log: string[] = [];
    const a = s.add(chart(host, log, 'a', 5));
    const b = s.add(chart(host, log, 'b', 5));
    const c = s.add(chart(host, log, 'c', 5));
    s.setVisible(a, true);
    s.setVisible(b, true);
    host.advance(50);
    expect(log).toEqual(['a@0', 'b@5']);
    // c was hidden during that round; once seen it draws in the next round.
    s.setVisible(c, true);
    host.advance(100);
    expect(log).toEqual(['a@0', 'b@5', `c@${MIN_ROUND_MS}`]);
  });

  it('starts rounds at most every MIN_ROUND_MS, and later when redraws are costly', () => {
    const host = new FakeHost();
    const s = new ChartScheduler(host);
    const log: string[] = [];
    s.setVisible(s.add(chart(host, log, 'cheap', 2)), true);
    host.advance(50);
    s.invalidate();
    host.advance(100);
    expect(log).toEqual(['cheap@0', `cheap@${MIN_ROUND_MS}`]);

    const host2 = new FakeHost();
    const s2 = new ChartScheduler(host2);
    const log2: string[] = [];
    s2.setVisible(s2.add(chart(host2, log2, 'x', 30)), true);
    s2.setVisible(s2.add(chart(host2, log2, 'y', 30)), true);
    host2.advance(100);
    s2.invalidate();
    host2.advance(200);
    // 60 ms of redraws per round: the next round waits until 60 / MAX_SHARE after the first began.
    expect(log2.slice(2)).toEqual([`x@${60 / MAX_SHARE}`, `y@${60 / MAX_SHARE + 30}`]);
  });

  it("spaces rounds by the host's least round time while it asks for one (a run playing)", () => {
    const host = Object.assign(new FakeHost(), { least: 500, minRoundMs: () => host.least });
    const s = new ChartScheduler(host);
    const log: string[] = [];
    s.setVisible(s.add(chart(host, log, 'c', 2)), true);
    host.advance(10);
    // New data every 100 ms: while playing, the chart redraws at 0 and 500 only.
    for (let i = 0; i < 9; i++) {
      s.invalidate();
      host.advance(100);
    }
    expect(log).toEqual(['c@0', 'c@500']);
    host.advance(690); // to 1600; the round due at 1000 runs
    // Paused again: rounds may start MIN_ROUND_MS apart.
    host.least = MIN_ROUND_MS;
    s.invalidate();
    host.advance(50);
    s.invalidate();
    host.advance(200);
    expect(log).toEqual(['c@0', 'c@500', 'c@1000', 'c@1600', `c@${1600 + MIN_ROUND_MS}`]);
  });

  it('does not wait forever for a chart that never reports back', () => {
    const host = new FakeHost();
    const s = new ChartScheduler(host);
    const log: string[] = [];
    s.setVisible(
      s.add(() => log.push('silent')),
      true,
    );
    s.setVisible(s.add(chart(host, log, 'next', 1)), true);
    host.advance(1000);
    expect(log).toEqual(['silent', 'next@500']);
  });
});
