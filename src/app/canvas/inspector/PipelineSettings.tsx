// What the inspector shows with nothing selected: the pipeline's name, description, run seed and
// duration, the cluster's network latency and broker-wide settings, and everything the document check reports.
import { useMemo } from 'react';
import { checkGraph, type Pipeline } from '../../../model';
import { useDocumentStore } from '../../store/documentStore';
import { pipelineFieldPath } from '../../lessons/fieldPaths';
import { ClientMachinePicker } from './ClientMachinePicker';
import { FieldList } from './FieldList';

interface PipelineSettingsValue {
  name: string;
  description: string;
  run: Pipeline['run'];
  networkLatencyMs: number;
  /** The cluster's broker-wide settings (server.properties). */
  brokerConfig: Pipeline['cluster']['config'];
}

function commit(next: PipelineSettingsValue, mergeKey: string): void {
  useDocumentStore.getState().change((doc) => {
    const cluster =
      doc.cluster.networkLatencyMs === next.networkLatencyMs && doc.cluster.config === next.brokerConfig
        ? doc.cluster
        : { ...doc.cluster, networkLatencyMs: next.networkLatencyMs, config: next.brokerConfig };
    if (
      doc.name === next.name &&
      doc.description === next.description &&
      doc.run === next.run &&
      cluster === doc.cluster
    )
      return doc;
    return { ...doc, name: next.name, description: next.description, run: next.run, cluster };
  }, mergeKey);
}

export function PipelineSettings() {
  const name = useDocumentStore((s) => s.doc.name);
  const description = useDocumentStore((s) => s.doc.description);
  const run = useDocumentStore((s) => s.doc.run);
  const networkLatencyMs = useDocumentStore((s) => s.doc.cluster.networkLatencyMs);
  const brokerConfig = useDocumentStore((s) => s.doc.cluster.config);
  const doc = useDocumentStore((s) => s.doc);
  const settings = useMemo(
    () => ({ name, description, run, networkLatencyMs, brokerConfig }),
    [name, description, run, networkLatencyMs, brokerConfig],
  );
  const report = useMemo(() => checkGraph(doc), [doc]);
  return (
    <div className="sl-inspector-node" data-testid="inspector-pipeline">
      <header className="sl-inspector-head">
        <div>
          <div className="sl-inspector-kind">Pipeline</div>
          <h2 className="sl-inspector-title" data-testid="inspector-title">
            {name || 'Untitled pipeline'}
          </h2>
          <div className="sl-muted">Select a node to edit it; nothing is selected.</div>
        </div>
      </header>
      <FieldList
        ownerId="pipeline"
        kind="pipeline"
        entity={settings}
        onCommit={commit}
        pathOf={(f) => pipelineFieldPath(f.path)}
      />
      <ClientMachinePicker />
      {(report.errors.length > 0 || report.warnings.length > 0) && (
        <details className="sl-section" open data-testid="pipeline-problems">
          <summary>
            Checks: {report.errors.length} error{report.errors.length === 1 ? '' : 's'},{' '}
            {report.warnings.length} warning{report.warnings.length === 1 ? '' : 's'}
          </summary>
          {report.errors.map((m) => (
            <p key={m} className="sl-problem is-error">
              {m}
            </p>
          ))}
          {report.warnings.map((m) => (
            <p key={m} className="sl-problem is-warning">
              {m}
            </p>
          ))}
        </details>
      )}
    </div>
  );
}
