// How a topic card shows its replication factor. RF 1 (no copy of any partition) is marked as a
// risk the user can act on; when an open lesson keeps the setting fixed, the learner cannot act on
// it, so it is shown plainly, with a tooltip that says why it is 1 and that it is not theirs to fix.
import type { FieldLock } from '../../lessons/lessonMode';

export interface ReplicationBadge {
  /** Marked as a warning (red). */
  warn: boolean;
  /** The tooltip, or none. */
  title?: string;
}

const NO_COPY =
  "Replication factor 1 (Kafka's default): each partition lives on one broker, so losing that broker loses its records";

/** The setting path of a topic's replication factor, as lessons name it. */
export const replicationPath = (topicId: string): string => `topics[${topicId}].replicationFactor`;

export function replicationBadge(replicationFactor: number, lock: FieldLock): ReplicationBadge {
  if (replicationFactor !== 1) return { warn: false };
  if (lock.locked)
    return { warn: false, title: `${NO_COPY}. This lesson keeps it at 1 on purpose: nothing to fix here.` };
  return { warn: true, title: NO_COPY };
}
