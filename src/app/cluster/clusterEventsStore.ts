// The cluster events of the current run, gathered on the page. The worker sends each event once
// (src/worker/frames.ts, `live.clusterEvents`), so they are collected here from every frame, not
// only the one the panel happens to render. Importing this module starts the collection: import it
// early (App does, through ClusterPanel) so a panel opened late still has the run's events.
import { create } from 'zustand';
import type { ClusterEventLive, ClusterEventsLive } from '../../worker/protocol';
import { useRunStore } from '../run/runStore';

/** Events kept on the page (the engine keeps 10,000; the log shows the newest of these). */
export const PAGE_EVENTS = 10_000;

export interface ClusterEventsState {
  /** Oldest first. */
  events: ClusterEventLive[];
  /** Number of the next event expected from the worker. */
  next: number;
  /** Events the page never received (sent before it listened, or more than a frame carries). */
  missed: number;
}

export const emptyClusterEvents: ClusterEventsState = { events: [], next: 0, missed: 0 };

/** Adds a frame's events: numbering from below what the page has means a new run. */
export function mergeClusterEvents(
  state: ClusterEventsState,
  incoming: ClusterEventsLive | undefined,
  keep = PAGE_EVENTS,
): ClusterEventsState {
  if (!incoming) return state;
  const base = incoming.first < state.next ? emptyClusterEvents : state;
  if (incoming.events.length === 0 && incoming.total === base.next) return base;
  const missed = base.missed + Math.max(0, incoming.first - base.next);
  let events = incoming.events.length ? base.events.concat(incoming.events) : base.events;
  if (events.length > keep) events = events.slice(events.length - keep);
  return { events, next: incoming.total, missed };
}

export const useClusterEvents = create<ClusterEventsState>()(() => emptyClusterEvents);

useRunStore.subscribe((s, prev) => {
  if (s.live === prev.live) return;
  // A fresh run (load, reset, restart) clears the page's run state first.
  if (!s.live) useClusterEvents.setState(emptyClusterEvents, true);
  else {
    const current = useClusterEvents.getState();
    const next = mergeClusterEvents(current, s.live.clusterEvents);
    if (next !== current) useClusterEvents.setState(next, true);
  }
});
