import { describe, expect, it } from 'vitest';
import lesson1 from '../../../lessons/course/01-partitions.json';
import { fieldLock, type ActiveLesson } from '../../lessons/lessonMode';
import { replicationBadge, replicationPath } from './replicationBadge';

describe('a topic card’s replication factor', () => {
  it('marks RF 1 as a warning while the user may change it', () => {
    expect(replicationBadge(1, { locked: false })).toMatchObject({ warn: true });
    expect(replicationBadge(3, { locked: false })).toEqual({ warn: false });
  });

  it('does not mark RF 1 red in lesson 1, which locks it, and says why in the tooltip', () => {
    // Lesson 1 lets the learner change the topic's partitions only.
    const active = { lesson: lesson1, origin: 'built-in' } as unknown as ActiveLesson;
    const lock = fieldLock(active, replicationPath('orders'));
    expect(lock.locked).toBe(true);
    const badge = replicationBadge(1, lock);
    expect(badge.warn).toBe(false);
    expect(badge.title).toMatch(/lesson keeps it at 1/);
    // The partitions the lesson is about stay the learner's to change.
    expect(fieldLock(active, 'topics[orders].partitions').locked).toBe(false);
  });
});
