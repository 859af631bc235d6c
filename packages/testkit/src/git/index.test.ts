// The sandbox's checkout is the real actions/checkout: what each vendored release leaves behind,
// the credentials it persists (and where), and GitHub's pull request refs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { CHECKOUT_RELEASES, DEFAULT_CHECKOUT, GitSandbox, type TestRepo } from './index.ts';

let sandbox: GitSandbox;
let privateSandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('testkit-git-');
  privateSandbox = await GitSandbox.create('testkit-git-private-', { privateRemotes: true });
});
afterAll(() => {
  sandbox.cleanup();
  privateSandbox.cleanup();
});

async function released(s: GitSandbox, name: string): Promise<{ remote: string; dev: TestRepo }> {
  const remote = await s.bare(name);
  const dev = await s.repo(`${name}-dev`, remote);
  await dev.commit('one', { files: { v: '1.0.0\n' } });
  await dev.tag('1.0.0');
  await dev.commit('two', { files: { v: '1.0.1\n' } });
  await dev.tag('1.0.1');
  await dev.pushAll();
  return { remote, dev };
}

test('the default release is the newest one the workflow templates pin', () => {
  const dir = path.join(import.meta.dirname, '../../../../workflows-templates');
  const text = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const pinned = new Set([...text.matchAll(/actions\/checkout@[0-9a-f]{40} # (v[\d.]+)/g)].map((m) => m[1]));
  expect(pinned.has(DEFAULT_CHECKOUT)).toBe(true);
  expect(CHECKOUT_RELEASES.filter((r) => pinned.has(r)).pop()).toBe(DEFAULT_CHECKOUT);
});

test.each(CHECKOUT_RELEASES)(
  'checkout %s of a pushed annotated tag: depth 1, origin over HTTP, the tag as that release makes it',
  async (version) => {
    const { remote, dev } = await released(sandbox, `tag-${version}`);
    const checkout = await sandbox.checkout(remote, 'refs/tags/1.0.1', { version });
    expect(await checkout.git.isShallow()).toBe(true);
    expect(await checkout.git.remoteUrl()).toBe(await sandbox.httpUrl(remote));
    expect(await checkout.git.head()).toBe(await dev.git.revParse('1.0.1'));
    expect(Object.keys(await checkout.git.refs())).toEqual(['refs/tags/1.0.1']);
    // v4/v5 fetch `+<commit>:refs/tags/1.0.1` (lightweight); v6+ fetch the tag itself.
    const annotated = version === 'v6.0.2' || version === 'v7.0.1';
    expect((await checkout.git.tagInfo('1.0.1'))!.annotated).toBe(annotated);
    expect(checkout.context).toMatchObject({
      version,
      ref: 'refs/tags/1.0.1',
      repository: `sandbox/tag-${version}`,
      event: { name: 'push' },
    });
  },
);

test.each(['v4.2.2', 'v7.0.1'] as const)(
  'checkout %s persists its token where that release keeps it; pushes go over HTTP with it, or not at all',
  async (version) => {
    const { remote } = await released(privateSandbox, `creds-${version}`);
    const kept = await privateSandbox.checkout(remote, 'refs/heads/main', { version });
    const local = fs.readFileSync(path.join(kept.dir, '.git/config'), 'utf8');
    // v6+ keep it in a file under RUNNER_TEMP, included from .git/config; up to v5 in .git/config.
    if (version === 'v7.0.1') expect(local).toMatch(/\[includeIf "gitdir:.*"\]\s+path = .*git-credentials-.*\.config/);
    else expect(local).toMatch(/extraheader = AUTHORIZATION: basic [A-Za-z0-9+/=]+/);
    await kept.commit('pushed back', { files: { v: 'next\n' } });
    const server = await privateSandbox.server();
    const seen = server.requests.length;
    await kept.git.raw(['push', '--quiet', 'origin', 'HEAD:refs/heads/next']);
    expect((await privateSandbox.refs(remote))['refs/heads/next']).toBe(await kept.git.head());
    const pushes = server.requests.slice(seen).filter((r) => r.push);
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((r) => r.authorized && r.authorizationHeaders === 1)).toBe(true);

    const without = await privateSandbox.checkout(remote, 'refs/heads/main', {
      version,
      persistCredentials: false,
      name: `creds-${version}-none`,
    });
    await without.commit('not pushed', { files: { v: 'other\n' } });
    const refused = await without.git.raw(['push', '--quiet', 'origin', 'HEAD:refs/heads/other'], {
      allowFailure: true,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/could not read Username/);
    expect((await privateSandbox.refs(remote))['refs/heads/other']).toBeUndefined();
  },
);

test('pullRequest makes refs/pull/N/head and a real merge commit; checkout of refs/pull/N/merge is the pull_request event', async () => {
  const remote = await sandbox.bare('pull');
  const dev = await sandbox.repo('pull-dev', remote);
  await dev.commit('base', { files: { a: '1\n' } });
  await dev.branch('feature');
  await dev.switch('feature');
  const head = await dev.commit('feature', { files: { b: '1\n' } });
  await dev.switch('main');
  const base = await dev.commit('main moved', { files: { c: '1\n' } });
  await dev.pushAll();
  const pr = await sandbox.pullRequest(remote, { number: 12, head: 'feature', base: 'main', title: 'Release 1.0.0' });
  const git = sandbox.git(remote);
  expect(await git.revParse('refs/pull/12/head')).toBe(head);
  expect(await git.out(['rev-list', '--parents', '-1', 'refs/pull/12/merge'])).toBe(`${pr.mergeSha} ${base} ${head}`);
  expect(await git.lines(['ls-tree', '--name-only', 'refs/pull/12/merge'])).toEqual(['a', 'b', 'c']);

  const checkout = await sandbox.checkout(remote, 'refs/pull/12/merge');
  expect(await checkout.git.head()).toBe(pr.mergeSha);
  expect(checkout.context.event).toMatchObject({
    name: 'pull_request',
    payload: {
      number: 12,
      pull_request: { title: 'Release 1.0.0', head: { ref: 'feature', sha: head }, base: { ref: 'main', sha: base } },
    },
  });
  expect(checkout.step()).toMatchObject({ ref: 'refs/pull/12/merge', sha: pr.mergeSha, workspace: checkout.dir });
});
