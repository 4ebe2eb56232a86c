// Types of the normalised document (what parsePipeline returns: every default filled in).
import type { z } from 'zod';
import type { clusterSchema, brokerSchema } from './schema/cluster';
import type { consumerGroupSchema } from './schema/consumer';
import type { faultSchema } from './schema/faults';
import type { edgeSchema, pipelineSchema } from './schema/document';
import type { keySchema, producerSchema, rateSchema } from './schema/producer';
import type { sinkSchema } from './schema/sink';
import type { sparkJobSchema, sparkStageSchema } from './schema/spark';
import type { sparkSourceSchema } from './schema/sparkSource';
import type { topicSchema } from './schema/topic';

export type Pipeline = z.output<typeof pipelineSchema>;
/** What a file or link may contain: defaults may be left out. */
export type PipelineInput = z.input<typeof pipelineSchema>;
export type Cluster = z.output<typeof clusterSchema>;
export type Broker = z.output<typeof brokerSchema>;
export type Topic = z.output<typeof topicSchema>;
export type Producer = z.output<typeof producerSchema>;
export type RateModel = z.output<typeof rateSchema>;
export type KeyModel = z.output<typeof keySchema>;
export type ConsumerGroup = z.output<typeof consumerGroupSchema>;
export type SparkJob = z.output<typeof sparkJobSchema>;
export type SparkStage = z.output<typeof sparkStageSchema>;
export type Sink = z.output<typeof sinkSchema>;
export type SparkSource = z.output<typeof sparkSourceSchema>;
export type Edge = z.output<typeof edgeSchema>;
export type Fault = z.output<typeof faultSchema>;
export type FaultKind = Fault['kind'];

export type NodeKind =
  'broker' | 'topic' | 'producer' | 'consumerGroup' | 'sparkJob' | 'sparkStage' | 'sink' | 'sparkSource';
