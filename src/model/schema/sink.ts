// External systems that pipelines write to.
import { z } from 'zod';
import { label, nodeId, num } from './common';

export const SINK_KINDS = ['database', 'files', 'dashboard'] as const;

export const sinkSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  kind: z.enum(SINK_KINDS).default('database'),
  /** Write throughput the system accepts; 0 means unlimited. */
  maxRecordsPerSec: num(0, 1e12).default(0),
  /** Time one write (a batch of records from one task) takes to be acknowledged. */
  writeLatencyMs: num(0, 600_000).default(5),
  /**
   * What a replayed write does: atLeastOnce writes it again (a duplicate); idempotent overwrites the
   * same row; transactional commits output and offsets together, so a replay finds it already there.
   */
  delivery: z.enum(['atLeastOnce', 'idempotent', 'transactional']).default('atLeastOnce'),
});
