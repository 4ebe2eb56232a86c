// Broker hardware presets. The document stores the resolved numbers, so a shared link keeps
// meaning the same thing even if a preset is retuned in a later release.

export interface BrokerHardware {
  /** Label of the preset the numbers came from, if any (informational). */
  preset?: HardwarePresetName | undefined;
  /** CPU cores available to the broker's request handler threads. */
  cores: number;
  /** Sustained sequential disk write throughput, all disks together. */
  diskMBps: number;
  /** Network receive bandwidth. */
  networkInMBps: number;
  /** Network send bandwidth. */
  networkOutMBps: number;
  /** RAM, most of which Kafka leaves to the OS page cache. */
  memoryGB: number;
}

export const HARDWARE_PRESET_NAMES = ['commodity-2014', 'cloud-2024', 'laptop'] as const;
export type HardwarePresetName = (typeof HARDWARE_PRESET_NAMES)[number];

export const HARDWARE_PRESETS: Record<
  HardwarePresetName,
  Omit<BrokerHardware, 'preset'> & { label: string }
> = {
  // Six 7200 rpm SATA disks (~130 MB/s each sequential) and a single 1 GbE port (~117 MB/s usable).
  'commodity-2014': {
    label: '2014 commodity server: 6 cores, 6 x SATA HDD, 1 GbE, 32 GB',
    cores: 6,
    diskMBps: 800,
    networkInMBps: 117,
    networkOutMBps: 117,
    memoryGB: 32,
  },
  // 8 vCPU, two NVMe drives, "up to 25 Gbit/s" (~3 GB/s) burstable network, 64 GB.
  'cloud-2024': {
    label: 'Current cloud broker: 8 vCPU, 2 x NVMe, up to 25 Gb/s, 64 GB',
    cores: 8,
    diskMBps: 2000,
    networkInMBps: 3000,
    networkOutMBps: 3000,
    memoryGB: 64,
  },
  // A developer laptop: one SSD, Wi-Fi-class or loopback-shared networking.
  laptop: {
    label: 'Laptop: 4 cores, 1 SSD, shared 1 Gb/s, 16 GB',
    cores: 4,
    diskMBps: 500,
    networkInMBps: 110,
    networkOutMBps: 110,
    memoryGB: 16,
  },
};

export function hardwareFromPreset(name: HardwarePresetName): BrokerHardware {
  const { label: _label, ...numbers } = HARDWARE_PRESETS[name];
  return { preset: name, ...numbers };
}
