// The designer: the document menu and run controls on top; below, palette | canvas | inspector with
// the results under the canvas, in resizable panes (layout/). On a narrow screen, one column.
import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { AccuracyEntry } from './accuracy/AccuracyEntry';
import { FirstVisitGuide } from './guide/FirstVisitGuide';
import { GuideButton } from './guide/GuideButton';
import { LearnButton } from './lessons/LearnButton';
import { DesktopWorkspace } from './layout/DesktopWorkspace';
import { NarrowWorkspace } from './layout/NarrowWorkspace';
import { useNarrow } from './layout/useNarrow';
import { NoticeBanner } from './NoticeBanner';
import { DocumentMenu } from './persist/DocumentMenu';
import { startPersistence } from './persist/startup';
import { RunControls } from './run/RunControls';
import './layout/layout.css';

export function App() {
  useEffect(() => startPersistence(), []);
  const narrow = useNarrow();
  return (
    <ReactFlowProvider>
      <div className={narrow ? 'app app-narrow' : 'app'}>
        <header className="topbar">
          <img className="logo" src="/favicon.svg" alt="" width={24} height={24} />
          <h1 data-testid="app-title">Streamlab</h1>
          <DocumentMenu />
          <RunControls />
          <LearnButton />
          <GuideButton />
          <AccuracyEntry />
        </header>
        <NoticeBanner />
        {narrow ? <NarrowWorkspace /> : <DesktopWorkspace />}
        <FirstVisitGuide />
      </div>
    </ReactFlowProvider>
  );
}
