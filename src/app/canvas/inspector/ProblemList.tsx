// What the document check says about one node (or the whole pipeline): errors the engine would
// refuse to run with, and warnings such as "not connected yet".
import { useDocumentStore } from '../../store/documentStore';
import { problemsOf } from '../problems';

export function ProblemList({ id }: { id: string }) {
  const problems = useDocumentStore((s) => problemsOf(s.doc, id));
  if (problems.errors.length === 0 && problems.warnings.length === 0) return null;
  return (
    <div className="sl-problems" data-testid="inspector-problems">
      {problems.errors.map((m) => (
        <p key={m} className="sl-problem is-error">
          <strong>Error:</strong> {m}
        </p>
      ))}
      {problems.warnings.map((m) => (
        <p key={m} className="sl-problem is-warning">
          <strong>Warning:</strong> {m}
        </p>
      ))}
    </div>
  );
}
