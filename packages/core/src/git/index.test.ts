// The git layer against real repositories and bare remotes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { ACTIONS_IDENTITY, authConfig, Git } from './index.ts';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('core-git-');
});
afterAll(() => sandbox.cleanup());

test('commit returns null when nothing is staged, and commits as the given identity', async () => {
  const repo = await sandbox.repo('commit');
  await repo.commit('init', { files: { a: '1\n' } });
  const git = Git.at(repo.dir, { env: sandbox.env() });
  expect(await git.commit('nothing', ACTIONS_IDENTITY, ['a'])).toBeNull();
  repo.write({ a: '2\n' });
  const sha = await git.commit('PIPELINE: change', ACTIONS_IDENTITY, ['a']);
  expect(sha).toBe(await git.head());
  expect(await git.out(['log', '-1', '--format=%an <%ae>|%s'])).toBe('Github Actions <actions@github.com>|PIPELINE: change');
});

test('pushWithRetry rebases onto a remote that moved, then pushes', async () => {
  const remote = await sandbox.bare('moved');
  const a = await sandbox.repo('moved-a', remote);
  await a.commit('base', { files: { base: 'x\n' } });
  await a.pushAll();
  const b = await sandbox.checkout(remote, 'refs/heads/main', { name: 'moved-b', depth: 0 });
  await a.commit('someone else', { files: { other: 'y\n' } });
  await a.pushAll();
  b.write({ mine: 'z\n' });
  const git = Git.at(b.dir, { env: sandbox.env() });
  await git.commit('mine', ACTIONS_IDENTITY, ['mine']);
  const out = await git.pushWithRetry('main');
  expect(out).toMatchObject({ pushed: true, attempts: 2 });
  const remoteHead = (await sandbox.refs(remote))['refs/heads/main'];
  expect(remoteHead).toBe(await git.head());
  expect(await git.out(['log', '--format=%s', '-3'])).toBe('mine\nsomeone else\nbase');
});

test('pushWithRetry reports a protected branch without retrying', async () => {
  const remote = await sandbox.bare('protected');
  const a = await sandbox.repo('protected-a', remote);
  await a.commit('base', { files: { base: 'x\n' } });
  await a.pushAll();
  const hook = path.join(remote, 'hooks', 'pre-receive');
  fs.writeFileSync(hook, '#!/bin/sh\necho "GH006: Protected branch update failed for refs/heads/main." >&2\nexit 1\n', { mode: 0o755 });
  const before = await sandbox.refs(remote);
  await a.commit('change', { files: { base: 'y\n' } });
  const out = await a.git.pushWithRetry('main');
  expect(out).toMatchObject({ pushed: false, reason: 'protected', attempts: 1 });
  expect(await sandbox.refs(remote)).toEqual(before);
});

test('authConfig keeps the token out of .git/config and out of error messages', async () => {
  const token = 'ghs_exampletoken1234567890';
  const { config, secrets } = authConfig({ token, serverUrl: 'http://127.0.0.1:9' });
  const repo = await sandbox.repo('auth');
  const git = Git.at(repo.dir, { env: sandbox.env(), config, secrets });
  const res = await git.raw(['config', '--get-regexp', 'http'], { allowFailure: true });
  expect(res.stdout).toContain('extraheader');
  expect(fs.readFileSync(path.join(repo.dir, '.git', 'config'), 'utf8')).not.toContain('extraheader');
  await expect(git.raw(['ls-remote', 'http://127.0.0.1:9/x.git'])).rejects.toThrow(/ls-remote/);
  const err = (await git.raw(['fetch', `http://user:${token}@127.0.0.1:9/x.git`]).catch((e: unknown) => e)) as Error;
  expect(err).toBeInstanceOf(Error);
  expect(err.message).toContain('git fetch');
  expect(err.message).not.toContain(token);
});

test('fetchBranch returns the tip of a remote branch, or null when there is none', async () => {
  const remote = await sandbox.bare('fetch-branch');
  const a = await sandbox.repo('fetch-branch-a', remote);
  const tip = await a.commit('base', { files: { base: 'x\n' } });
  await a.pushAll();
  const b = await sandbox.repo('fetch-branch-b', remote);
  expect(await b.git.fetchBranch('main')).toBe(tip);
  expect(await b.git.fetchBranch('nope')).toBeNull();
  await expect(Git.at(b.dir, { env: sandbox.env() }).fetchBranch('main', { remote: 'missing' })).rejects.toThrow(/git fetch missing/);
});

