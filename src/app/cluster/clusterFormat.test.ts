import { describe, expect, it } from 'vitest';
import type { PartitionLive } from '../../worker/protocol';
import {
  brokerStateText,
  columnPoints,
  countStatuses,
  describeEvent,
  formatEventTime,
  formatUtil,
  niceAxisMax,
  partitionCount,
  partitionStatus,
  shortBrokerLabels,
  statusLine,
} from './clusterFormat';
import { emptyClusterEvents, mergeClusterEvents } from './clusterEventsStore';

const row = (over: Partial<PartitionLive>): PartitionLive => ({
  leader: 'b1',
  recordsPerSec: 0,
  lag: 0,
  replicas: ['b1', 'b2', 'b3'],
  isr: ['b1', 'b2', 'b3'],
  offline: false,
  ...over,
});

describe('partition states', () => {
  it('under-replicated when the ISR is shorter than the replicas; offline without a leader', () => {
    expect(partitionStatus(row({}))).toBe('ok');
    expect(partitionStatus(row({ isr: ['b2', 'b3'] }))).toBe('under-replicated');
    expect(partitionStatus(row({ isr: ['b1'], offline: true }))).toBe('offline');
    // An older engine's rows without replicas are not guessed at.
    expect(partitionStatus({ leader: 'b1', recordsPerSec: 0, lag: 0 })).toBe('ok');
  });

  it('counts each partition once, offline before under-replicated', () => {
    const c = countStatuses([
      row({}),
      row({ isr: ['b2'] }),
      row({ isr: ['b1', 'b3'] }),
      row({ offline: true, isr: ['b1'] }),
    ]);
    expect(c).toEqual({ partitions: 4, underReplicated: 2, offline: 1 });
    expect(statusLine(c)).toBe('2 under-replicated, 1 offline');
  });
});

describe('axes', () => {
  it('a broker at 3% gets a 0-5% axis, not 0-100%', () => {
    expect(niceAxisMax(0.03)).toBeCloseTo(0.05, 12);
    expect(niceAxisMax(0.031)).toBeCloseTo(0.05, 12);
    expect(niceAxisMax(0.019)).toBeCloseTo(0.02, 12);
    expect(niceAxisMax(0.021)).toBeCloseTo(0.025, 12);
    expect(niceAxisMax(0.6)).toBeCloseTo(1, 12);
    expect(niceAxisMax(1)).toBeCloseTo(1, 12);
    // A saturated resource can read above 1 (queueing): the axis grows with it.
    expect(niceAxisMax(1.3)).toBeCloseTo(2, 12);
    // Idle: a small floor, so an empty chart still has an axis.
    expect(niceAxisMax(0)).toBeCloseTo(0.001, 12);
  });

  it('formats utilisation with the digits it needs', () => {
    expect(formatUtil(0.05)).toBe('5%');
    expect(formatUtil(0.034)).toBe('3.4%');
    expect(formatUtil(0.0005)).toBe('0.05%');
    expect(formatUtil(0.25)).toBe('25%');
    expect(formatUtil(0)).toBe('0%');
    expect(formatUtil(0.00001)).toBe('<0.01%');
  });

  it('downsamples a column keeping each bucket peak and its last second', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [i + 1, i === 3 ? 0.9 : 0.1]);
    expect(columnPoints(rows, 1, 5)).toEqual([
      { t: 2, v: 0.1 },
      { t: 4, v: 0.9 },
      { t: 6, v: 0.1 },
      { t: 8, v: 0.1 },
      { t: 10, v: 0.1 },
    ]);
    expect(columnPoints(rows, 1, 20)).toHaveLength(10);
    expect(columnPoints(rows, undefined, 5)).toEqual([]);
  });
});

