// The docs template's jobs on Exegol-docs' real history (docs.bundle): main at a real
// `PIPELINE: tools list for …` commit, the branches that follow it placed at real older commits,
// dev-wrapper with a page of its own (the case where Exegol's automerger makes a merge commit,
// 13 times so far). `sync-branches` runs once per branch, as its matrix does, after a pull
// request into main was merged (pull_request_target), with the real actions/checkout v7 and
// sync-submodules from its bundle; `build` runs its credentials gate for real.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exegolRemote, type ExegolRemote } from '@exegol-actions/testkit/fixtures';
import { CheckoutFailed, GitSandbox, type SandboxPullRequest } from '@exegol-actions/testkit/git';
import { repoRoot } from '@exegol-actions/testkit/runner';
import { runJob, type JobResult } from '@exegol-actions/testkit/workflows';

const TEMPLATE = path.join(repoRoot, 'workflows-templates/docs.yml');
const REPOSITORY = 'ThePorgs/Exegol-docs';
const FOLLOWERS = ['dev', 'dev-wrapper', 'dev-images'] as const;

/** What runs here and what does not, for the build job. */
const BUILD_NOT_RUN = {
  'actions/setup-node': 'installs Node from the internet; the tests run on the Node of this repository',
  'npm ci':
    "installs the site's npm dependencies (VitePress and its plugins) at test time; the bundle keeps package.json only",
  'npm run docs:build': "VitePress builds the site's pages, which the bundle does not keep (only the published lists)",
  'Copy redirects file':
    'copies into the build output, which was not built here; cloudflare_redirects is not in the bundle',
  Publish: 'wrangler deploys to Cloudflare Pages, which cannot be reached from here',
};

let sandbox: GitSandbox;
let docs: ExegolRemote;
let tip: { sha: string; subject: string };
let pull: SandboxPullRequest;

/** main at the newest real tools-list commit; dev equal to it, dev-images behind, dev-wrapper with a page of its own. */
async function place(): Promise<{ devImages: string; wrapperOwn: string }> {
  const lists = await docs.log('^PIPELINE: tools list for ', ['refs/heads/main']);
  tip = lists[0]!;
  const older = lists[5]!.sha;
  await docs.setBranches({ main: tip.sha, dev: tip.sha, 'dev-images': older, 'dev-wrapper': older });
  const writer = await sandbox.repo(`docs-writer-${Date.now()}`, docs.remote);
  await writer.git.raw(['fetch', '--quiet', 'origin']);
  await writer.git.raw(['checkout', '--quiet', '-B', 'dev-wrapper', 'origin/dev-wrapper']);
  const wrapperOwn = await writer.commit('Wrapper 5.2 docs, not released yet', {
    files: { 'docs/src/wrapper/5.2.md': '# Wrapper 5.2\n' },
  });
  await writer.git.raw(['push', '--quiet', 'origin', 'dev-wrapper']);
  return { devImages: older, wrapperOwn };
}

beforeAll(async () => {
  sandbox = await GitSandbox.create('acceptance-docs-');
  docs = await exegolRemote(sandbox, 'docs', REPOSITORY);
}, 120_000);
afterAll(() => sandbox?.cleanup());

function mergedPullRequestEvent(): { pull_request: Record<string, never> } {
  return {
    pull_request: {
      number: pull.number,
      merged: true,
      base: { ref: 'main' },
      head: { ref: 'dev' },
      merge_commit_sha: tip.sha,
    } as never,
  };
}

async function sync(workflow: string, branch: string): Promise<JobResult> {
  return runJob({
    workflow,
    job: 'sync-branches',
    matrix: { branch },
    github: {
      event_name: 'pull_request_target',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      repository: REPOSITORY,
      event: mergedPullRequestEvent(),
    },
    token: sandbox.token,
    checkout: (inputs) =>
      sandbox.checkout(docs.remote, `refs/heads/${inputs.ref}`, {
        name: `sync-${branch}-${Date.now()}`,
        event: { name: 'pull_request_target', payload: { pull_request: { merged: true } } },
        pullRequest: pull,
        token: inputs.token || sandbox.token,
        inputs: { ref: inputs.ref ?? 'main' },
      }),
  });
}

