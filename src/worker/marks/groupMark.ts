// A consumer group's mark, and the hot partition it may put on its topic. A group falls behind
// when it processes fewer records than arrive: all of it (too few members, or processing too
// dear), one member (its partitions carry more than it can take, often one hot partition), or
// none of it by its own fault (an outage: partitions with no leader cannot be read).
import { sourcesOf, targetsOf, type Pipeline } from '../../model';
import { busiestBroker, NEAR_CAPACITY, SATURATION_SEC, saturationText } from './brokerMark';
import { outageNow } from './outage';
import { fmt, mean, pct, sum, type SeriesWindow } from './window';

/** A reader processing this much less than arrives (over the window and its second half) is falling behind. */
export const DEFICIT_SHARE = 0.03;
/** A partition with at least this many times an even share of its topic's records is hot. */
export const HOT_FACTOR = 2;

export interface ReaderMarks {
  node?: string;
  /** A mark for the topic the reader reads (a hot partition). */
  topic?: string;
}

type Group = Pipeline['consumerGroups'][number];

interface Flow {
  inSum: number;
  outSum: number;
  inLate: number;
  outLate: number;
}

/** Whether `out` falls short of `in` over the whole window and over its second half. */
export function fallingBehind(f: Flow): boolean {
  const short = (i: number, o: number) => i - o > Math.max(10, DEFICIT_SHARE * i);
  return short(f.inSum, f.outSum) && short(f.inLate, f.outLate);
}

export function groupMarks(doc: Pipeline, g: Group, w: SeriesWindow): ReaderMarks {
  const topic = sourcesOf(doc, g.id)[0];
  const partitions = doc.topics.find((t) => t.id === topic)?.partitions ?? 0;
  if (!topic || w.length < 6) return {};
  // A group that starts later (startAtSec) is not marked until it has run a whole window.
  if (w.startsWithin(g.startAtSec ?? 0)) return {};
  const late = Math.floor(w.length / 2);
  const flow = (input: number[], output: number[]): Flow => ({
    inSum: sum(input),
    outSum: sum(output),
    inLate: sum(input.slice(late)),
    outLate: sum(output.slice(late)),
  });
  const appended = w.column(`${topic}.appended`);
  const consumed = w.column(`${g.id}.consumed`);
  if (!appended || !consumed) return {};
  const whole = flow(appended, consumed);
  const members = memberFlows(g, topic, partitions, w).map((m) => ({ ...m, flow: flow(m.input, m.output) }));
  const behind = members.filter((m) => fallingBehind(m.flow));
  if (!fallingBehind(whole) && behind.length === 0) return {};

  const lag = w.last(`${g.id}.lag`);
  const outage = outageNow(doc, w, [topic]);
  if (outage)
    return {
      node: `Outage: ${outage.text}. Lag is ${fmt(lag)} records; it comes from the outage, not from too few members, so more members would not help.`,
    };

  const seconds = w.length;
  if (behind.length > 0 && behind.length < members.length && behind.every((m) => m.owned.length > 0)) {
    // Some members keep up and some do not: what reaches the others is not the limit.
    const worst = behind.reduce((a, b) =>
      b.flow.inSum - b.flow.outSum > a.flow.inSum - a.flow.outSum ? b : a,
    );
    const total = sum(appended) / seconds;
    const rates = worst.owned.map((p) => ({ p, rate: sum(w.column(`${topic}.appended.p${p}`)) / seconds }));
    const hot = rates.reduce((a, b) => (b.rate > a.rate ? b : a), { p: -1, rate: 0 });
    const share = total > 0 ? hot.rate / total : 0;
    const even = partitions > 0 ? 1 / partitions : 1;
    const inRate = worst.flow.inSum / seconds;
    const outRate = worst.flow.outSum / seconds;
    const ownedLag = sum(worst.owned.map((p) => w.last(`${g.id}.lag.p${p}`)));
    const who = `Member ${worst.index + 1} of ${g.members}`;
    const head = `${who} cannot keep up: ${partitionList(worst.owned)} ${worst.owned.length === 1 ? 'receives' : 'receive'} about ${fmt(inRate)} records/s and it processes about ${fmt(outRate)}/s, so their lag keeps growing (${fmt(ownedLag)} records) while the other members have room.`;
    if (partitions > 1 && share >= HOT_FACTOR * even) {
      const times = (share / even).toFixed(1);
      const hint =
        hot.rate >= outRate
          ? 'A partition is read by one member only, so more members cannot split it: cheaper processing, or keys that spread over the partitions, would.'
          : `More members (up to ${partitions}, one per partition) would leave it fewer partitions beside the hot one.`;
      return {
        node: `${head} Partition ${hot.p} is hot: ${pct1(share)} of the records in ${topic} (${fmt(hot.rate)}/s, ${times} times an even share). ${hint}`,
        topic: `Partition ${hot.p} is hot: ${pct1(share)} of the records (${fmt(hot.rate)}/s, ${times} times an even share), more than member ${worst.index + 1} of ${g.id}, which reads it, can keep up with.`,
      };
    }
    return {
      node: `${head} Its partitions carry more than an even share; more members (up to ${partitions}) would spread them.`,
    };
  }

  const inRate = whole.inSum / seconds;
  const outRate = whole.outSum / seconds;
  const broker = busiestBroker(doc, w);
  const sink = busiestSink(doc, g.id, w);
  const client = memberMachineBound(g, w);
  const hint = sink
    ? sink
    : broker
      ? `the brokers are the limit: ${saturationText(broker)} busy`
      : client
        ? client
        : g.members >= partitions
          ? `it already has a consumer per partition, so more partitions (and members) or cheaper processing would help`
          : `more members (up to ${partitions}, one per partition) or cheaper processing would help`;
  return {
    node: `Lag keeps growing (${fmt(lag)} records): the topic receives about ${fmt(inRate)} records/s but the group processes only about ${fmt(outRate)}/s; ${hint}.`,
  };
}

