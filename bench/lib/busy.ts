/**
 * Contention made on purpose: processes that each keep one core busy with an empty loop, as
 * another tenant of a shared (serverless) host would, started and stopped by the bench itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface BusyLoad {
  /** Kills the processes (safe to call twice). */
  stop(): void;
}

/** Starts `processes` busy loops; they are also killed if this process exits or is interrupted first. */
export function startBusyLoad(processes: number): BusyLoad {
  const children: ChildProcess[] = Array.from({ length: processes }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  const interrupted = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    process.off('exit', stop);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  };
  process.on('exit', stop);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  return { stop };
}
