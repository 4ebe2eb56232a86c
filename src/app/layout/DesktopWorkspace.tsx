// The desktop workspace: palette | (canvas over results) | inspector, in panes the user resizes by
// dragging (or with the arrow keys on a focused divider) and collapses with a button. The sizes are
// remembered in localStorage. By default the canvas takes 55% of the height, so the graph and its
// charts are on screen together from 1280x720 up.
import { useState, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef } from 'react-resizable-panels';
import { Canvas } from '../canvas/Canvas';
import { Inspector } from '../canvas/Inspector';
import { Palette } from '../canvas/Palette';
import { LessonPane } from '../lessons/LessonPane';
import { useLessonMode } from '../lessons/lessonMode';
import { ResultsPane } from './ResultsPane';

const storage = (() => {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
})();

/** The results pane's share of the height when enlarged, and the default it returns to. */
const ENLARGED_RESULTS = 78;
const DEFAULT_RESULTS = 45;
/** The canvas pane's least height (16rem): its toolbar and cluster strip take about 7rem, and the
 * rest leaves the nodes and their Bottleneck badges readable even with the results enlarged. */
const CANVAS_MIN_REM = 16;
const CANVAS_MIN_PX = CANVAS_MIN_REM * 16;

export function DesktopWorkspace() {
  // While a lesson is open its panel takes the palette's place (nodes are not added in a lesson).
  const inLesson = useLessonMode((s) => s.active !== null);
  const columns = useDefaultLayout({
    id: 'streamlab.columns',
    storage,
    panelIds: [inLesson ? 'pane-lesson' : 'pane-palette', 'pane-center', 'pane-inspector'],
  });
  const rows = useDefaultLayout({ id: 'streamlab.rows', storage });
  const results = usePanelRef();
  const canvas = usePanelRef();
  const [enlarged, setEnlarged] = useState(false);
  const toggleEnlarged = () => {
    const next = !enlarged;
    results.current?.resize(`${next ? ENLARGED_RESULTS : DEFAULT_RESULTS}%`);
    setEnlarged(next);
  };
  // Dragging the divider decides by itself whether the results are "enlarged": well past the
  // default share, or as large as the canvas's minimum height lets them be (a short window).
  const onResultsResize = () => {
    const share = results.current?.getSize().asPercentage;
    if (share === undefined) return;
    const canvasAtMin = (canvas.current?.getSize().inPixels ?? Infinity) <= CANVAS_MIN_PX + 1;
    setEnlarged(
      share > (ENLARGED_RESULTS + DEFAULT_RESULTS) / 2 || (canvasAtMin && share > DEFAULT_RESULTS + 1),
    );
  };
  return (
    <Group
      className="workspace"
      orientation="horizontal"
      defaultLayout={columns.defaultLayout}
      onLayoutChanged={columns.onLayoutChanged}
    >
      {inLesson ? (
        <SidePane id="lesson" label="Lesson" side="left" defaultSize="25rem" minSize="16rem" maxSize="44rem">
          <LessonPane />
        </SidePane>
      ) : (
        <SidePane id="palette" label="Palette" side="left" defaultSize="10rem" minSize="8rem" maxSize="20rem">
          <Palette />
        </SidePane>
      )}
      <Separator
        className="pane-separator pane-separator-v"
        aria-label={inLesson ? 'Resize the lesson' : 'Resize the palette'}
      />
      <Panel id="pane-center" minSize="20rem">
        <Group
          className="workspace-center"
          orientation="vertical"
          defaultLayout={rows.defaultLayout}
          onLayoutChanged={rows.onLayoutChanged}
        >
          <Panel id="pane-canvas" panelRef={canvas} defaultSize="55%" minSize={`${CANVAS_MIN_REM}rem`}>
            <main className="canvas-area">
              <Canvas />
            </main>
          </Panel>
          <Separator
            className="pane-separator pane-separator-h"
            aria-label="Resize the canvas and the results"
          />
          <Panel
            id="pane-results"
            panelRef={results}
            defaultSize={`${DEFAULT_RESULTS}%`}
            minSize="6rem"
            onResize={onResultsResize}
          >
            <ResultsPane enlarged={enlarged} onToggleEnlarged={toggleEnlarged} />
          </Panel>
        </Group>
      </Panel>
      <Separator className="pane-separator pane-separator-v" aria-label="Resize the inspector" />
      <SidePane
        id="inspector"
        label="Inspector"
        side="right"
        defaultSize="18rem"
        minSize="14rem"
        maxSize="40rem"
      >
        <Inspector />
      </SidePane>
    </Group>
  );
}

/**
 * A side pane that collapses to a narrow rail with a button to bring it back (and a button in its
 * corner to put it away), so the canvas can take the width.
 */
function SidePane(props: {
  id: string;
  label: string;
  side: 'left' | 'right';
  defaultSize: string;
  minSize: string;
  maxSize: string;
  children: ReactNode;
}) {
  const ref = usePanelRef();
  const [collapsed, setCollapsed] = useState(false);
  const hide = props.side === 'left' ? '‹' : '›';
  const show = props.side === 'left' ? '›' : '‹';
  return (
    <Panel
      id={`pane-${props.id}`}
      panelRef={ref}
      collapsible
      collapsedSize="2rem"
      defaultSize={props.defaultSize}
      minSize={props.minSize}
      maxSize={props.maxSize}
      onResize={() => setCollapsed(ref.current?.isCollapsed() ?? false)}
    >
      {collapsed ? (
        <div className={`pane-rail pane-rail-${props.side}`}>
          <button
            type="button"
            className="pane-toggle"
            data-testid={`pane-show-${props.id}`}
            aria-label={`Show the ${props.label.toLowerCase()}`}
            title={`Show the ${props.label.toLowerCase()}`}
            onClick={() => ref.current?.expand()}
          >
            <span aria-hidden="true">{show}</span>
            <span className="pane-rail-label">{props.label}</span>
          </button>
        </div>
      ) : (
        <aside className={`side-pane ${props.id}-area`} aria-label={props.label}>
          <button
            type="button"
            className="pane-toggle pane-hide"
            data-testid={`pane-hide-${props.id}`}
            aria-label={`Hide the ${props.label.toLowerCase()}`}
            title={`Hide the ${props.label.toLowerCase()}`}
            onClick={() => ref.current?.collapse()}
          >
            <span aria-hidden="true">{hide}</span>
          </button>
          {props.children}
        </aside>
      )}
    </Panel>
  );
}
