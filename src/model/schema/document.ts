// The whole pipeline document, version 1.
import { z } from 'zod';
import { clusterSchema } from './cluster';
import { int, label, nodeId, num } from './common';
import { consumerGroupSchema } from './consumer';
import { faultSchema } from './faults';
import { producerSchema } from './producer';
import { sinkSchema } from './sink';
import { sparkJobSchema } from './spark';
import { sparkSourceSchema } from './sparkSource';
import { topicSchema } from './topic';

export const PIPELINE_VERSION = 1;

export const edgeSchema = z.strictObject({ from: nodeId, to: nodeId });

const position = z.strictObject({ x: num(-1e7, 1e7), y: num(-1e7, 1e7) });

export const runSchema = z.strictObject({
  /** Seed of the simulation's random streams: same document + same seed = same numbers. */
  seed: int(0, 4_294_967_295).default(1),
  durationSec: num(1, 86_400).default(60),
});

export const pipelineSchema = z.strictObject({
  version: z.literal(PIPELINE_VERSION, { error: `must be ${PIPELINE_VERSION}` }),
  name: label.default('Untitled pipeline'),
  description: z.string().max(4000, 'must be at most 4000 characters').default(''),
  cluster: clusterSchema,
  topics: z.array(topicSchema).max(1000).default([]),
  producers: z.array(producerSchema).max(1000).default([]),
  consumerGroups: z.array(consumerGroupSchema).max(1000).default([]),
  sparkJobs: z.array(sparkJobSchema).max(100).default([]),
  sinks: z.array(sinkSchema).max(1000).default([]),
  /** Sources only Spark jobs read (sockets, Kinesis- and Flume-style streams), through receivers. */
  sparkSources: z.array(sparkSourceSchema).max(1000).default([]),
  edges: z.array(edgeSchema).max(10_000).default([]),
  /** What goes wrong during the run, and when (brokers down, slow disks, crashes, spikes...). */
  faults: z.array(faultSchema).max(1000).default([]),
  /** Canvas positions by node id; a view concern kept apart from the pipeline itself. */
  layout: z.record(nodeId, position).default({}),
  run: runSchema.prefault({}),
});
