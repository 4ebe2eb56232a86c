// The frame every chart of the run shares: a card that redraws on its own schedule, and a chart of
// derived points over the shared time range with the fault marks and the pinned baseline.
import { useMemo, useRef, type ReactNode } from 'react';
import type { ClusterEventLive } from '../../worker/protocol';
import { useClusterEvents } from '../cluster/clusterEventsStore';
import { useDocumentStore } from '../store/documentStore';
import { useBaseline, withGaps } from './baseline';
import { windowRows, type Point } from './derive';
import { faultMarks, type FaultMark } from './faultMarks';
import { MOVE_KINDS, moveEnds, type MoveEnd } from './moveMarks';
import { RunChart, type RunChartProps } from './RunChart';
import { rangeOf } from './timeRange';
import { useChartView, type ChartView } from './useChartView';

/**
 * Which renderer draws: by default the custom SVG one while a run plays (Recharts' redraws made
 * long tasks at max speed; see e2e/figures) and Recharts otherwise. localStorage
 * 'streamlab.charts.renderer' = 'svg' or 'recharts' forces one, for the figures that compare them.
 */
const RENDERER: 'auto' | 'svg' | 'recharts' = (() => {
  const chosen =
    typeof localStorage === 'undefined' ? null : localStorage.getItem('streamlab.charts.renderer');
  return chosen === 'svg' || chosen === 'recharts' ? chosen : 'auto';
})();

const drawsSvg = (running: boolean) => RENDERER === 'svg' || (RENDERER === 'auto' && running);

/** A card that draws `children(view)` with the run data of its latest scheduled redraw. */
export function ChartCard(props: {
  testId: string;
  title: string;
  note: string;
  wide?: boolean;
  tools?: ReactNode;
  children: (view: ChartView) => ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const view = useChartView(ref);
  return (
    <figure
      ref={ref}
      className={`chart-card${props.wide ? ' chart-card-wide' : ''}`}
      data-testid={props.testId}
    >
      <figcaption>
        <span className="chart-title">{props.title}</span>
        <span className="chart-note" title={props.note}>
          {props.note}
        </span>
        {props.tools && <span className="chart-tools">{props.tools}</span>}
      </figcaption>
      {view ? props.children(view) : <div className="chart-placeholder" />}
    </figure>
  );
}

const NO_EVENTS: ClusterEventLive[] = [];

/**
 * The faults of the document, as marks on the time axis at the run's time `nowSec`; reassignments
 * and decommissions span their moves, as far as the run's cluster events tell.
 */
function useFaultMarks(nowSec: number): FaultMark[] {
  const faults = useDocumentStore((s) => s.doc.faults);
  const durationSec = useDocumentStore((s) => s.doc.run.durationSec);
  const moving = useMemo(() => faults.some((f) => MOVE_KINDS.has(f.kind)), [faults]);
  // Without moves in the document, new events never redraw a chart.
  const events = useClusterEvents((s) => (moving ? s.events : NO_EVENTS));
  // As text, so the marks change only when a move's end does, not with every event.
  const endsText = useMemo(() => JSON.stringify([...moveEnds(faults, events)]), [faults, events]);
  const running = endsText.includes('null');
  // The time matters only while a move runs (its span grows with the run).
  const atSec = running ? nowSec : durationSec;
  return useMemo(
    () => faultMarks(faults, durationSec, new Map(JSON.parse(endsText) as [number, MoveEnd][]), atSec),
    [faults, durationSec, endsText, atSec],
  );
}

/** The time range of one view and the rows in it, memoised on the view. */
function useWindow(view: ChartView) {
  const nowSec = view.simMs / 1000;
  const range = rangeOf(view.mode, nowSec);
  const [from, to] = range;
  const domain = useMemo<[number, number]>(() => [from, to], [from, to]);
  const shown = useMemo(() => windowRows(view.rows, domain), [view.rows, domain]);
  return { shown, domain };
}

/** A chart of `derive` over the view's range; `derive` must be stable (memoised) for speed. */
export function ViewChart({
  view,
  derive,
  ...rest
}: { view: ChartView; derive: (rows: number[][]) => Point[] } & Omit<
  RunChartProps,
  'points' | 'range' | 'marks' | 'rows' | 'pointOf' | 'baseline'
>) {
  const { shown, domain } = useWindow(view);
  const marks = useFaultMarks(view.simMs / 1000);
  const points = useMemo(() => derive(shown), [derive, shown]);
  const pinned = useBaseline();
  const baseline = useMemo(
    () => pinned && { name: pinned.name, points: withGaps(derive(windowRows(pinned.rows, domain))) },
    [pinned, derive, domain],
  );
  const pointOf = useMemo(() => (row: number[]) => derive([row])[0]!, [derive]);
  return (
    <RunChart
      {...rest}
      points={points}
      range={domain}
      marks={marks}
      rows={view.rows}
      pointOf={pointOf}
      svg={drawsSvg(view.running)}
      baseline={baseline}
    />
  );
}
