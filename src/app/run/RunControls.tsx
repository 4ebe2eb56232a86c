// Play/pause, step, reset, speed and the simulated clock, in the top bar. Mounting it starts the
// run client (the simulation worker), once for the app.
import { useEffect, useRef, useState } from 'react';
import { gapsBeforePlay } from '../check/playGate';
import { RunCheckPopover } from '../check/RunCheckPopover';
import { reportedFor } from '../check/shownGaps';
import { useDocumentStore } from '../store/documentStore';
import { SPEEDS, type Speed } from '../../worker/protocol';
import { formatClock } from './format';
import { useRunStore, type RunStatus } from './runStore';
import { runClient } from './simClient';
import './run.css';

const STATUS_TEXT: Record<RunStatus, string> = {
  idle: 'Ready',
  running: 'Running',
  paused: 'Paused',
  finished: 'Finished',
  error: 'Failed',
};

const SPEED_TEXT = (s: Speed): string => (s === 'max' ? 'Max' : `${s}×`);

export function RunControls() {
  useEffect(() => runClient.start(), []);
  const status = useRunStore((s) => s.status);
  const simMs = useRunStore((s) => s.simMs);
  const durationMs = useRunStore((s) => s.durationMs);
  const speed = useRunStore((s) => s.speed);
  const blocked = useRunStore((s) => s.problems.length > 0);
  const running = status === 'running';
  const statusText = blocked ? 'Cannot run' : STATUS_TEXT[status];
  // Play on a pipeline with gaps shows the pipeline check first (the run is still one click away).
  const [checking, setChecking] = useState(false);
  const playRef = useRef<HTMLButtonElement>(null);
  const onPlay = () => {
    if (running) return runClient.pause();
    if (checking) return setChecking(false);
    const doc = useDocumentStore.getState().doc;
    if (gapsBeforePlay(doc, status, reportedFor(doc, useRunStore.getState())).length > 0)
      return setChecking(true);
    runClient.play();
  };
  const closeCheck = () => {
    setChecking(false);
    playRef.current?.focus();
  };

  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      <button
        type="button"
        className="run-play"
        data-testid={running ? 'run-pause' : 'run-play'}
        aria-label={running ? 'Pause' : status === 'finished' ? 'Run again from 0 s' : 'Play'}
        title={running ? 'Pause' : status === 'finished' ? 'Run again from 0 s' : 'Play'}
        ref={playRef}
        onClick={onPlay}
      >
        <span aria-hidden="true">{running ? '❚❚' : '▶'}</span>
      </button>
      {checking && <RunCheckPopover onRun={() => runClient.play()} onClose={closeCheck} />}
      <button
        type="button"
        data-testid="run-step"
        aria-label="Step one simulated second"
        title="Step one simulated second"
        disabled={running || status === 'finished' || status === 'error'}
        onClick={() => runClient.step()}
      >
        <span aria-hidden="true">▶|</span>
      </button>
      <button
        type="button"
        data-testid="run-reset"
        aria-label="Reset to 0 s"
        title="Reset to 0 s"
        disabled={status === 'idle' && simMs === 0}
        onClick={() => runClient.reset()}
      >
        <span aria-hidden="true">↺</span>
      </button>
      <label
        className="run-speed"
        title="How fast simulated time runs: 1×, 10× or 100× real time, or Max (as fast as this machine can)"
      >
        <span>Speed</span>
        <select
          data-testid="run-speed"
          value={String(speed)}
          onChange={(e) => {
            const v = e.target.value;
            runClient.setSpeed(v === 'max' ? 'max' : (Number(v) as Speed));
          }}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {SPEED_TEXT(s)}
            </option>
          ))}
        </select>
      </label>
      <span className="run-clock" data-testid="run-clock" data-sim-ms={simMs} aria-label="Simulated time">
        {formatClock(simMs)}
        <span className="run-clock-length"> / {formatClock(durationMs)}</span>
      </span>
      <span
        className={`run-status run-status-${blocked ? 'blocked' : status}`}
        data-testid="run-status"
        data-status={status}
        role="status"
      >
        {statusText}
      </span>
    </div>
  );
}
