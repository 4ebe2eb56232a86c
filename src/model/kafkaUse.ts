// Whether a document sends anything through Kafka. The schema asks every document for a cluster of
// at least one broker, so a pipeline of Spark receivers alone still has one; it just never uses it.
// The views leave such a cluster out (its utilisation chart, the broker strip, the broker count in
// sweeps) rather than show a broker idling at 0 %.

/** The parts of a document the answer depends on. */
interface KafkaUseParts {
  topics: readonly unknown[];
  sparkSources: readonly unknown[];
}

/**
 * False only for a document whose records come from receiver sources and that has no topic: no
 * producer, consumer group, MirrorMaker or Kafka sink can work without one. An empty document
 * counts as using Kafka: the designer starts there, from the brokers.
 */
export function usesKafka(doc: KafkaUseParts): boolean {
  return doc.topics.length > 0 || doc.sparkSources.length === 0;
}
