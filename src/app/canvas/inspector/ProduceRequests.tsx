// For a producer: its produce requests over the last simulated second, and how many records each
// request and each batch carries (what linger.ms and batch.size change), from the live run.
import { useRunStore } from '../../run/runStore';
import { compact } from '../format';

/** Records per request or batch: one decimal below 10, whole above. */
const perUnit = (x: number | null): string => (x === null ? '–' : x < 10 ? x.toFixed(1) : compact(x));

export function ProduceRequests({ id }: { id: string }) {
  const now = useRunStore((s) =>
    s.live && s.live.simMs > 0 ? s.live.nodes[id]?.produceRequests : undefined,
  );
  // A kept run on show (the run a lesson check made) may bring its figures over the whole run.
  const whole = useRunStore((s) => (s.live === null ? s.keptProduceRequests?.[id] : undefined));
  const kept = useRunStore((s) => s.status === 'finished' && s.live === null);
  const live = now ?? whole;
  return (
    <details
      className="sl-section"
      open
      data-testid={`produce-requests-${id}`}
      data-over={now ? 'second' : whole ? 'run' : undefined}
    >
      <summary>Produce requests</summary>
      {live ? (
        <>
          <dl className="sl-figures">
            <div>
              <dt>Requests</dt>
              <dd data-testid={`produce-requests-per-sec-${id}`} data-value={live.perSec}>
                {compact(live.perSec)}/s
              </dd>
            </div>
            <div>
              <dt>Records per request</dt>
              <dd data-testid={`produce-records-per-request-${id}`} data-value={live.recordsPerRequest ?? ''}>
                {perUnit(live.recordsPerRequest)}
              </dd>
            </div>
            <div>
              <dt>Records per batch</dt>
              <dd data-testid={`produce-records-per-batch-${id}`} data-value={live.recordsPerBatch ?? ''}>
                {perUnit(live.recordsPerBatch)}
              </dd>
            </div>
          </dl>
          <p className="sl-muted">
            {now ? 'Over the last simulated second.' : 'Over the whole run on show.'} A batch holds one
            partition’s records; a request carries the batches ready for one broker, and each request costs
            the broker the same fixed work.
          </p>
        </>
      ) : (
        <p className="sl-muted">
          {kept
            ? 'The run on show was kept without its live figures: press ▶ Play to run it again and see how many requests this producer sends and how many records each carries.'
            : 'Press ▶ Play to see how many requests this producer sends and how many records each carries.'}
        </p>
      )}
    </details>
  );
}
