// The two measuring tools every benchmark here uses: a whole process timed from spawn to exit,
// and the median of samples.
import { spawnSync } from 'node:child_process';

export interface ProcessTiming {
  ms: number;
  status: number | null;
  output: string;
}

/** Runs `command` to its end and times it; `command` defaults to this Node. */
export function timeProcess(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; command?: string } = {},
): ProcessTiming {
  const start = process.hrtime.bigint();
  const res = spawnSync(options.command ?? process.execPath, args, {
    env: options.env,
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    status: res.status,
    output: `${res.stdout ?? ''}${res.stderr ?? ''}`,
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
