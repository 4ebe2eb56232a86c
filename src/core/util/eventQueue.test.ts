import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue';
import { Rng } from './rng';

interface Ev {
  time: number;
  seq: number;
  id: number;
}

const ev = (time: number, id: number): Ev => ({ time, seq: -1, id });

describe('EventQueue', () => {
  it('is empty initially', () => {
    const q = new EventQueue<Ev>();
    expect(q.size).toBe(0);
    expect(q.pop()).toBeUndefined();
    expect(q.peek()).toBeUndefined();
    expect(q.peekTime()).toBe(Infinity);
    expect(q.nextSeq).toBe(0);
  });

  it('pops in time order', () => {
    const q = new EventQueue<Ev>();
    [5, 1, 4, 2, 3, 0].forEach((t, i) => q.push(ev(t, i)));
    expect(q.size).toBe(6);
    expect(q.peekTime()).toBe(0);
    const times: number[] = [];
    for (let e = q.pop(); e; e = q.pop()) times.push(e.time);
    expect(times).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('pops equal times in insertion order and stamps seq', () => {
    const q = new EventQueue<Ev>();
    for (let i = 0; i < 20; i++) q.push(ev(i % 2 === 0 ? 1 : 2, i));
    expect(q.nextSeq).toBe(20);
    const ids: number[] = [];
    for (let e = q.pop(); e; e = q.pop()) {
      expect(e.seq).toBe(e.id);
      ids.push(e.id);
    }
    expect(ids).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
  });

  it('clear empties the queue but keeps seqs increasing', () => {
    const q = new EventQueue<Ev>();
    q.push(ev(1, 0));
    q.push(ev(2, 1));
    q.clear();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    const e = ev(0, 2);
    q.push(e);
    expect(e.seq).toBe(2);
  });

  it('matches a sorted reference under interleaved push/pop on random data', () => {
    const rng = new Rng(2024);
    const q = new EventQueue<Ev>();
    const reference: Ev[] = [];
    let id = 0;
    const byTimeSeq = (a: Ev, b: Ev) => a.time - b.time || a.seq - b.seq;
    for (let step = 0; step < 20_000; step++) {
      if (rng.next() < 0.55 || reference.length === 0) {
        // Few distinct times, so ties are common and FIFO order is exercised.
        const e = ev(rng.uniformInt(50), id++);
        q.push(e);
        reference.push(e);
        reference.sort(byTimeSeq);
      } else {
        const expected = reference.shift();
        expect(q.peek()).toBe(expected);
        expect(q.pop()).toBe(expected);
      }
      expect(q.size).toBe(reference.length);
    }
    const rest: Ev[] = [];
    for (let e = q.pop(); e; e = q.pop()) rest.push(e);
    expect(rest).toEqual(reference);
  });

  it('handles a large number of events', () => {
    const rng = new Rng(5);
    const q = new EventQueue<Ev>();
    const n = 200_000;
    for (let i = 0; i < n; i++) q.push(ev(rng.next() * 1000, i));
    expect(q.size).toBe(n);
    let prevTime = -Infinity;
    let prevSeq = -1;
    let count = 0;
    let outOfOrder = 0;
    for (let e = q.pop(); e; e = q.pop()) {
      if (!(e.time > prevTime || (e.time === prevTime && e.seq > prevSeq))) outOfOrder++;
      prevTime = e.time;
      prevSeq = e.seq;
      count++;
    }
    expect(count).toBe(n);
    expect(outOfOrder).toBe(0);
  });
});
