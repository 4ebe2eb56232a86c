// The designer: palette | canvas | inspector, with the document menu and run controls on top and
// totals and charts below. Each area is owned by its folder (canvas/, run/, charts/, persist/).
import { lazy, Suspense, useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { AccuracyEntry } from './accuracy/AccuracyEntry';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './canvas/Inspector';
import { Palette } from './canvas/Palette';
import { NoticeBanner } from './NoticeBanner';
import { FaultsPanel } from './faults/FaultsPanel';
import { DocumentMenu } from './persist/DocumentMenu';
import { startPersistence } from './persist/startup';
import { RunControls } from './run/RunControls';
import { TotalsBar } from './run/TotalsBar';

// Recharts is the largest library in the app and nothing needs it before a run starts, so it loads
// in its own chunk while the canvas is already on screen.
const ChartsPanel = lazy(() => import('./charts/ChartsPanel').then((m) => ({ default: m.ChartsPanel })));

export function App() {
  useEffect(() => startPersistence(), []);
  return (
    <ReactFlowProvider>
      <div className="app">
        <header className="topbar">
          <img className="logo" src="/favicon.svg" alt="" width={24} height={24} />
          <h1 data-testid="app-title">Streamlab</h1>
          <DocumentMenu />
          <RunControls />
          <AccuracyEntry />
        </header>
        <NoticeBanner />
        <div className="workspace">
          <aside className="palette-area" aria-label="Palette">
            <Palette />
          </aside>
          <main className="canvas-area">
            <Canvas />
          </main>
          <aside className="inspector-area" aria-label="Inspector">
            <Inspector />
          </aside>
        </div>
        <section className="results-area" aria-label="Results">
          <TotalsBar />
          <FaultsPanel />
          <Suspense fallback={null}>
            <ChartsPanel />
          </Suspense>
        </section>
      </div>
    </ReactFlowProvider>
  );
}
