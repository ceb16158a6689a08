import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Where the figures were measured: they mean little without it. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  nodeVersion: string;
  platform: string;
  totalMemoryGb: number;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAverageAtStart: number;
}

export function describeMachine(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    nodeVersion: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    totalMemoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}
