// The setting path (the sweeps' and lessons' syntax, src/whatif/settings.ts) of each field the
// inspector shows, so an open lesson can tell the inspector which fields the learner may change.
import type { EntityRef } from '../canvas/entities';

/** The path of the node the entity is: "producers[orders]", "sparkJobs[j].stages[s1]". */
export function entityPath(ref: EntityRef): string {
  const id = ref.value.id;
  switch (ref.kind) {
    case 'producer':
      return `producers[${id}]`;
    case 'topic':
      return `topics[${id}]`;
    case 'consumerGroup':
      return `consumerGroups[${id}]`;
    case 'sparkJob':
      return `sparkJobs[${id}]`;
    case 'sink':
      return `sinks[${id}]`;
    case 'sparkSource':
      return `sparkSources[${id}]`;
    case 'broker':
      return `cluster.brokers[${id}]`;
    case 'sparkStage':
      return `sparkJobs[${ref.job.id}].stages[${id}]`;
  }
}

/** A field inside a node: its keys joined with dots ("config.linger.ms"). */
export const fieldPath = (base: string, path: readonly string[]): string => `${base}.${path.join('.')}`;

/**
 * A field of the pipeline's own settings (the inspector with nothing selected): the network
 * latency and the broker-wide configs live under the cluster in the document.
 */
export function pipelineFieldPath(path: readonly string[]): string {
  const [first, ...rest] = path;
  if (first === 'networkLatencyMs') return 'cluster.networkLatencyMs';
  if (first === 'brokerConfig') return ['cluster.config', ...rest].join('.');
  return path.join('.');
}

/** The node id a setting path starts at ("producers[orders].rate" -> "orders"), if any. */
export function nodeOfPath(path: string): string | undefined {
  const m = /^(?:producers|topics|consumerGroups|sparkJobs|sinks|cluster\.brokers)\[([^\]]+)\]/.exec(path);
  if (!m) return undefined;
  const stage = /^sparkJobs\[[^\]]+\]\.stages\[([^\]]+)\]/.exec(path);
  return stage ? stage[1] : m[1];
}
