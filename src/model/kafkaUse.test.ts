import { describe, expect, it } from 'vitest';
import { usesKafka } from './kafkaUse';

describe('usesKafka', () => {
  it('is false only for receiver sources without a topic', () => {
    expect(usesKafka({ topics: [], sparkSources: [{}] })).toBe(false);
    expect(usesKafka({ topics: [{}], sparkSources: [{}] })).toBe(true);
    expect(usesKafka({ topics: [{}], sparkSources: [] })).toBe(true);
    // An empty document: the designer starts from the cluster.
    expect(usesKafka({ topics: [], sparkSources: [] })).toBe(true);
  });
});
