// The results of the run under (or, on a phone, below) the canvas: the totals always in view, and
// below them one tab at a time: the charts, the cluster, the faults, the pipeline check. The charts and the faults stay
// mounted while hidden, so a half-filled fault form survives a look at another tab; the cluster view
// renders only while shown (its event log is gathered from every frame regardless).
import { lazy, Suspense, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useShownGaps } from '../check/shownGaps';
import { PipelineCheck } from '../check/PipelineCheck';
import { ClusterPanel } from '../cluster/ClusterPanel';
import { FaultsPanel } from '../faults/FaultsPanel';
import { TotalsBar } from '../run/TotalsBar';
import { RunsPanel } from '../runs/RunsPanel';
import { useDocumentStore } from '../store/documentStore';
import { loadTab, saveTab, tabAfterKey, type ResultsTab } from './tabs';

// The charts library is the largest in the app and nothing needs it before a run starts, so it
// loads in its own chunk while the canvas is already on screen.
const ChartsPanel = lazy(() => import('../charts/ChartsPanel').then((m) => ({ default: m.ChartsPanel })));
const SweepPanel = lazy(() => import('../sweep/SweepPanel').then((m) => ({ default: m.SweepPanel })));
const MeasuredPanel = lazy(() =>
  import('../measured/MeasuredPanel').then((m) => ({ default: m.MeasuredPanel })),
);

const storage = (): Storage | null => {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
};

interface TabSpec {
  id: ResultsTab;
  label: ReactNode;
  panel: ReactNode;
  /** Rendered only while chosen: a view that keeps nothing worth keeping and costs a render a frame. */
  onlyWhenShown?: boolean;
}

export interface ResultsPaneProps {
  /** Desktop only: whether the pane has been enlarged over the canvas, and the button's action. */
  enlarged?: boolean;
  onToggleEnlarged?: () => void;
}

export function ResultsPane({ enlarged, onToggleEnlarged }: ResultsPaneProps = {}) {
  const faultCount = useDocumentStore((s) => s.doc.faults.length);
  const gapCount = useShownGaps().shown.length;
  const base = useId();
  const tabs: TabSpec[] = [
    {
      id: 'charts',
      label: 'Charts',
      panel: (
        <Suspense fallback={null}>
          <ChartsPanel />
        </Suspense>
      ),
    },
    {
      id: 'cluster',
      label: 'Cluster',
      panel: <ClusterPanel />,
      onlyWhenShown: true,
    },
    {
      id: 'faults',
      label: (
        <>
          Faults <span className="results-tab-count">{faultCount}</span>
        </>
      ),
      panel: <FaultsPanel />,
    },
    {
      id: 'check',
      label: (
        <>
          Check <span className={`results-tab-count${gapCount > 0 ? ' has-gaps' : ''}`}>{gapCount}</span>
        </>
      ),
      panel: (
        <div className="results-check">
          <PipelineCheck level={2} headingId={`${base}-check-heading`} />
        </div>
      ),
    },
    { id: 'runs', label: 'Runs', panel: <RunsPanel /> },
    {
      id: 'sweep',
      label: 'Sweep',
      panel: (
        <Suspense fallback={null}>
          <SweepPanel />
        </Suspense>
      ),
      onlyWhenShown: true,
    },
    {
      id: 'measured',
      label: 'Measured',
      panel: (
        <Suspense fallback={null}>
          <MeasuredPanel />
        </Suspense>
      ),
      onlyWhenShown: true,
    },
  ];
  const ids = tabs.map((t) => t.id);
  const [current, setCurrent] = useState<ResultsTab>(() => loadTab(ids, storage()));
  const choose = (tab: ResultsTab, focus: boolean) => {
    setCurrent(tab);
    saveTab(tab, storage());
    if (focus) document.getElementById(`${base}-tab-${tab}`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const next = tabAfterKey(e.key, current, ids);
    if (!next) return;
    e.preventDefault();
    choose(next, true);
  };

  return (
    <section className="results-area" aria-label="Results">
      <TotalsBar />
      <div className="results-tabbar">
        <div className="results-tabs" role="tablist" aria-label="Results views" onKeyDown={onKeyDown}>
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${base}-tab-${t.id}`}
              aria-selected={t.id === current}
              aria-controls={`${base}-panel-${t.id}`}
              tabIndex={t.id === current ? 0 : -1}
              className="results-tab"
              data-testid={`results-tab-${t.id}`}
              onClick={() => choose(t.id, false)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {onToggleEnlarged && (
          <button
            type="button"
            className="results-enlarge"
            data-testid="results-enlarge"
            aria-pressed={enlarged}
            aria-label={enlarged ? 'Smaller results' : 'Larger results'}
            title={
              enlarged
                ? 'Give the canvas its height back'
                : 'Give the results most of the height (a sweep, the runs, the cluster)'
            }
            onClick={onToggleEnlarged}
          >
            <span className="enlarge-long" aria-hidden="true">
              {enlarged ? 'Smaller results' : 'Larger results'}
            </span>
            <span className="enlarge-short" aria-hidden="true">
              {enlarged ? 'Smaller' : 'Larger'}
            </span>
          </button>
        )}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${base}-panel-${t.id}`}
          aria-labelledby={`${base}-tab-${t.id}`}
          className="results-panel"
          data-testid={`results-panel-${t.id}`}
          hidden={t.id !== current}
          tabIndex={0}
        >
          {t.onlyWhenShown && t.id !== current ? null : t.panel}
        </div>
      ))}
    </section>
  );
}
