import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../core/paths.js';
import { freePort } from '../core/net.js';
export { freePort };

export interface Service {
  name: string;
  port: number;
  process: ChildProcess;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  /** Peak resident memory (VmHWM) in MiB. */
  peakMemoryMiB(): number;
  /** Resident memory now (VmRSS) in MiB. */
  memoryMiB(): number;
  stop(): Promise<void>;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * Starts one of the hub's entry points (e.g. `subgraphs/tax/main.ts`) as its own Node process, as
 * production runs it, and waits for its /health endpoint.
 */
export async function startService(
  name: string,
  entry: string,
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<Service> {
  // BENCH_PROFILE=<service name> writes a V8 CPU profile of that process to bench/profiles/ when it stops.
  const profile = process.env.BENCH_PROFILE === name ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env, HUB_LOG: 'silent', HUB_JOBS: 'off' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let waited = 0; ; waited += 100) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    if (waited > 60_000) throw new Error(`${name} did not become healthy in 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const proc = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
  return {
    name,
    port,
    process: child,
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name) are utime and stime.
      const fields = proc('stat').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    peakMemoryMiB: () => Number(/VmHWM:\s+(\d+)/.exec(proc('status'))?.[1] ?? 0) / 1024,
    memoryMiB: () => Number(/VmRSS:\s+(\d+)/.exec(proc('status'))?.[1] ?? 0) / 1024,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
