// The guide's words, and which element each step points at. Anchors are lists of CSS selectors
// tried in order; the first that matches something visible is outlined (all of its matches).
import type { ReactNode } from 'react';
import type { StepId } from './guideLogic';

export interface StepContent {
  title: string;
  body: ReactNode;
  /** What to do, said once more after the explanation. */
  todo: string;
  anchors: readonly string[];
}

/** The example the first step offers to open (examples/broker-failure.json). */
export const GUIDE_EXAMPLE_ID = 'broker-failure';

export const STEP_CONTENT: Record<StepId, StepContent> = {
  example: {
    title: 'Open an example',
    body: (
      <p>
        Examples, at the top, holds ready-made pipelines. <em>Broker failure</em> is a good first one: an
        orders topic is copied to all three brokers, and the machine under one of them disappears 30 simulated
        seconds in.
      </p>
    ),
    todo: 'Pick it from the Examples menu, or use the button below.',
    anchors: ['[data-testid="menu-examples"]'],
  },
  run: {
    title: 'Run it',
    body: (
      <p>
        Press <span aria-hidden="true">▶</span> Play. The speed next to it sets how many simulated seconds
        pass per real second (Max: as fast as this computer goes). The same pipeline and seed always give the
        same numbers.
      </p>
    ),
    todo: 'Press Play.',
    anchors: ['[data-testid="run-play"], [data-testid="run-pause"], [data-testid="run-speed"]'],
  },
  break: {
    title: 'Break a broker',
    body: (
      <>
        <p>
          Press Kill on a broker card under the canvas, or plan a fault in the Faults panel. The example also
          loses broker-1 at 30 s by itself.
        </p>
        <p>
          With <code>acks=all</code> a write is confirmed once every in-sync copy has it, and{' '}
          <code>min.insync.replicas=2</code> asks for at least two such copies. Lose one broker of three:
          confirmations pause until the cluster drops it and moves its leaders, then go on, and nothing
          confirmed is lost. Lose two: the one left may not confirm writes alone, so the producer retries
          until it gives up.
        </p>
      </>
    ),
    todo: 'Kill a broker, or let the run reach 30 s.',
    anchors: ['[data-testid^="broker-kill-"]', '[data-testid="cluster"]', '[data-testid="fault-add"]'],
  },
  lag: {
    title: 'Read the lag',
    body: (
      <p>
        Consumer lag is the count of records written to a topic that a consumer group has not read yet. Flat
        and low: the readers keep up. Climbing: they fall behind, or cannot fetch while partitions have no
        leader. Coming down: they are catching up. A lag that never comes down means the readers are too slow
        for the load.
      </p>
    ),
    todo: 'Watch the lag chart for a few simulated seconds after the broker goes.',
    anchors: ['[data-testid="chart-lag"]', '[data-testid="charts"]', '[data-testid="charts-empty"]'],
  },
};

export const DONE_CONTENT = {
  title: 'That is the tour',
  body: (
    <p>
      Now change something and run again: set the producer to <code>acks=1</code>, give the topic more
      partitions, or kill a second broker. The Guide button brings these steps back.
    </p>
  ),
};
