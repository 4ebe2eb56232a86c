// A machine: its cores, its network card (in and out) and its clock. Brokers have one each; so do
// the clients (producers, consumer group members), which may share one (cluster.hosts).
import type { BrokerHardware } from '../../model';
import { FifoResource, ServerPool, reserveThreadAndCore } from './resource';

const MB = 1_000_000;

/** A network card's direction as a link: bytes per ms, with burst credits for "up to" cloud cards. */
export function networkLink(name: string, peakMBps: number, hw: BrokerHardware): FifoResource {
  const peakPerMs = (peakMBps * MB) / 1000;
  const baseline = hw.networkBaselineMBps;
  if (baseline === undefined || hw.networkBurstSec === undefined || baseline >= peakMBps)
    return new FifoResource(name, peakPerMs);
  const baselinePerMs = (baseline * MB) / 1000;
  return new FifoResource(name, peakPerMs, {
    baselinePerMs,
    capacity: (peakPerMs - baselinePerMs) * hw.networkBurstSec * 1000,
  });
}

/** A machine's cores, which sleep when idle as its hardware says (cpuWakeMs, cpuSleepAfterMs). */
export function coresOf(name: string, hw: BrokerHardware): ServerPool {
  return new ServerPool(name, hw.cores, { afterMs: hw.cpuSleepAfterMs, costMs: hw.cpuWakeMs });
}

export class Host {
  readonly cpu: ServerPool;
  readonly nicIn: FifoResource;
  readonly nicOut: FifoResource;
  /** CPU cycles one core does per ms. */
  readonly cyclesPerMs: number;

  constructor(
    readonly id: string,
    readonly hardware: BrokerHardware,
  ) {
    this.cpu = coresOf(`${id}.cpu`, hardware);
    this.nicIn = networkLink(`${id}.networkIn`, hardware.networkInMBps, hardware);
    this.nicOut = networkLink(`${id}.networkOut`, hardware.networkOutMBps, hardware);
    this.cyclesPerMs = hardware.cpuGHz * 1e6;
  }
}

/** One thread of a process on a host: its work runs in order, each piece on one of the host's cores. */
export class HostThread {
  readonly pool: ServerPool;

  constructor(
    readonly host: Host,
    name: string,
  ) {
    this.pool = new ServerPool(name, 1);
  }

  /** Runs `cycles` of work from `now` (after what the thread already has); returns when it is done. */
  run(now: number, cycles: number): number {
    return reserveThreadAndCore(this.pool, this.host.cpu, now, cycles / this.host.cyclesPerMs);
  }

  /** When the thread is free of the work queued so far. */
  get freeAt(): number {
    return this.pool.nextFreeAt;
  }
}
