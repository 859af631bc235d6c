// What the image test files share and the docker module cannot hold because it imports Jest:
// the docker module also serves scripts and benchmarks that run outside Jest.
import { describe, expect, test } from '@jest/globals';
import type { ActionRun } from '../runner/index.ts';
import { dockerTestsMustRun, skipBanner } from './index.ts';

/**
 * The `describe` of a file's image tests. `notReady` says why they cannot run here (null when they
 * can): they skip with a banner, except under CI=true, where a failing test says why instead.
 */
export function describeImageTests(notReady: string | null): typeof describe.skip {
  if (notReady === null) return describe;
  if (dockerTestsMustRun()) {
    test('the Docker test environment is ready (CI=true: image tests must run)', () => {
      throw new Error(
        `Docker image tests cannot run under CI=true: ${notReady}. scripts/setup-docker.sh should have set it up.`,
      );
    });
  } else console.warn(skipBanner(notReady));
  return describe.skip;
}

/** The run succeeded without an error annotation; its log is printed when it did not. */
export function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) console.log(run.stdout, run.stderr);
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
}
