// The default of every inspector field, read from a freshly created node of the same kind, so the
// inspector shows exactly what the schema fills in.
import { SPARK_STAGE_KINDS } from '../../../model/schema/spark';
import { pipelineSettingsSchema } from '../fieldEdit';
import type { InspectedKind } from '../fieldInfo';
import {
  newBroker,
  newConsumerGroup,
  newProducer,
  newSink,
  newSparkJob,
  newSparkSource,
  newStage,
  newTopic,
} from '../nodeFactory';

let cache: Record<InspectedKind, unknown> | undefined;

export function defaultsFor(kind: InspectedKind): unknown {
  if (!cache) {
    const stages = Object.fromEntries(SPARK_STAGE_KINDS.map((k) => [`stage:${k}`, newStage('x', k)]));
    cache = {
      ...stages,
      pipeline: pipelineSettingsSchema.parse({ run: {} }),
      producer: newProducer('x'),
      topic: newTopic('x'),
      consumerGroup: newConsumerGroup('x'),
      sparkJob: newSparkJob('x'),
      sink: newSink('x', 'database'),
      broker: newBroker('x'),
      sparkSource: newSparkSource('x'),
    } as Record<InspectedKind, unknown>;
  }
  return cache[kind];
}
