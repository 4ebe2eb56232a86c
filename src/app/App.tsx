// The designer: palette | canvas | inspector, with the run controls and document menus on top and
// the charts below. Each area is owned by its folder (canvas/, run/, charts/, persist/).
export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <img className="logo" src="/favicon.svg" alt="" width={24} height={24} />
        <h1 data-testid="app-title">Streamlab</h1>
        {/* persist/DocumentMenu and run/RunControls go here */}
      </header>
      <div className="workspace">
        <aside className="palette-area" aria-label="Palette">
          {/* canvas/Palette */}
        </aside>
        <main className="canvas-area">{/* canvas/Canvas */}</main>
        <aside className="inspector-area" aria-label="Inspector">
          {/* canvas/Inspector */}
        </aside>
      </div>
      <section className="charts-area" aria-label="Charts">
        {/* charts/ChartsPanel */}
      </section>
    </div>
  );
}