test('pushReplaying starts again from the moved tip, and reports a change someone pushed first', async () => {
  const remote = await sandbox.bare('replay');
  const a = await sandbox.repo('replay-a', remote);
  await a.commit('base', { files: { list: 'header\n' } });
  await a.pushAll();
  const b = await sandbox.checkout(remote, 'refs/heads/main', { name: 'replay-b', depth: 0 });
  // Both insert a line right under the header: a rebase would conflict, a replay cannot.
  const theirs = await a.commit('theirs', { files: { list: 'header\ntheirs\n' } });
  await a.pushAll();
  const insert = async () => {
    b.write({ list: b.read('list').replace('header\n', 'header\nmine\n') });
    return b.git.commit('mine', ACTIONS_IDENTITY, ['list']);
  };
  await insert();
  let replays = 0;
  const out = await b.git.pushReplaying('main', async () => {
    replays++;
    return insert();
  });
  expect(out).toMatchObject({ pushed: true, attempts: 2 });
  expect(replays).toBe(1);
  expect(await sandbox.git(remote).out(['show', 'main:list'])).toBe('header\nmine\ntheirs');
  expect(await sandbox.git(remote).out(['log', '-1', '--format=%P', 'main'])).toBe(theirs);

  // Someone pushed the same change meanwhile: nothing is left to push.
  await a.git.raw(['pull', '--quiet', '--ff-only', 'origin', 'main']);
  await a.commit('same', { files: { other: 'x\n' } });
  await a.pushAll();
  b.write({ other: 'x\n' });
  await b.git.commit('same', ACTIONS_IDENTITY, ['other']);
  const superseded = await b.git.pushReplaying('main', async () => (fs.existsSync(path.join(b.dir, 'other')) ? null : 'unexpected'));
  expect(superseded).toMatchObject({ pushed: false, reason: 'superseded', attempts: 1 });
});

test('pushReplaying gives up after its attempts, leaving the remote as the other writer left it', async () => {
  const remote = await sandbox.bare('replay-bounded');
  const a = await sandbox.repo('replay-bounded-a', remote);
  await a.commit('base', { files: { list: 'header\n' } });
  await a.pushAll();
  const b = await sandbox.checkout(remote, 'refs/heads/main', { name: 'replay-bounded-b', depth: 0 });
  await a.commit('theirs', { files: { list: 'header\ntheirs\n' } });
  await a.pushAll();
  b.write({ list: 'header\nmine\n' });
  await b.git.commit('mine', ACTIONS_IDENTITY, ['list']);
  const before = await sandbox.refs(remote);
  const out = await b.git.pushReplaying('main', async () => 'never called', { attempts: 1 });
  expect(out).toMatchObject({ pushed: false, reason: 'rejected', attempts: 1 });
  expect(await sandbox.refs(remote)).toEqual(before);
});

test('forcePush replaces a branch only while it is where the caller last saw it', async () => {
  const remote = await sandbox.bare('lease');
  const a = await sandbox.repo('lease-a', remote);
  const base = await a.commit('base', { files: { f: '1\n' } });
  await a.pushAll();
  await a.git.forcePush('HEAD', 'topic', null);
  expect((await sandbox.refs(remote))['refs/heads/topic']).toBe(base);
  await a.git.raw(['checkout', '--quiet', '-b', 'rebuilt', `${base}`]);
  const rebuilt = await a.commit('rebuilt', { files: { f: '2\n' } });
  await expect(a.git.forcePush('HEAD', 'topic', '0'.repeat(40))).rejects.toThrow(/git push/);
  expect((await sandbox.refs(remote))['refs/heads/topic']).toBe(base);
  await a.git.forcePush('HEAD', 'topic', base);
  expect((await sandbox.refs(remote))['refs/heads/topic']).toBe(rebuilt);
  expect(await a.git.treeOf('HEAD')).toBe(await sandbox.git(remote).out(['rev-parse', 'topic^{tree}']));
});

test('diffNoIndex diffs two folders without a repository', async () => {
  const dir = path.join(sandbox.root, 'diff');
  fs.mkdirSync(path.join(dir, 'a/x'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'b/x'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'a/x/f.csv'), 'h\n1\n');
  fs.writeFileSync(path.join(dir, 'b/x/f.csv'), 'h\n2\n1\n');
  const git = Git.at(dir, { env: sandbox.env() });
  const diff = await git.diffNoIndex('a', 'b');
  expect(diff).toContain('--- a/x/f.csv\n+++ b/x/f.csv\n@@ -1,2 +1,3 @@\n h\n+2\n 1\n');
  expect(await git.diffNoIndex('a', 'a')).toBe('');
});