describe('sync-branches after a merged pull request into main', () => {
  test('merge (the default, as the automerger): dev level, dev-images fast-forwarded, dev-wrapper gets a merge commit; a re-run changes nothing', async () => {
    const { wrapperOwn } = await place();
    pull = await sandbox.pullRequest(docs.remote, {
      number: 131,
      head: 'dev',
      base: 'main',
      title: 'Merge dev into main',
    });
    const results: Record<string, JobResult> = {};
    for (const b of FOLLOWERS) {
      results[b] = await sync(TEMPLATE, b);
      expect({
        b,
        result: results[b].result,
        errors: results[b].steps.flatMap((s) => s.annotations.filter((a) => a.level === 'error')),
      }).toEqual({ b, result: 'success', errors: [] });
    }
    const refs = await sandbox.refs(docs.remote);
    expect(results.dev!.step('exegol/actions/sync-submodules').outputs).toMatchObject({
      operation: 'unchanged',
      changed: 'false',
    });
    expect(results['dev-images']!.step('exegol/actions/sync-submodules').outputs).toMatchObject({
      operation: 'fast-forward',
    });
    expect(refs['refs/heads/dev-images']).toBe(tip.sha);
    const merge = refs['refs/heads/dev-wrapper']!;
    expect(results['dev-wrapper']!.step('exegol/actions/sync-submodules').outputs).toMatchObject({
      operation: 'merged',
      'commit-sha': merge,
    });
    const git = sandbox.git(docs.remote);
    expect(await git.out(['log', '-1', '--format=%P|%an', merge])).toBe(`${wrapperOwn} ${tip.sha}|Github Actions`);
    // The real tools lists of main are on dev-wrapper now, its own page kept.
    expect(await git.out(['diff', '--name-only', tip.sha, merge])).toBe('docs/src/wrapper/5.2.md');
    expect(refs['refs/heads/main']).toBe(tip.sha);

    const again = await sync(TEMPLATE, 'dev-wrapper');
    expect(again.step('exegol/actions/sync-submodules').outputs).toMatchObject({ operation: 'unchanged' });
    expect(await sandbox.refs(docs.remote)).toEqual(refs);
  }, 300_000);

  test('ff-only: dev-images fast-forwarded, dev-wrapper refused with the way out and left as it was', async () => {
    const { wrapperOwn } = await place();
    const workflow = path.join(sandbox.root, 'docs-ff-only.yml');
    const text = fs.readFileSync(TEMPLATE, 'utf8');
    expect(text).toContain('fork-strategy: merge # CHANGE');
    fs.writeFileSync(workflow, text.replace('fork-strategy: merge # CHANGE', 'fork-strategy: ff-only # CHANGE'));
    const images = await sync(workflow, 'dev-images');
    expect(images.result).toBe('success');
    const wrapper = await sync(workflow, 'dev-wrapper');
    expect(wrapper.result).toBe('failure');
    const errors = wrapper.step('exegol/actions/sync-submodules').annotations.filter((a) => a.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'dev-wrapper cannot fast-forward to upstream/main: it has 1 commit(s) of its own',
        ),
      }),
    ]);
    const refs = await sandbox.refs(docs.remote);
    expect(refs['refs/heads/dev-wrapper']).toBe(wrapperOwn);
    expect(refs['refs/heads/dev-images']).toBe(tip.sha);
  }, 300_000);

  test("checkout v7 under pull_request_target for a fork's pull request: `ref: main` checks out main; the pull request's code is refused", async () => {
    pull ??= await sandbox.pullRequest(docs.remote, {
      number: 131,
      head: 'dev',
      base: 'main',
      title: 'Merge dev into main',
    });
    const forkPayload = {
      pull_request: {
        merged: true,
        head: { repo: { id: 4242, name: 'Exegol-docs', full_name: 'contributor/Exegol-docs' } },
      },
    };
    const event = { name: 'pull_request_target', payload: forkPayload };
    const named = await sandbox.checkout(docs.remote, 'refs/heads/main', {
      name: 'fork-main',
      event,
      pullRequest: pull,
      version: 'v7.0.1',
      inputs: { ref: 'main' },
    });
    expect(await named.git.head()).toBe((await sandbox.refs(docs.remote))['refs/heads/main']);
    const refused = await sandbox
      .checkout(docs.remote, 'refs/heads/main', {
        name: 'fork-code',
        event,
        pullRequest: pull,
        version: 'v7.0.1',
        inputs: { ref: `refs/pull/${pull.number}/head` },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(CheckoutFailed);
    expect((refused as CheckoutFailed).message).toContain('Refusing to check out fork pull request code');
  }, 120_000);
});

describe('build on a push: the deploy gate', () => {
  async function build(secrets: Record<string, string>): Promise<JobResult> {
    return runJob({
      workflow: TEMPLATE,
      job: 'build',
      github: { event_name: 'push', ref: 'refs/heads/main', ref_type: 'branch', repository: REPOSITORY, event: {} },
      secrets,
      token: sandbox.token,
      notRunHere: BUILD_NOT_RUN,
      checkout: () => sandbox.checkout(docs.remote, 'refs/heads/main', { name: `build-${Date.now()}` }),
    });
  }

  test('without the Cloudflare secrets: built, the deploy skipped with a notice', async () => {
    const job = await build({});
    expect(job.result).toBe('success');
    const gate = job.step('credentials');
    expect(gate.outcome).toBe('success');
    expect(gate.outputs).toEqual({ deploy: 'false' });
    expect(gate.annotations).toEqual([
      {
        level: 'notice',
        title: 'Deploy skipped',
        message:
          'secret(s) CLOUDFLARE_API_TOKEN CLOUDFLARE_ACCOUNT_ID not set: the site was built, not deployed to Cloudflare Pages',
      },
    ]);
    expect(job.step('Publish').outcome).toBe('skipped');
    expect(job.steps.filter((s) => s.outcome === 'not-run-here').map((s) => s.name)).toEqual([
      'actions/setup-node',
      'npm ci',
      'npm run docs:build',
      'Copy redirects file',
    ]);
  }, 120_000);

  test('with one missing: the notice names it; with both: the deploy step is reached, and no secret is in the log', async () => {
    const one = await build({ CLOUDFLARE_API_TOKEN: 'cf-token-0123456789abcdef' });
    expect(one.step('credentials').annotations[0]!.message).toBe(
      'secret(s) CLOUDFLARE_ACCOUNT_ID not set: the site was built, not deployed to Cloudflare Pages',
    );
    expect(one.step('credentials').log).not.toContain('cf-token-0123456789abcdef');
    const both = await build({
      CLOUDFLARE_API_TOKEN: 'cf-token-0123456789abcdef',
      CLOUDFLARE_ACCOUNT_ID: 'acc-0123456789',
    });
    expect(both.step('credentials').outputs).toEqual({ deploy: 'true' });
    expect(both.step('credentials').annotations).toEqual([]);
    expect(both.step('Publish')).toMatchObject({ outcome: 'not-run-here', reason: BUILD_NOT_RUN.Publish });
    expect(both.step('credentials').log).not.toMatch(/cf-token|acc-0123/);
  }, 120_000);
});