describe('event texts and times', () => {
  it('times to the millisecond, minutes from 60 s on', () => {
    expect(formatEventTime(39_300)).toBe('39.300 s');
    expect(formatEventTime(72_067.3)).toBe('1:12.067');
    expect(formatEventTime(3_725_500)).toBe('1:02:05.500');
  });

  it("names a producer's own troubles: which timeout, how many requests, the buffer", () => {
    const closed = (why: 'timeout' | 'reset' | 'blockedWrite', requests: number) =>
      describeEvent({ kind: 'clientDisconnected', atMs: 1, client: 'checkout', broker: 'b1', why, requests });
    expect(closed('timeout', 5)).toMatchObject({
      what: 'Request timeout',
      subject: 'checkout',
      detail:
        'no answer from b1 for request.timeout.ms: connection closed, 5 requests retried where the leaders are now',
      tone: 'bad',
    });
    expect(closed('reset', 1).detail).toBe(
      "b1's machine reset the connection: 1 request failed at once, retried where the leaders are now",
    );
    expect(closed('blockedWrite', 0).what).toBe('Write timeout');
    expect(describeEvent({ kind: 'producerBlocked', atMs: 1, client: 'checkout' })).toMatchObject({
      what: 'Buffer full',
      detail: expect.stringContaining('max.block.ms'),
    });
    expect(describeEvent({ kind: 'producerUnblocked', atMs: 1, client: 'checkout' }).tone).toBe('good');
  });

  it('says what changed, from and to', () => {
    expect(
      describeEvent({
        kind: 'leaderElected',
        atMs: 1,
        topic: 'orders',
        partition: 3,
        from: 'b1',
        to: 'b2',
        unclean: false,
      }),
    ).toMatchObject({ what: 'Leader election', subject: 'orders-3', detail: 'leader b1 → b2', tone: 'info' });
    expect(
      describeEvent({
        kind: 'isrShrink',
        atMs: 1,
        topic: 'orders',
        partition: 0,
        from: ['b1', 'b2', 'b3'],
        to: ['b2', 'b3'],
      }),
    ).toMatchObject({
      what: 'ISR shrink',
      subject: 'orders-0',
      detail: 'ISR [b1,b2,b3] → [b2,b3]',
      tone: 'bad',
    });
    const short = (id: string) => id.slice(1);
    expect(
      describeEvent(
        { kind: 'isrExpand', atMs: 1, topic: 't', partition: 0, from: ['b2'], to: ['b1', 'b2'] },
        short,
      ),
    ).toMatchObject({ subject: 't-0', detail: 'ISR [2] → [1,2]', tone: 'good' });
    expect(describeEvent({ kind: 'brokerDown', atMs: 1, broker: 'b1', mode: 'processKilled' }).what).toBe(
      'Process killed',
    );
    expect(describeEvent({ kind: 'brokerDown', atMs: 1, broker: 'b1', mode: 'hostLost' }).what).toBe(
      'Host lost',
    );
    expect(
      describeEvent({ kind: 'brokerCut', atMs: 1, broker: 'b1', fromBrokers: false, fromClients: false }),
    ).toMatchObject({ what: 'Cut healed', tone: 'good' });
  });

  it('broker states in words', () => {
    expect(brokerStateText(undefined)).toBe('no run yet');
    const load = { cpu: 0, networkIn: 0, networkOut: 0, disk: 0 };
    expect(brokerStateText({ ...load, state: 'processKilled', fenced: true })).toBe('process killed, fenced');
    expect(brokerStateText({ ...load, state: 'up', cut: 'brokers' })).toBe('up, cut off from brokers');
    expect(brokerStateText({ ...load, state: 'restarting', fenced: true })).toBe('restarting, fenced');
  });

  it('broker ids as numbers when they share one prefix', () => {
    const short = shortBrokerLabels(['broker-1', 'broker-2', 'broker-10']);
    expect(short.prefix).toBe('broker-');
    expect(short.label('broker-10')).toBe('10');
    const mixed = shortBrokerLabels(['broker-1', 'kafka-2']);
    expect(mixed.prefix).toBe('');
    expect(mixed.label('kafka-2')).toBe('kafka-2');
    expect(shortBrokerLabels(['alpha', 'beta']).label('alpha')).toBe('alpha');
  });

  it('broker ids as letters or short names after a shared prefix, and whole when a rest is long', () => {
    const letters = shortBrokerLabels(['broker-a', 'broker-b', 'broker-c']);
    expect(letters.prefix).toBe('broker-');
    expect(['broker-a', 'broker-b', 'broker-c'].map(letters.label)).toEqual(['a', 'b', 'c']);
    expect(shortBrokerLabels(['eu_w1', 'eu_w2']).label('eu_w2')).toBe('w2');
    // A rest of more than four characters is a name worth reading whole.
    expect(shortBrokerLabels(['kafka-east', 'kafka-westside']).prefix).toBe('');
    // The prefix runs to the last separator of the first id: both must share it.
    expect(shortBrokerLabels(['a-b-1', 'a-c-2']).prefix).toBe('');
  });
});

describe('gathering events from frames', () => {
  const ev = (atMs: number) => ({ kind: 'brokerFenced' as const, atMs, broker: 'b1' });

  it('appends what follows, counts what was never received, and starts over for a new run', () => {
    let s = mergeClusterEvents(emptyClusterEvents, { first: 0, total: 2, events: [ev(1), ev(2)] });
    expect(s.events.map((e) => e.atMs)).toEqual([1, 2]);
    const same = mergeClusterEvents(s, { first: 2, total: 2, events: [] });
    expect(same).toBe(s);
    s = mergeClusterEvents(s, { first: 5, total: 6, events: [ev(6)] });
    expect(s).toMatchObject({ next: 6, missed: 3 });
    expect(s.events.map((e) => e.atMs)).toEqual([1, 2, 6]);
    // Numbered from below what the page has: another run.
    s = mergeClusterEvents(s, { first: 0, total: 1, events: [ev(9)] });
    expect(s).toEqual({ events: [ev(9)], next: 1, missed: 0 });
  });

  it('keeps the newest `keep`', () => {
    let s = emptyClusterEvents;
    for (let i = 0; i < 5; i++) s = mergeClusterEvents(s, { first: i, total: i + 1, events: [ev(i)] }, 3);
    expect(s.events.map((e) => e.atMs)).toEqual([2, 3, 4]);
    expect(s.next).toBe(5);
  });
});

describe('partition count of a topic', () => {
  it("is the document's before a run (or when it cannot run), the run's rows once there are any", () => {
    expect(partitionCount({ partitions: 6, rows: undefined })).toBe(6);
    expect(partitionCount({ partitions: 6, rows: [] })).toBe(6);
    // Partitions added during the run show as rows.
    expect(partitionCount({ partitions: 6, rows: Array.from({ length: 8 }, () => row({})) })).toBe(8);
  });
});
