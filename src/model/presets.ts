// Hardware presets, for brokers and for the machines clients run on. The document stores the
// resolved numbers, so a shared link keeps meaning the same thing even if a preset is retuned in a
// later release.

export interface BrokerHardware {
  /** Label of the preset the numbers came from, if any (informational). */
  preset?: HardwarePresetName | undefined;
  /** CPU cores (or vCPUs) of the machine. */
  cores: number;
  /**
   * Clock of one core in GHz. The engine's CPU costs are counted in cycles of a server core of the
   * 2014-2024 generations (see costs.ts) and take cycles / GHz of time; differences in work done per
   * cycle between generations are left out.
   */
  cpuGHz: number;
  /**
   * A core left idle longer than `cpuSleepAfterMs` drops into its deepest idle state, and the next
   * work on it waits `cpuWakeMs` for it to come out (the idle state's exit latency, as the OS idle
   * driver lists it). Busy machines never pay it; lightly loaded ones pay it at every hop, which is
   * why a quiet cluster's latency is higher than its wires alone explain. 0: never sleeps.
   */
  cpuWakeMs: number;
  cpuSleepAfterMs: number;
  /** Sustained sequential disk write throughput, all disks together. */
  diskMBps: number;
  /**
   * What one fsync costs beyond writing the data: the disk must confirm the write is durable. About
   * a rotation plus a short seek on a 7200 rpm disk (8 ms), a flush of a write cache on SSDs.
   */
  diskFsyncMs: number;
  /** Network receive bandwidth (the peak, for a cloud instance whose network bursts). */
  networkInMBps: number;
  /** Network send bandwidth (the peak, likewise). */
  networkOutMBps: number;
  /**
   * Cloud instances sold as "up to N Gb/s" sustain only a baseline; above it they spend burst
   * credits, earned while below it. Absent: the peak is sustained (a dedicated NIC).
   */
  networkBaselineMBps?: number | undefined;
  /** How long full burst credits last at the peak, in seconds. */
  networkBurstSec?: number | undefined;
  /** RAM, most of which Kafka leaves to the OS page cache. */
  memoryGB: number;
  /**
   * What the machine costs per hour to run (US dollars, on-demand), for the what-if cost figures.
   * Absent: the preset's price when `preset` names one, else an estimate from the cores (see
   * `hardwarePricePerHour`).
   */
  pricePerHour?: number | undefined;
  /**
   * US dollars per GB crossing from one zone (broker.rack) to another. Absent: the preset's, else 0
   * (`hardwareCrossZonePricePerGB`).
   */
  crossZonePricePerGB?: number | undefined;
  /**
   * Tiered storage: the object store this broker copies segments to and reads old data back from.
   * A figure left out is the preset's, else the cloud preset's (`hardwareObjectStorage`).
   */
  objectStorage?: Partial<ObjectStorage> | undefined;
}

/** An object store as one broker sees it (tiered storage, `remote.storage.enable`). */
export interface ObjectStorage {
  /** MB/s between this broker and the store, in each direction (uploads and reads queue apart). */
  mbps: number;
  /** Time to the first byte of a read (a GET), paid by every remote read before its bytes flow. */
  firstByteMs: number;
  /** US dollars per GB stored for a month (one copy: the store keeps its own redundancy). */
  pricePerGBMonth: number;
}

export const HARDWARE_PRESET_NAMES = ['commodity-2014', 'cloud-2024', 'laptop'] as const;
export type HardwarePresetName = (typeof HARDWARE_PRESET_NAMES)[number];

export const HARDWARE_PRESETS: Record<
  HardwarePresetName,
  Omit<BrokerHardware, 'preset' | 'objectStorage'> & { label: string; objectStorage: ObjectStorage }
