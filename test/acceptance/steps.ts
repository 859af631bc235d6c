// What the acceptance tests share: a job's steps after the real actions/checkout, and reading
// outputs.
import type { Checkout, CheckoutOptions, GitSandbox } from '@exegol-actions/testkit/git';
import type { GitHubDouble } from '@exegol-actions/testkit/github-double';
import { runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';

/** A job's first step: the real actions/checkout of `ref` (the templates' pin unless told). */
export function startJob(
  sandbox: GitSandbox,
  remote: string,
  ref: string,
  options: CheckoutOptions = {},
): Promise<Checkout> {
  return sandbox.checkout(remote, ref, options);
}

/**
 * A later step of the same job: one of our actions, from its committed bundle, with the run's
 * context; `api` points the GitHub API at the double, which knows the job's token.
 */
export function step(
  job: Checkout,
  action: string,
  options: Partial<RunActionOptions> & { api?: GitHubDouble } = {},
): Promise<ActionRun> {
  const { api, ...rest } = options;
  return runAction({ ...job.step(), action, ...(api ? { apiUrl: api.url } : {}), ...rest });
}

/** verify-version's `checks` output: check id → status. */
export function checks(run: ActionRun): Record<string, string> {
  return Object.fromEntries(
    (JSON.parse(run.outputs.checks ?? '[]') as { id: string; status: string }[]).map((c) => [c.id, c.status]),
  );
}
