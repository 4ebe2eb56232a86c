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
export function coresOf(name: string, hw: BrokerHardware, track = true): ServerPool {
  return new ServerPool(name, hw.cores, { afterMs: hw.cpuSleepAfterMs, costMs: hw.cpuWakeMs }, track);
}

export class Host {
  readonly cpu: ServerPool;
  readonly nicIn: FifoResource;
  readonly nicOut: FifoResource;
  /** CPU cycles one core does per ms. */
  readonly cyclesPerMs: number;
  /** Threads of the clients on this machine: while they are no more than its cores, none waits for one. */
  threads = 0;

  constructor(
    readonly id: string,
    readonly hardware: BrokerHardware,
  ) {
    // No reading samples a client machine's cores (its threads' and cards' are), so they keep no log.
    this.cpu = coresOf(`${id}.cpu`, hardware, false);
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
    host.threads++;
  }

  /** Runs `cycles` of work from `now` (after what the thread already has); returns when it is done. */
  run(now: number, cycles: number): number {
    const host = this.host;
    const ms = cycles / host.cyclesPerMs;
    if (host.threads > host.hardware.cores) return reserveThreadAndCore(this.pool, host.cpu, now, ms);
    // A core for every thread: only the thread's own queue (and its core's wake-up) can delay it.
    const freeAt = this.pool.nextFreeAt;
    let start = now > freeAt ? now : freeAt;
    const wake = host.cpu.wake;
    if (wake && start - freeAt > wake.afterMs) start += wake.costMs;
    return this.pool.reserve(start, ms);
  }

  /** When the thread is free of the work queued so far. */
  get freeAt(): number {
    return this.pool.nextFreeAt;
  }
}
