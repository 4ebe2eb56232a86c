// Transactions: the producer settings Kafka refuses together, checked before a run.
import type { Pipeline } from './types';

/**
 * Kafka's ProducerConfig turns idempotence off when acks is not all or max.in.flight is above 5
 * (or refuses if it was asked for), and then refuses a transactional.id: "Cannot set a
 * transactional.id without also enabling idempotence." At initTransactions the coordinator refuses
 * a transaction.timeout.ms above the brokers' transaction.max.timeout.ms (InvalidTxnTimeout).
 */
export function transactionChecks(doc: Pipeline, errors: string[], warnings: string[]): void {
  const maxTimeout = doc.cluster.config['transaction.max.timeout.ms'];
  for (const p of doc.producers) {
    const c = p.config;
    if (c['transactional.id'] === undefined) continue;
    const where = `producer "${p.id}": transactional.id`;
    const refusal = ' (Kafka refuses it: "Cannot set a transactional.id without also enabling idempotence.")';
    if (c.acks !== 'all')
      errors.push(`${where} needs acks=all, not acks=${c.acks}: transactions need idempotence${refusal}`);
    if (c['enable.idempotence'] === false)
      errors.push(`${where} needs enable.idempotence=true (it is false)${refusal}`);
    if (c['max.in.flight.requests.per.connection'] > 5)
      errors.push(
        `${where} needs max.in.flight.requests.per.connection <= 5 (it is ${c['max.in.flight.requests.per.connection']})${refusal}`,
      );
    if (c['transaction.timeout.ms'] > maxTimeout)
      errors.push(
        `producer "${p.id}": transaction.timeout.ms (${c['transaction.timeout.ms']}) must be at most the brokers' transaction.max.timeout.ms (${maxTimeout}); Kafka refuses it when the producer starts (InvalidTxnTimeoutException)`,
      );
    if (p.transactionCommitIntervalMs >= c['transaction.timeout.ms'])
      warnings.push(
        `producer "${p.id}": transactionCommitIntervalMs (${p.transactionCommitIntervalMs}) is not below transaction.timeout.ms (${c['transaction.timeout.ms']}), so the coordinator aborts transactions before they are committed`,
      );
  }
}
