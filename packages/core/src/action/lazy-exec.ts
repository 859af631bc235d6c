// Stand-in for @actions/exec inside @actions/core (see scripts/build.mjs): @actions/core uses it
// only in getDetails() for OS information. @actions/exec and @actions/io load at that first call
// instead of at process start.
import type * as Exec from '@actions/exec';

export async function getExecOutput(
  ...args: Parameters<typeof Exec.getExecOutput>
): ReturnType<typeof Exec.getExecOutput> {
  return (await import('@actions/exec')).getExecOutput(...args);
}

export async function exec(...args: Parameters<typeof Exec.exec>): ReturnType<typeof Exec.exec> {
  return (await import('@actions/exec')).exec(...args);
}
