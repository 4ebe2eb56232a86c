// Hands a new value to each chart in its own task: a Recharts chart costs tens of milliseconds to
// redraw, so three redrawn together make a task long enough to stall the page; one per task keeps
// each short and lets input in between.
import { useEffect, useState } from 'react';

const queue: (() => void)[] = [];
let scheduled = false;

function drain(): void {
  scheduled = false;
  queue.shift()?.();
  if (queue.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(drain, 0);
}

/** Runs `fn` in a task of its own, after those queued before it. */
export function onePerTask(fn: () => void): void {
  queue.push(fn);
  schedule();
}

/** `value`, taken up one component per task; `initial` until the first is taken up. */
export function useOneAtATime<T, I>(value: T, initial: I): T | I {
  const [shown, setShown] = useState<T | I>(initial);
  useEffect(() => {
    let live = true;
    onePerTask(() => {
      if (live) setShown(value);
    });
    return () => {
      live = false;
    };
  }, [value]);
  return shown;
}
