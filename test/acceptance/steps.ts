// What the acceptance tests share: a workflow step after a checkout, and reading outputs.
import type { GitSandbox, TestRepo } from '@exegol-actions/testkit/git';
import { runAction, type ActionRun, type EventSpec, type RunActionOptions } from '@exegol-actions/testkit/runner';

export interface Job {
  checkout: TestRepo;
  /** The workflow's GITHUB_REF and GITHUB_SHA. */
  ref: string;
  sha: string;
  event: EventSpec;
}

/**
 * A job's first step: the checkout of `checkoutRef` (or of a commit) as the workflow does it;
 * `ref`/`sha`/`event` are the run's context (a pull request's run checks out its merge ref).
 */
export async function startJob(sandbox: GitSandbox, remote: string, checkoutRef: string, context: { ref?: string; sha: string; event: EventSpec }): Promise<Job> {
  const checkout = await sandbox.checkout(remote, checkoutRef);
  return { checkout, ref: context.ref ?? checkoutRef, sha: context.sha, event: context.event };
}

/** A later step of the job: one of our actions, from its committed bundle. */
export function step(sandbox: GitSandbox, job: Job, action: string, options: Partial<RunActionOptions> = {}): Promise<ActionRun> {
  return runAction({ action, workspace: job.checkout.dir, ref: job.ref, sha: job.sha, event: job.event, env: sandbox.env(), ...options });
}

/** verify-version's `checks` output: check id → status. */
export function checks(run: ActionRun): Record<string, string> {
  return Object.fromEntries((JSON.parse(run.outputs.checks ?? '[]') as { id: string; status: string }[]).map((c) => [c.id, c.status]));
}

/** The `pull_request` (opened) event of a release pull request. */
export function pullRequestEvent(number: number, title: string, base: string, head = 'dev'): EventSpec {
  return { name: 'pull_request', action: 'opened', payload: { number, pull_request: { number, title, draft: false, base: { ref: base }, head: { ref: head } } } };
}
