/**
 * Gateways and subgraphs each run in their own child process; the parent reads one ready line.
 * Every child runs with NODE_ENV=production, as a served gateway would (graphql-js then skips its
 * development-only checks).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  info: Record<string, unknown>;
  stop(): void;
}

/**
 * The V8 flags `npm start` and the Dockerfile give the gateway (package.json, Dockerfile): every
 * Doelpoort child of the bench runs with them, as deployed; the peers run with Node's defaults.
 * A young generation of 32 MB semi-spaces: a request's short-lived objects (partner answers, the
 * response) mostly die young, and garbage collection fell from ~24 % to ~18 % of the gateway's
 * CPU in workload 1 (bench/cpu.ts doelpoort-policy with --cpu-prof; 16 MB is Node 20's default;
 * 64 MB gave ~14 % but ~80 MiB more RSS at ready and ~150 MiB more after load, docs/operations.md).
 */
export const DOELPOORT_NODE_ARGS = ['--max-semi-space-size=32'];

export async function startChild(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s`)), 120_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
  lines.on('line', () => {});
  return { name, process: child, info, stop: () => void child.kill('SIGKILL') };
}

/** Peak resident set size of a process in MiB (VmHWM from /proc). */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** CPU time (user + system) a process has used so far, all its threads, in ms (from /proc; 100 ticks per second). */
export function cpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** CPU time a process's main thread (its event loop) has used so far, in ms. */
export function mainThreadCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

function statCpuMs(file: string): number {
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
