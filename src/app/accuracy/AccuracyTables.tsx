// The pieces of the accuracy dialog: the summary table, one case with its figures, inline code.
import type { AccuracyReport, CaseReport, CheckRow, ErrorSummary } from '../../validation/report';

/** Text with `code` spans, as the report writes commands. */
export function Inline({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

const percent = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);

function SummaryRow({ title, s }: { title: string; s: ErrorSummary }) {
  return (
    <tr>
      <th scope="row">{title}</th>
      <td>{s.checks}</td>
      <td>{s.passed}</td>
      <td>{s.knownIssues}</td>
      <td>{s.brokenCases}</td>
      <td>{percent(s.meanRelativeError)}</td>
      <td>
        {s.worstRelativeError
          ? `${percent(s.worstRelativeError.value)} (${s.worstRelativeError.check})`
          : 'n/a'}
      </td>
    </tr>
  );
}

export function SummaryTable({ report }: { report: AccuracyReport }) {
  return (
    <table className="accuracy-table accuracy-summary" data-testid="accuracy-summary">
      <caption>Summary: relative error |simulated − expected| / |expected|, where expected is not 0</caption>
      <thead>
        <tr>
          <th scope="col">Section</th>
          <th scope="col">Figures</th>
          <th scope="col">Within bound</th>
          <th scope="col">Known issues</th>
          <th scope="col">Could not run</th>
          <th scope="col">Mean error</th>
          <th scope="col">Worst error</th>
        </tr>
      </thead>
      <tbody>
        {report.sections.map((s) => (
          <SummaryRow key={s.id} title={s.title} s={s.summary} />
        ))}
        <SummaryRow title="All" s={report.summary} />
      </tbody>
    </table>
  );
}

function Result({ row }: { row: CheckRow }) {
  if (row.pass) return <span className="accuracy-pass">pass</span>;
  return (
    <span className="accuracy-miss">{row.knownIssue !== undefined ? 'miss (known issue)' : 'miss'}</span>
  );
}

export function CaseBlock({ c }: { c: CaseReport }) {
  const issues = c.checks.filter((r) => !r.pass && r.knownIssue !== undefined);
  return (
    <article className="accuracy-case" data-testid={`accuracy-case-${c.id}`}>
      <h4>{c.title}</h4>
      {c.failure !== undefined ? (
        <p className="accuracy-miss">This case could not run: {c.failure}</p>
      ) : (
        <table className="accuracy-table">
          <caption className="visually-hidden">{c.title}: expected and simulated figures</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Expected</th>
              <th scope="col">Simulated</th>
              <th scope="col">Error</th>
              <th scope="col">Bound</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {c.checks.map((r) => (
              <tr key={r.id} data-testid={`accuracy-row-${r.id}`} data-pass={r.pass}>
                <th scope="row">{r.quantity}</th>
                <td>{r.text.expected}</td>
                <td>{r.text.simulated}</td>
                <td>{r.text.error}</td>
                <td>{r.text.bound}</td>
                <td>
                  <Result row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {issues.map((r) => (
        <p key={r.id} className="accuracy-issue">
          <strong>Known issue:</strong> {r.knownIssue}
        </p>
      ))}
      <p>
        <strong>What the model leaves out:</strong> {c.leavesOut}
      </p>
      <details>
        <summary>How this case is run</summary>
        <p>{c.setup}</p>
        <p>
          <strong>Expected from:</strong> {c.reference}
        </p>
        {c.isolates && (
          <p>
            <strong>What the comparison isolates:</strong> {c.isolates}
          </p>
        )}
        {c.samples && (
          <p>
            Covers {c.samples.count.toLocaleString('en-US')} {c.samples.what}.
          </p>
        )}
      </details>
    </article>
  );
}
