// Every reason the simulator refuses a document, as entries of the pipeline check: the model's
// checkGraph errors (what the worker refuses before a run) that no other entry already states in its
// own words, and any further refusal the worker reported for this very document. Each entry sits on
// the first node its message names and, where one setting decides it, comes with the fix ("Set acks
// to all"), so "Cannot run" in the run status always has a list with something to click behind it.
import { checkGraph, nodeKinds, type Pipeline } from '../../model';
import type { Fix, Gap, GapKind } from './gaps';

type Producer = Pipeline['producers'][number];
type ProducerConfig = Producer['config'];

/**
 * Entries of the check that already say what one of checkGraph's errors says (in other words and
 * with their own fixes): the error is not listed a second time.
 */
const STATED: Partial<Record<GapKind, (nodeId: string, message: string) => boolean>> = {
  'rf-above-brokers': (id, m) => m.startsWith(`topic "${id}": replicationFactor `),
  'tiered-storage-off': (id, m) => m.startsWith(`topic "${id}": remote.storage.enable `),
};

const setProducerConfig = (label: string, producerId: string, config: Partial<ProducerConfig>): Fix => ({
  label,
  apply: (doc) => ({
    doc: {
      ...doc,
      producers: doc.producers.map((p) =>
        p.id === producerId ? { ...p, config: { ...p.config, ...config } } : p,
      ),
    },
  }),
});

/**
 * The one-setting fixes for a producer's refused settings. The message says which rule it broke;
 * the fix is offered only when the producer's own setting still breaks it.
 */
function producerFixes(doc: Pipeline, p: Producer, message: string): Fix[] {
  const c = p.config;
  const fixes: Fix[] = [];
  const where = `producer "${p.id}"`;
  if (!message.startsWith(where)) return fixes;
  if (/needs acks=all/.test(message) && c.acks !== 'all')
    fixes.push(setProducerConfig('Set acks to all', p.id, { acks: 'all' }));
  if (/needs enable\.idempotence=true/.test(message) && c['enable.idempotence'] === false)
    fixes.push(setProducerConfig('Turn on enable.idempotence', p.id, { 'enable.idempotence': true }));
  if (
    /needs max\.in\.flight\.requests\.per\.connection <= 5/.test(message) &&
    c['max.in.flight.requests.per.connection'] > 5
  )
    fixes.push(
      setProducerConfig('Set max.in.flight.requests.per.connection to 5', p.id, {
        'max.in.flight.requests.per.connection': 5,
      }),
    );
  const maxTimeout = doc.cluster.config['transaction.max.timeout.ms'];
  if (/transaction\.timeout\.ms .* must be at most/.test(message) && c['transaction.timeout.ms'] > maxTimeout)
    fixes.push(
      setProducerConfig(`Set transaction.timeout.ms to ${maxTimeout}`, p.id, {
        'transaction.timeout.ms': maxTimeout,
      }),
    );
  const leastDelivery = c['linger.ms'] + c['request.timeout.ms'];
  if (/delivery\.timeout\.ms must be at least/.test(message) && c['delivery.timeout.ms'] < leastDelivery)
    fixes.push(
      setProducerConfig(`Set delivery.timeout.ms to ${leastDelivery}`, p.id, {
        'delivery.timeout.ms': leastDelivery,
      }),
    );
  return fixes;
}

/** "producer "p": needs ..." -> "Producer "p": needs ..." */
const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1);

/**
 * The refusals the check's other entries leave unsaid. `stated`: the entries found so far;
 * `reported`: refusals the worker gave for this document (duplicates of checkGraph's are dropped).
 */
export function refusalGaps(doc: Pipeline, stated: readonly Gap[], reported: readonly string[] = []): Gap[] {
  const errors = checkGraph(doc).errors;
  const messages = [...errors, ...reported.filter((m) => !errors.includes(m))];
  const ids = nodeKinds(doc);
  const producers = new Map(doc.producers.map((p) => [p.id, p]));
  const perNode = new Map<string, number>();
  const gaps: Gap[] = [];
  for (const message of [...new Set(messages)]) {
    const named = [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '').find((id) => ids.has(id));
    const nodeId = named ?? '';
    if (stated.some((g) => g.nodeId === nodeId && STATED[g.kind]?.(nodeId, message))) continue;
    const n = perNode.get(nodeId) ?? 0;
    perNode.set(nodeId, n + 1);
    const producer = producers.get(nodeId);
    gaps.push({
      key: `refused:${nodeId}:${n}`,
      kind: 'refused',
      severity: 'error',
      nodeId,
      text: `${sentence(message)}.`.replace(/([.!?])\.$/, '$1'),
      fixes: producer ? producerFixes(doc, producer, message) : [],
    });
  }
  return gaps;
}
