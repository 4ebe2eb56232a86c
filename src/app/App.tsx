// Landing page shown until the pipeline canvas lands.
export function App() {
  return (
    <div className="shell">
      <header className="topbar">
        <img className="logo" src="/favicon.svg" alt="" width={28} height={28} />
        <h1 data-testid="app-title">Streamlab</h1>
      </header>

      <main className="content">
        <p className="lead">
          Streamlab lets you sketch a streaming pipeline – Kafka topics and partitions, producers, Spark
          Streaming jobs and the sinks they write to – on a canvas, then run a simulation of it to see
          throughput, consumer lag and end-to-end latency before anything is deployed. The canvas is the next
          piece to arrive.
        </p>

        <section className="card" aria-labelledby="engine-heading">
          <h2 id="engine-heading">Already available</h2>
          <p>
            The pipeline engine and its command line work today. Try one of the bundled examples from a
            terminal:
          </p>
          <pre>
            <code>npm run simulate -- examples/clickstream-personalisation.json</code>
          </pre>
        </section>
      </main>
    </div>
  );
}
