// Reads the run store at most every `ms` milliseconds (and once more after the last change), so a
// view that costs a few milliseconds to draw does not redraw at every one of ten frames a second.
import { useEffect, useState } from 'react';
import { useRunStore, type RunState } from '../run/runStore';

/** `select` must be stable (a module-level function): it is read once per subscription. */
export function useThrottledRun<T>(select: (s: RunState) => T, ms: number): T {
  const [value, setValue] = useState(() => select(useRunStore.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const update = () => {
      timer = undefined;
      last = performance.now();
      setValue(select(useRunStore.getState()));
    };
    // Whatever changed while this view was not subscribed.
    update();
    const unsubscribe = useRunStore.subscribe(() => {
      if (timer !== undefined) return;
      timer = setTimeout(update, Math.max(0, last + ms - performance.now()));
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [select, ms]);
  return value;
}
