// The progress line of a long run on stderr: how far, how fast, how long still to go.

export interface ProgressState {
  simulatedMs: number;
  endMs: number;
  /** Wall time since the run started. */
  wallMs: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);

/** A wall-clock duration for people: "45 s", "3 min 20 s", "2 h 5 min". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** `12.0 of 60 simulated s (20%), 35x real time, about 2 s left`. */
export function progressLine({ simulatedMs, endMs, wallMs }: ProgressState): string {
  const percent = endMs > 0 ? Math.floor((100 * simulatedMs) / endMs) : 100;
  const head = `${seconds(simulatedMs)} of ${seconds(endMs)} simulated s (${percent}%)`;
  if (wallMs <= 0 || simulatedMs <= 0) return `${head}, starting`;
  const speed = simulatedMs / wallMs;
  const shownSpeed = speed >= 10 ? speed.toFixed(0) : speed.toFixed(speed >= 1 ? 1 : 2);
  if (simulatedMs >= endMs) return `${head}, ${shownSpeed}x real time, done`;
  return `${head}, ${shownSpeed}x real time, about ${duration((endMs - simulatedMs) / speed)} left`;
}

export interface ProgressWriter {
  /** Shows the state if enough wall time passed since the last line (always the first time). */
  update(state: ProgressState, force?: boolean): void;
  /** The last line: on a terminal the line is cleared, elsewhere the final state is written. */
  finish(state: ProgressState): void;
}

/**
 * On a terminal one line is rewritten in place; elsewhere (a pipe, a log file) each update is a
 * line of its own, every `everyMs` of wall time.
 */
export function progressWriter(
  write: (text: string) => void,
  terminal: boolean,
  everyMs = 250,
): ProgressWriter {
  let lastShownAt = -Infinity;
  const show = (state: ProgressState) => {
    lastShownAt = state.wallMs;
    const line = `simulate: ${progressLine(state)}`;
    write(terminal ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  return {
    update(state, force = false) {
      if (force || state.wallMs - lastShownAt >= everyMs) show(state);
    },
    finish(state) {
      if (terminal) write('\r\x1b[2K');
      else show(state);
    },
  };
}
