// A producer's mark: records refused, expired or piling up, and why: an outage, a request too
// large, its own machine (the thread calling send(), compressing or not; its network card), or the
// broker resource that is near its capacity.
import { targetsOf, type Pipeline } from '../../model';
import { PRODUCER_REGION_LOST, REFUSED_PRODUCER_DOWN } from '../../core/kafka/producer/producer';
import { busiestBroker, NEAR_CAPACITY, saturationText, SATURATION_SEC } from './brokerMark';
import { outageNow } from './outage';
import { fmt, mean, pct, sum, type SeriesWindow } from './window';

export type ReasonCounts = Record<string, number>;
export interface ProducerLedger {
  refused: ReasonCounts;
  dropped: ReasonCounts;
}

const SATURATED_CORE = 0.95;

export function producerMark(
  doc: Pipeline,
  id: string,
  w: SeriesWindow,
  ledger: ProducerLedger | undefined,
): string | undefined {
  const last3 = w.tail(3);
  const refused = sum(last3.column(`${id}.refused`));
  const dropped = sum(last3.column(`${id}.dropped`));
  const inFlight = w.column(`${id}.inFlight`);
  const produced = w.column(`${id}.produced`);
  let waiting = 0;
  let piling = false;
  if (inFlight && produced && inFlight.length >= 6) {
    const tail = inFlight.slice(-6);
    waiting = tail[tail.length - 1]!;
    piling = tail.every((v, i) => i === 0 || v > tail[i - 1]!) && waiting > mean(produced.slice(-5));
  }
  if (refused === 0 && dropped === 0 && !piling) return undefined;

  // The application itself is gone: the records it is given are refused whatever the brokers do.
  const why = refused > 0 ? largest(ledger?.refused) : undefined;
  const regionLost =
    why === PRODUCER_REGION_LOST.refused || (ledger?.dropped[PRODUCER_REGION_LOST.dropped] ?? 0) > 0;
  if (regionLost)
    return `Outage: its region is lost (regionFailover), and the application with it: the ${fmt(refused + dropped)} records it was given or held in the last 3 s were refused or dropped. Nothing in this run moves it to another region.`;
  if (why === REFUSED_PRODUCER_DOWN)
    return `Outage: the producer application is down (producerCrash): the ${fmt(refused)} records it was given in the last 3 s were refused. It passes when the application is back.`;

  const symptom =
    refused > 0
      ? `it refused ${fmt(refused)} records in the last 3 s (buffer.memory full)`
      : dropped > 0
        ? `${fmt(dropped)} records expired in the last 3 s (delivery.timeout.ms) before the brokers acknowledged them`
        : `records pile up in the producer (${fmt(waiting)} waiting, more every second)`;
  const outage = outageNow(doc, w, targetsOf(doc, id));
  if (outage)
    return `Outage: ${outage.text}. Meanwhile ${symptom}. This is not a capacity limit: it passes when leaders are elected or the brokers are back.`;

  if (refused > 0 && largest(ledger?.refused)?.includes('max.request.size'))
    return `Its records are larger than max.request.size, so Kafka refuses them (${fmt(refused)} in the last 3 s).`;
  const compressing = clientBound(doc, id, w);
  const broker = busiestBroker(doc, w);
  const cause = compressing
    ? compressing
    : broker
      ? `the brokers cannot take more: ${saturationText(broker)} busy`
      : 'the brokers acknowledge fewer records per second than it sends';
  if (refused > 0)
    return `It refused ${fmt(refused)} records in the last 3 s: buffer.memory is full because ${cause}.`;
  if (dropped > 0) return `${capitalise(symptom)}: ${cause}.`;
  return `Records pile up in the producer (${fmt(waiting)} waiting, more every second): ${cause}.`;
}

/**
 * Why the producer's own machine holds it back (undefined when it does not): the application
 * thread that calls send() (and compresses, with compression.type set) busy all the time for
 * SATURATION_SEC seconds, or its network card near its capacity.
 */
function clientBound(doc: Pipeline, id: string, w: SeriesWindow): string | undefined {
  const last = w.tail(SATURATION_SEC);
  if (last.length < SATURATION_SEC) return undefined;
  const busy = last.column(`${id}.sendThread`);
  if (busy && Math.min(...busy) >= SATURATED_CORE) {
    const producer = doc.producers.find((p) => p.id === id);
    // A cost measured on the real client (clientCostPerRecordUs) stands for all its send() work.
    const costUs = producer?.clientCostPerRecordUs;
    if (costUs !== undefined)
      return `the producer's application thread is busy all the time: its client cost of ${costUs} µs a record (clientCostPerRecordUs) lets it send at most ${fmt(1e6 / costUs)} records/s; more producers would send more`;
    const codec = producer?.config['compression.type'] ?? 'none';
    if (codec !== 'none') {
      const faster = codec === 'gzip' || codec === 'zstd' ? 'lz4 or snappy' : "'none'";
      return `compressing with ${codec} keeps the producer's application thread busy all the time, so batches leave more slowly than records arrive (${faster} would cost less CPU, for more bytes on the network and disk)`;
    }
    return "the producer's application thread is busy all the time calling send() (client CPU, a few microseconds a record): more producers, or a faster machine, would send more";
  }
  const nic = mean(last.column(`${id}.clientNetworkOut`) ?? []);
  if (nic >= NEAR_CAPACITY)
    return `the producer machine's network card is ${pct(nic)} busy: more producers on other machines would send more`;
  return undefined;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function largest(reasons: ReasonCounts | undefined): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const [reason, n] of Object.entries(reasons ?? {}))
    if (n > most) {
      best = reason;
      most = n;
    }
  return best;
}