/**
 * A sink the group writes to whose write limit is near its capacity: each member waits for its
 * writes before it polls again, so the sink sets the pace, whatever the members could do.
 */
function busiestSink(doc: Pipeline, groupId: string, w: SeriesWindow): string | undefined {
  const last = w.tail(SATURATION_SEC);
  if (last.length < SATURATION_SEC) return undefined;
  let worst: { id: string; busy: number; limit: number } | undefined;
  for (const id of targetsOf(doc, groupId)) {
    const sink = doc.sinks.find((s) => s.id === id);
    if (!sink || sink.maxRecordsPerSec <= 0) continue;
    const busy = mean(last.column(`${id}.busy`) ?? []);
    if (busy >= NEAR_CAPACITY && (!worst || busy > worst.busy))
      worst = { id, busy, limit: sink.maxRecordsPerSec };
  }
  return (
    worst &&
    `the sink ${worst.id} is the limit: it takes at most ${fmt(worst.limit)} writes/s and is ${pct(worst.busy)} busy, and the members wait for their writes (a faster sink, not more members, would help)`
  );
}

/**
 * The busiest member's own machine near its capacity: its network card, or its poll thread (the
 * consumer decoding what it fetched, then the application's processing) busy all the time.
 */
function memberMachineBound(g: Group, w: SeriesWindow): string | undefined {
  const last = w.tail(SATURATION_SEC);
  if (last.length < SATURATION_SEC) return undefined;
  const nic = mean(last.column(`${g.id}.clientNetworkIn`) ?? []);
  if (nic >= NEAR_CAPACITY)
    return `a member's machine is the limit: its network card is ${pct(nic)} busy receiving (members on more machines would read more)`;
  return undefined;
}

interface MemberFlow {
  index: number;
  /** Partitions it owns at the newest row. */
  owned: number[];
  /** Records that reached its partitions, and records it processed, per second. */
  input: number[];
  output: number[];
}

/**
 * Each member's input (its partitions' appends, by who owned them each second) and output. One
 * pass over the partitions per second, so a topic with thousands of partitions stays cheap.
 */
function memberFlows(g: Group, topic: string, partitions: number, w: SeriesWindow): MemberFlow[] {
  const out: MemberFlow[] = [];
  for (let k = 0; k < g.members; k++) {
    const output = w.column(`${g.id}.member${k}.processed`);
    if (!output) return [];
    out.push({ index: k, owned: [], input: output.map(() => 0), output });
  }
  for (let p = 0; p < partitions; p++) {
    const owner = w.column(`${g.id}.owner.p${p}`);
    const rate = w.column(`${topic}.appended.p${p}`);
    if (!owner || !rate) return [];
    owner.forEach((k, t) => {
      const m = out[k];
      if (m) m.input[t]! += rate[t]!;
    });
    out[owner[owner.length - 1]!]?.owned.push(p);
  }
  return out;
}

/** "partition 3", "partitions 0-3", "partitions 1, 4 and 7". */
function partitionList(ps: readonly number[]): string {
  if (ps.length === 1) return `its partition ${ps[0]!}`;
  const contiguous = ps.every((p, i) => i === 0 || p === ps[i - 1]! + 1);
  if (contiguous) return `its partitions ${ps[0]!}-${ps[ps.length - 1]!}`;
  return `its partitions ${ps.slice(0, -1).join(', ')} and ${ps[ps.length - 1]!}`;
}

/** A share as a percentage, one decimal below 10%. */
const pct1 = (share: number): string =>
  share < 0.1 ? `${(share * 100).toFixed(1)}%` : `${Math.round(share * 100)}%`;
