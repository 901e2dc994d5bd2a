/** The facts recorded with every result: the machine, Node and the commit measured. */
import { execSync } from 'node:child_process';
import { availableParallelism, cpus, platform, arch, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  v8: string;
}

export function machineFacts(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
  };
}

/** The commit the code comes from, and whether the work tree had changes (then the commit is approximate). */
export function sourceRevision(cwd: string): { commit: string; dirty: boolean } {
  try {
    const commit = execSync('git rev-parse --short HEAD', { cwd, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- bench ts crates', { cwd, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}
