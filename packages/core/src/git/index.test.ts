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