> = {
  // The machines of Kreps's 2014 benchmark (calibration-set.md): a 6-core 2.5 GHz Xeon, six 7200 rpm
  // SATA disks (~135 MB/s each sequential, 822 MB/s measured in all) and a single 1 GbE port: 125 MB/s
  // on the wire, about 117 MB/s of TCP payload once Ethernet, IP and TCP headers are paid.
  'commodity-2014': {
    label: '2014 commodity server: 6 cores at 2.5 GHz, 6 x SATA HDD, 1 GbE, 32 GB',
    cores: 6,
    cpuGHz: 2.5,
    // A 6-core 2.5 GHz Sandy Bridge-EP: its C6 state exits in 104 us and is chosen for idle periods
    // expected to last 345 us or more (Linux intel_idle's table for the generation).
    cpuWakeMs: 0.104,
    cpuSleepAfterMs: 0.345,
    diskMBps: 800,
    diskFsyncMs: 8,
    networkInMBps: 117,
    networkOutMBps: 117,
    memoryGB: 32,
    // Renting such a box today: a small dedicated server of that class (6 cores, six disks, 32 GB)
    // goes for a couple of hundred dollars a month in hosting catalogues, about $0.30 an hour.
    pricePerHour: 0.3,
    // An S3-compatible store in the same racks (Ceph or MinIO on disk servers), reached through the
    // same 1 GbE port; its cost is our rough estimate of disks kept three times over, amortised.
    objectStorage: { mbps: 100, firstByteMs: 15, pricePerGBMonth: 0.01 },
  },
  // An 8 vCPU, 64 GB instance of the network-enhanced memory-optimised kind, with local NVMe, sold as
  // "up to 25 Gb/s": 25 Gb/s (3,100 MB/s of payload) while burst credits last, a baseline of 8.125
  // Gb/s (about 1,000 MB/s) after. How long the credits last is not published; providers say minutes
  // to an hour, we take 10 minutes. The ordinary memory-optimised kind of the same size is sold as
  // "up to 12.5 Gb/s" with about a third of that baseline: to size a cluster on that kind, set the
  // brokers' hardware.network* fields in their inspector.
  'cloud-2024': {
    label:
      'Current cloud broker: 8 vCPU at 3.0 GHz, local NVMe, network-enhanced: up to 25 Gb/s (8.1 Gb/s baseline), 64 GB',
    cores: 8,
    cpuGHz: 3.0,
    // Virtual CPUs idle by halting; waking one takes an interrupt through the hypervisor and a
    // reschedule of the vCPU, some tens of microseconds.
    cpuWakeMs: 0.03,
    cpuSleepAfterMs: 0.1,
    diskMBps: 2000,
    diskFsyncMs: 0.1,
    networkInMBps: 3100,
    networkOutMBps: 3100,
    networkBaselineMBps: 1000,
    networkBurstSec: 600,
    memoryGB: 64,
    // On-demand list prices of 8 vCPU / 64 GB memory-optimised instances with local NVMe sit around
    // $0.55-0.75 an hour at the big cloud providers (US regions); we take the middle.
    pricePerHour: 0.65,
    // Clouds bill traffic between availability zones in each direction, about $0.01 per GB going
    // out of one zone and $0.01 coming into the other: $0.02 for each GB that crosses.
    crossZonePricePerGB: 0.02,
    // A bucket of the same provider and region: standard storage lists at about $0.023 per
    // GB-month; a GET's first byte comes after some tens of milliseconds; one instance sustains a
    // few hundred MB/s to the store over several connections.
    objectStorage: { mbps: 400, firstByteMs: 30, pricePerGBMonth: 0.023 },
  },
  // A developer laptop: one SSD, Wi-Fi-class or loopback-shared networking.
  laptop: {
    label: 'Laptop: 4 cores at 2.8 GHz, 1 SSD, shared 1 Gb/s, 16 GB',
    cores: 4,
    cpuGHz: 2.8,
    // Laptop cores sleep deep to save power: exits of some 200 us after a millisecond idle.
    cpuWakeMs: 0.2,
    cpuSleepAfterMs: 0.8,
    diskMBps: 500,
    diskFsyncMs: 0.5,
    networkInMBps: 110,
    networkOutMBps: 110,
    memoryGB: 16,
    // Roughly what a 4 vCPU / 16 GB general-purpose cloud instance lists at on demand.
    pricePerHour: 0.17,
    // A cloud bucket reached over a home or office internet link.
    objectStorage: { mbps: 25, firstByteMs: 60, pricePerGBMonth: 0.023 },
  },
};

/**
 * Price per hour of a machine when neither the document nor a preset gives one: a general-purpose
 * cloud instance costs about five cents per vCPU-hour on demand (memory included at 4 GB a vCPU).
 */
export const PRICE_PER_CORE_HOUR = 0.05;

/** The hourly price of a machine: its own `pricePerHour`, else its preset's, else by its cores. */
export function hardwarePricePerHour(h: Pick<BrokerHardware, 'preset' | 'cores' | 'pricePerHour'>): number {
  if (h.pricePerHour !== undefined) return h.pricePerHour;
  if (h.preset !== undefined) return HARDWARE_PRESETS[h.preset].pricePerHour ?? h.cores * PRICE_PER_CORE_HOUR;
  return h.cores * PRICE_PER_CORE_HOUR;
}

/** Dollars per GB between zones: the machine's own, else its preset's, else 0 (one's own racks). */
export function hardwareCrossZonePricePerGB(
  h: Pick<BrokerHardware, 'preset' | 'crossZonePricePerGB'>,
): number {
  if (h.crossZonePricePerGB !== undefined) return h.crossZonePricePerGB;
  if (h.preset !== undefined) return HARDWARE_PRESETS[h.preset].crossZonePricePerGB ?? 0;
  return 0;
}

/** The object store a broker uses: each figure its own, else its preset's, else the cloud preset's. */
export function hardwareObjectStorage(h: Pick<BrokerHardware, 'preset' | 'objectStorage'>): ObjectStorage {
  const preset = h.preset !== undefined ? HARDWARE_PRESETS[h.preset].objectStorage : undefined;
  const base = preset ?? HARDWARE_PRESETS['cloud-2024'].objectStorage;
  const own = h.objectStorage ?? {};
  return {
    mbps: own.mbps ?? base.mbps,
    firstByteMs: own.firstByteMs ?? base.firstByteMs,
    pricePerGBMonth: own.pricePerGBMonth ?? base.pricePerGBMonth,
  };
}

export function hardwareFromPreset(name: HardwarePresetName): BrokerHardware {
  // The prices (and the object store's figures) are not copied: a machine without its own follows its preset's current ones.
  const {
    label: _label,
    pricePerHour: _price,
    crossZonePricePerGB: _crossZone,
    objectStorage: _objectStorage,
    ...numbers
  } = HARDWARE_PRESETS[name];
  return { preset: name, ...numbers };
}
