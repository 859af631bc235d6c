// The git layer against real repositories and bare remotes.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { reasonLine, run } from '../exec/index.ts';
import {
  ACTIONS_IDENTITY,
  authConfig,
  classifyPushFailure,
  Git,
  parseIdentity,
  readSigningKey,
  SigningSession,
  withSigningKey,
} from './index.ts';

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
  expect(await git.out(['log', '-1', '--format=%an <%ae>|%s'])).toBe(
    'Github Actions <actions@github.com>|PIPELINE: change',
  );
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
  fs.writeFileSync(hook, '#!/bin/sh\necho "GH006: Protected branch update failed for refs/heads/main." >&2\nexit 1\n', {
    mode: 0o755,
  });
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

test('configuration is added after the GIT_CONFIG_* the environment already carries', async () => {
  // The sandbox allows file:// submodules through GIT_CONFIG_*; credentials must not drop that.
  const subRemote = await sandbox.bare('cfg-sub');
  const sub = await sandbox.repo('cfg-sub-dev', subRemote);
  await sub.commit('sub', { files: { s: '1\n' } });
  await sub.pushAll();
  const sup = await sandbox.repo('cfg-super');
  await sup.addSubmodule(sandbox.url(subRemote), 'lib/sub');
  await sup.commit('add sub');
  const clone = await sandbox.repo('cfg-clone');
  const git = Git.at(clone.dir, { env: sandbox.env(), ...authConfig({ token: 'ghs_notused00000000' }) });
  const values = await git.lines(['config', '--get-regexp', '^(protocol|http)\\.']);
  expect(values).toEqual([
    'protocol.file.allow always',
    'http.https://github.com/.extraheader ',
    expect.stringMatching(/^http\.https:\/\/github\.com\/\.extraheader AUTHORIZATION: basic /),
  ]);
  await git.raw(['pull', '--quiet', sup.dir, 'main']);
  await git.submoduleUpdate([], { init: true });
  expect(fs.readFileSync(path.join(clone.dir, 'lib/sub/s'), 'utf8')).toBe('1\n');
});

test('submodules: declared by name, matched by path, with branch and gitlink', async () => {
  const a = await sandbox.bare('decl-a');
  const b = await sandbox.bare('decl-b');
  for (const [remote, name] of [
    [a, 'decl-a'],
    [b, 'decl-b'],
  ] as const) {
    const dev = await sandbox.repo(`${name}-dev`, remote);
    await dev.commit(name, { files: { f: `${name}\n` } });
    await dev.branch('dev');
    await dev.pushAll();
  }
  const sup = await sandbox.repo('decl-super');
  await sup.addSubmodule(sandbox.url(a), 'exegol-images');
  await sup.addSubmodule(sandbox.url(b), 'deep/path/resources', 'dev');
  await sup.commit('submodules');
  // An older tree: the entry is named after a path that no longer holds it.
  await sup.git.raw([
    'config',
    '--file',
    '.gitmodules',
    '--rename-section',
    'submodule.exegol-images',
    'submodule.sources',
  ]);
  await sup.commit('rename');
  const git = sandbox.git(sup.dir);
  const subs = await git.submodules();
  const headA = (await sandbox.refs(a))['refs/heads/main'];
  const headB = (await sandbox.refs(b))['refs/heads/dev'];
  expect(subs).toEqual([
    { name: 'sources', path: 'exegol-images', url: sandbox.url(a), branch: null, gitlink: headA },
    { name: 'deep/path/resources', path: 'deep/path/resources', url: sandbox.url(b), branch: 'dev', gitlink: headB },
  ]);
  expect(await git.gitlinks()).toEqual(
    new Map([
      ['exegol-images', headA!],
      ['deep/path/resources', headB!],
    ]),
  );
  expect(await Git.at(sandbox.root).with({ env: sandbox.env() }).submodules()).toEqual([]);
});

test('lsRemote peels annotated tags; remoteDefaultBranch reads the remote HEAD', async () => {
  const remote = await sandbox.bare('lsremote');
  const dev = await sandbox.repo('lsremote-dev', remote);
  const one = await dev.commit('one', { files: { f: '1\n' } });
  await dev.tag('1.0.0');
  const two = await dev.commit('two', { files: { f: '2\n' } });
  await dev.tag('2.0.0', { lightweight: true });
  await dev.pushAll();
  const git = sandbox.git(dev.dir);
  const refs = await git.lsRemote(sandbox.url(remote), { tags: true });
  expect(refs).toEqual(
    new Map([
      ['refs/tags/1.0.0', one],
      ['refs/tags/2.0.0', two],
    ]),
  );
  expect(await git.lsRemote('origin', { heads: true, patterns: ['refs/heads/main'] })).toEqual(
    new Map([['refs/heads/main', two]]),
  );
  expect(await git.remoteDefaultBranch('origin')).toBe('main');
  await expect(git.lsRemote(sandbox.url(path.join(sandbox.root, 'nowhere.git')))).rejects.toThrow(/ls-remote/);
  expect(await git.countCommits(one, two)).toBe(1);
  expect(await git.isAncestor(one, two)).toBe(true);
  expect(await git.isAncestor(two, one)).toBe(false);
  expect(await git.describe(two)).toBe('2.0.0');
  await dev.commit('three', { files: { f: '3\n' } });
  expect(await git.describe('HEAD')).toMatch(/^2\.0\.0-1-g[0-9a-f]{7}$/);
});

test('merge: fast-forward, merge commit, up to date, and a conflict aborted with its files', async () => {
  const repo = await sandbox.repo('merge');
  await repo.commit('base', { files: { a: 'a\n', b: 'b\n' } });
  await repo.branch('upstream');
  await repo.switch('upstream');
  const up1 = await repo.commit('upstream 1', { files: { a: 'A\n' } });
  await repo.switch('main');
  const git = sandbox.git(repo.dir);
  expect(await git.mergeConflicts('main', 'upstream')).toEqual([]);
  expect(await git.merge('upstream', ACTIONS_IDENTITY)).toEqual({ status: 'fast-forward', sha: up1 });
  expect(await git.merge('upstream', ACTIONS_IDENTITY)).toEqual({ status: 'up-to-date', sha: up1 });
  await repo.commit('mine', { files: { c: 'c\n' } });
  await repo.switch('upstream');
  await repo.commit('upstream 2', { files: { b: 'B\n' } });
  await repo.switch('main');
  const merged = await git.merge('upstream', ACTIONS_IDENTITY);
  expect(merged.status).toBe('merged');
  expect(await git.out(['log', '-1', '--format=%an|%s|%P'])).toMatch(
    /^Github Actions\|Merge branch 'upstream'\|\w+ \w+$/,
  );
  await repo.commit('mine on b', { files: { b: 'mine\n', d: 'd\n' } });
  await repo.switch('upstream');
  await repo.commit('theirs on b', { files: { b: 'theirs\n' } });
  await repo.switch('main');
  const before = await git.head();
  expect(await git.mergeConflicts('main', 'upstream')).toEqual(['b']);
  expect(await git.merge('upstream', ACTIONS_IDENTITY)).toEqual({ status: 'conflict', files: ['b'] });
  expect(await git.head()).toBe(before);
  expect(await git.changedFiles()).toEqual([]);
  expect(repo.read('b')).toBe('mine\n');
});

test('pushBranch with a lease replaces a branch only if it is where it was seen', async () => {
  const remote = await sandbox.bare('lease');
  const repo = await sandbox.repo('lease-dev', remote);
  const base = await repo.commit('base', { files: { a: '1\n' } });
  await repo.pushAll();
  const git = sandbox.git(repo.dir);
  await repo.branch('bot');
  await repo.switch('bot');
  await repo.commit('bot 1', { files: { a: '2\n' } });
  expect(await git.pushBranch('HEAD', 'update/x', { lease: null })).toMatchObject({ pushed: true });
  const first = await git.head();
  // The branch exists now: "must not exist" is refused, a stale expectation too.
  await git.raw(['reset', '--quiet', '--hard', base]);
  await repo.commit('bot 2', { files: { a: '3\n' } });
  expect(await git.pushBranch('HEAD', 'update/x', { lease: null })).toMatchObject({ pushed: false, reason: 'moved' });
  expect(await git.pushBranch('HEAD', 'update/x', { lease: base })).toMatchObject({ pushed: false, reason: 'moved' });
  expect((await sandbox.refs(remote))['refs/heads/update/x']).toBe(first);
  expect(await git.pushBranch('HEAD', 'update/x', { lease: first })).toMatchObject({ pushed: true });
  expect((await sandbox.refs(remote))['refs/heads/update/x']).toBe(await git.head());
  // Without a lease or force, a push that is not a fast-forward is refused.
  await git.raw(['reset', '--quiet', '--hard', base]);
  await repo.commit('elsewhere', { files: { b: '1\n' } });
  expect(await git.pushBranch('HEAD', 'update/x')).toMatchObject({ pushed: false, reason: 'moved' });
  expect((await sandbox.refs(remote))['refs/heads/update/x']).not.toBe(await git.head());
});

test('authConfig: the token reaches a server that requires it, in place of a header persisted in .git/config', async () => {
  const token = 'ghs_private000000000000000';
  const remote = await sandbox.bare('private');
  const dev = await sandbox.repo('private-dev', remote);
  const head = await dev.commit('private', { files: { f: '1\n' } });
  await dev.pushAll();
  const server = await sandbox.serveHttp({ token });
  try {
    const repo = await sandbox.repo('private-clone');
    // What actions/checkout persists: a header carrying another token, for the same server.
    await repo.git.raw([
      'config',
      `http.${server.origin}/.extraheader`,
      `AUTHORIZATION: basic ${Buffer.from('x-access-token:other').toString('base64')}`,
    ]);
    await expect(repo.git.lsRemote(server.url(remote))).rejects.toThrow(/ls-remote/);
    const git = repo.git.with(authConfig({ token, serverUrl: server.origin }));
    expect(await git.lsRemote(server.url(remote), { heads: true })).toEqual(new Map([['refs/heads/main', head]]));
    await git.fetch(server.url(remote), ['+refs/heads/main:refs/remotes/private/main']);
    expect(await git.revParse('refs/remotes/private/main')).toBe(head);
    expect(server.requests.some((r) => r.authorized)).toBe(true);
    expect(server.requests.every((r) => r.authorizationHeaders <= 1)).toBe(true);
    expect(fs.readFileSync(path.join(repo.dir, '.git', 'config'), 'utf8')).not.toContain(
      Buffer.from(`x-access-token:${token}`).toString('base64'),
    );
  } finally {
    await server.close();
  }
});
// --- tags: annotated, signed with a throwaway key, verified by git -------------------------------

async function sshKey(dir: string, passphrase = ''): Promise<{ privateKey: string; publicKey: string }> {
  const file = path.join(dir, `key-${Math.random().toString(36).slice(2, 8)}`);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'release-signer', '-f', file]);
  return { privateKey: fs.readFileSync(file, 'utf8'), publicKey: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
}

async function gpgKey(
  dir: string,
  passphrase: string,
): Promise<{ privateKey: string; publicKey: string; fingerprint: string }> {
  const home = fs.mkdtempSync(path.join(dir, 'gpg-'));
  fs.chmodSync(home, 0o700);
  const env = { GNUPGHOME: home };
  const pass = passphrase ? ['--passphrase', passphrase] : ['--passphrase', ''];
  await run(
    'gpg',
    [
      '--batch',
      '--pinentry-mode',
      'loopback',
      ...pass,
      '--quick-gen-key',
      'Release Signer <signer@example.invalid>',
      'ed25519',
      'sign',
      'never',
    ],
    { env },
  );
  const fingerprint = (await run('gpg', ['--batch', '--with-colons', '--list-keys'], { env })).stdout
    .split('\n')
    .find((l) => l.startsWith('fpr'))!
    .split(':')[9]!;
  const privateKey = (
    await run(
      'gpg',
      ['--batch', '--pinentry-mode', 'loopback', ...pass, '--armor', '--export-secret-keys', fingerprint],
      { env },
    )
  ).stdout;
  const publicKey = (await run('gpg', ['--batch', '--armor', '--export', fingerprint], { env })).stdout;
  await run('gpgconf', ['--homedir', home, '--kill', 'all'], { env, allowFailure: true });
  return { privateKey, publicKey, fingerprint };
}

async function tagged(name: string) {
  const repo = await sandbox.repo(name);
  const sha = await repo.commit('release', { files: { v: '1\n' } });
  return { repo, sha, git: Git.at(repo.dir, { env: sandbox.env() }) };
}

test('createTag makes an annotated tag with the message and tagger given', async () => {
  const { git, sha } = await tagged('tag-annotated');
  const info = await git.createTag('4.3.5', { rev: sha, message: '4.3.5', tagger: ACTIONS_IDENTITY });
  expect(info).toMatchObject({ name: '4.3.5', commit: sha, annotated: true, message: '4.3.5', signature: null });
  expect(info.object).not.toBe(sha);
  expect(await git.out(['cat-file', '-p', 'refs/tags/4.3.5'])).toMatch(
    /^tagger Github Actions <actions@github\.com> /m,
  );
  expect(await git.verifyTag('4.3.5', {})).toEqual({
    signature: null,
    verified: false,
    detail: 'tag 4.3.5 is not signed',
  });
});

test('an SSH-signed tag verifies with git against an allowed-signers file, and the session leaves nothing behind', async () => {
  const { git, sha } = await tagged('tag-ssh');
  const key = await sshKey(sandbox.root);
  const tmpDir = fs.mkdtempSync(path.join(sandbox.root, 'runner-temp-'));
  const session = await SigningSession.start(key.privateKey, { tmpDir });
  expect(session.kind).toBe('ssh');
  expect(session.publicKey.split(' ').slice(0, 2)).toEqual(key.publicKey.split(' ').slice(0, 2));
  expect(fs.readdirSync(tmpDir)).toHaveLength(1);
  const info = await git
    .with(session.gitOptions)
    .createTag('5.1.4', { rev: sha, message: '5.1.4', tagger: ACTIONS_IDENTITY, sign: true });
  await session.close();
  expect(fs.readdirSync(tmpDir)).toEqual([]);
  expect(info.signature).toBe('ssh');

  const allowed = `actions@github.com namespaces="git" ${key.publicKey}`;
  const good = await git.verifyTag('5.1.4', { allowedSigners: allowed });
  expect(good).toMatchObject({ signature: 'ssh', verified: true });
  expect(good.detail).toContain('Good "git" signature');
  // And with git directly, as a maintainer would.
  fs.writeFileSync(path.join(sandbox.root, 'allowed'), allowed + '\n');
  const direct = await git
    .with({ config: { 'gpg.ssh.allowedSignersFile': path.join(sandbox.root, 'allowed') } })
    .raw(['verify-tag', '5.1.4'], { allowFailure: true });
  expect(direct.code).toBe(0);

  const other = await sshKey(sandbox.root);
  const bad = await git.verifyTag('5.1.4', { allowedSigners: `someone@example.invalid ${other.publicKey}` });
  expect(bad).toMatchObject({ signature: 'ssh', verified: false });
});

test('a passphrase-protected SSH key: refused without its passphrase or with a wrong one, used with the right one', async () => {
  const { git, sha } = await tagged('tag-ssh-pass');
  const key = await sshKey(sandbox.root, 'correct horse');
  const tmpDir = fs.mkdtempSync(path.join(sandbox.root, 'runner-temp-'));
  await expect(SigningSession.start(key.privateKey, { tmpDir })).rejects.toMatchObject({
    name: 'SigningKeyError',
    field: 'passphrase',
    problem: expect.stringContaining('protected by a passphrase'),
  });
  await expect(SigningSession.start(key.privateKey, { tmpDir, passphrase: 'wrong' })).rejects.toMatchObject({
    field: 'passphrase',
    problem: 'does not unlock the SSH key',
  });
  expect(fs.readdirSync(tmpDir)).toEqual([]);
  const info = await withSigningKey(key.privateKey, { tmpDir, passphrase: 'correct horse' }, (s) =>
    git
      .with(s!.gitOptions)
      .createTag('5.1.5', { rev: sha, message: 'Release 5.1.5', tagger: ACTIONS_IDENTITY, sign: true }),
  );
  expect(info).toMatchObject({ signature: 'ssh', message: 'Release 5.1.5' });
  expect(fs.readdirSync(tmpDir)).toEqual([]);
  expect((await git.verifyTag('5.1.5', { allowedSigners: `* ${key.publicKey}` })).verified).toBe(true);
});

test('a GPG key with a passphrase is imported into a throwaway keyring, signs, and is removed', async () => {
  const { git, sha } = await tagged('tag-gpg');
  const key = await gpgKey(sandbox.root, 'gpg secret');
  const tmpDir = fs.mkdtempSync(path.join(sandbox.root, 'runner-temp-'));
  await expect(SigningSession.start(key.privateKey, { tmpDir })).rejects.toMatchObject({
    field: 'passphrase',
    problem: expect.stringContaining('protected by a passphrase'),
  });
  await expect(SigningSession.start(key.privateKey, { tmpDir, passphrase: 'nope' })).rejects.toMatchObject({
    field: 'passphrase',
    problem: 'does not unlock the GPG key',
  });
  // Base64-wrapped, as secrets often are.
  const wrapped = Buffer.from(key.privateKey).toString('base64');
  const session = await SigningSession.start(wrapped, { tmpDir, passphrase: 'gpg secret' });
  expect(session).toMatchObject({ kind: 'gpg', fingerprint: key.fingerprint });
  await git
    .with(session.gitOptions)
    .createTag('4.3.6', { rev: sha, message: '4.3.6', tagger: ACTIONS_IDENTITY, sign: true });
  await session.close();
  expect(fs.readdirSync(tmpDir)).toEqual([]);
  const verified = await git.verifyTag('4.3.6', { gpgPublicKeys: key.publicKey });
  expect(verified).toMatchObject({ signature: 'gpg', verified: true });
  expect(verified.detail).toMatch(/Good signature from "Release Signer/);
  expect(await git.verifyTag('4.3.6', {})).toMatchObject({
    signature: 'gpg',
    verified: false,
    detail: expect.stringContaining('no GPG public keys'),
  });
});

test('readSigningKey tells the kinds apart and refuses anything else', () => {
  expect(readSigningKey('-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----')?.kind).toBe(
    'ssh',
  );
  expect(
    readSigningKey('-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nabc\n-----END PGP PRIVATE KEY BLOCK-----\n')?.kind,
  ).toBe('gpg');
  expect(readSigningKey('-----BEGIN PGP PUBLIC KEY BLOCK-----\nabc')).toBeNull();
  expect(readSigningKey('ssh-ed25519 AAAAC3Nza user')).toBeNull();
});

test('remoteTag, pushTag and fetchTag: a pushed tag is never moved', async () => {
  const remote = await sandbox.bare('tags-remote');
  const a = await sandbox.repo('tags-a', remote);
  const first = await a.commit('one', { files: { f: '1\n' } });
  const second = await a.commit('two', { files: { f: '2\n' } });
  await a.pushAll();
  expect(await a.git.remoteTag('1.0.0')).toBeNull();
  const made = await a.git.createTag('1.0.0', { rev: first, message: '1.0.0', tagger: ACTIONS_IDENTITY });
  expect(await a.git.pushTag('1.0.0')).toEqual({ pushed: true });
  expect(await a.git.remoteTag('1.0.0')).toEqual({ object: made.object, commit: first });

  const b = await sandbox.repo('tags-b', remote);
  await b.git.raw(['fetch', '--quiet', 'origin', 'main']);
  await b.git.createTag('1.0.0', { rev: second, message: '1.0.0', tagger: ACTIONS_IDENTITY });
  const before = await sandbox.refs(remote);
  expect(await b.git.pushTag('1.0.0')).toMatchObject({ pushed: false, reason: 'exists' });
  expect(await sandbox.refs(remote)).toEqual(before);
  await b.git.fetchTag('1.0.0');
  expect((await b.git.tagInfo('1.0.0'))?.commit).toBe(first);
});

test('isAncestor, fetchBranches and pushBranch (fast-forward only unless forced)', async () => {
  const remote = await sandbox.bare('ff-remote');
  const a = await sandbox.repo('ff-a', remote);
  const base = await a.commit('base', { files: { f: '1\n' } });
  await a.branch('dev');
  const ahead = await a.commit('release', { files: { f: '2\n' } });
  await a.pushAll();
  const b = await sandbox.repo('ff-b', remote);
  expect(await b.git.fetchBranches(['main', 'dev', 'missing'])).toEqual({ main: ahead, dev: base, missing: null });
  expect(await b.git.isAncestor('origin/dev', 'origin/main')).toBe(true);
  expect(await b.git.isAncestor('origin/main', 'origin/dev')).toBe(false);
  expect(await b.git.pushBranch(ahead, 'dev')).toEqual({ pushed: true });
  expect((await sandbox.refs(remote))['refs/heads/dev']).toBe(ahead);
  expect(await b.git.pushBranch(base, 'dev')).toMatchObject({ pushed: false, reason: 'moved' });
  expect(await b.git.pushBranch(base, 'dev', { force: true })).toEqual({ pushed: true });
});

test('authConfig replaces a token actions/checkout persisted instead of sending both', async () => {
  // A server that records the Authorization headers git really sends.
  const seen: string[][] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.rawHeaders.filter((_, i, all) => i % 2 === 1 && all[i - 1]!.toLowerCase() === 'authorization'));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const repo = await sandbox.repo('auth-persisted');
    await repo.git.raw(['config', `http.${url}/.extraheader`, 'AUTHORIZATION: basic cGVyc2lzdGVk']);
    const git = repo.git.with(authConfig({ token: 'ghs_override1234567890', serverUrl: url }));
    await git.raw(['ls-remote', `${url}/o/r.git`], { allowFailure: true });
    expect(seen.length).toBeGreaterThan(0);
    const expected =
      `AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_override1234567890').toString('base64')}`.split(': ')[1];
    for (const headers of seen) expect(headers).toEqual([expected]);
  } finally {
    server.close();
  }
});

test('parseIdentity reads "Name <email>"', () => {
  expect(parseIdentity('Github Actions <actions@github.com>')).toEqual(ACTIONS_IDENTITY);
  expect(parseIdentity('  Shutdown  <shutdown@exegol.invalid> ')).toEqual({
    name: 'Shutdown',
    email: 'shutdown@exegol.invalid',
  });
  expect(parseIdentity('no email')).toBeNull();
  expect(parseIdentity('<a@b>')).toBeNull();
});

test('fetchBranch returns the tip of a remote branch, or null when there is none', async () => {
  const remote = await sandbox.bare('fetch-branch');
  const a = await sandbox.repo('fetch-branch-a', remote);
  const tip = await a.commit('base', { files: { base: 'x\n' } });
  await a.pushAll();
  const b = await sandbox.repo('fetch-branch-b', remote);
  expect(await b.git.fetchBranch('main')).toBe(tip);
  expect(await b.git.fetchBranch('nope')).toBeNull();
  await expect(Git.at(b.dir, { env: sandbox.env() }).fetchBranch('main', { remote: 'missing' })).rejects.toThrow(
    /git fetch missing/,
  );
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
  const superseded = await b.git.pushReplaying('main', () =>
    Promise.resolve(fs.existsSync(path.join(b.dir, 'other')) ? null : 'unexpected'),
  );
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
  const out = await b.git.pushReplaying('main', () => Promise.resolve('never called'), { attempts: 1 });
  expect(out).toMatchObject({ pushed: false, reason: 'rejected', attempts: 1 });
  expect(await sandbox.refs(remote)).toEqual(before);
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

test('ensureHistory after checkout v4.2.2 of an annotated tag: fetches the missing tags, keeps the lightweight one checkout made', async () => {
  const remote = await sandbox.bare('clobber');
  const dev = await sandbox.repo('clobber-dev', remote);
  await dev.commit('one', { files: { v: '1.0.0\n' } });
  await dev.tag('1.0.0');
  await dev.commit('two', { files: { v: '1.0.1\n' } });
  await dev.tag('1.0.1');
  await dev.pushAll();
  const checkout = await sandbox.checkout(remote, 'refs/tags/1.0.1', { version: 'v4.2.2' });
  const git = checkout.git;
  // What checkout v4/v5 leaves: a lightweight tag where the remote has an annotated one, which
  // `git fetch --tags` refuses to replace ("would clobber existing tag").
  const before = await git.tagInfo('1.0.1');
  expect(before).toMatchObject({ annotated: false, commit: await dev.git.revParse('1.0.1') });
  const clobber = await git.raw(['fetch', '--tags', 'origin'], { allowFailure: true });
  expect(clobber.stderr).toMatch(/would clobber existing tag/);
  await git.raw(['tag', '-d', '1.0.0']);

  expect(await git.ensureHistory()).toBe('unshallowed');
  expect(await git.isShallow()).toBe(false);
  expect(await git.tagInfo('1.0.1')).toEqual(before);
  expect(await git.tagInfo('1.0.0')).toMatchObject({ annotated: true, message: '1.0.0' });
  expect(await git.ensureHistory()).toBe('fetched-tags');
  // The one tag a step needs as the remote has it comes by name.
  await git.fetchTag('1.0.1');
  expect(await git.tagInfo('1.0.1')).toMatchObject({ annotated: true, commit: before!.commit });
});

test('ensureHistory on a pull request merge commit: unshallowed though no branch reaches it', async () => {
  const remote = await sandbox.bare('pr-history');
  const dev = await sandbox.repo('pr-history-dev', remote);
  await dev.commit('one', { files: { a: '1\n' } });
  await dev.tag('1.0.0');
  await dev.branch('feature');
  await dev.switch('feature');
  await dev.commit('feature', { files: { b: '1\n' } });
  await dev.switch('main');
  await dev.commit('main', { files: { c: '1\n' } });
  await dev.pushAll();
  await sandbox.pullRequest(remote, { number: 3, head: 'feature', base: 'main' });
  const checkout = await sandbox.checkout(remote, 'refs/pull/3/merge');
  expect(await checkout.git.isShallow()).toBe(true);
  expect(await checkout.git.ensureHistory()).toBe('unshallowed');
  expect(await checkout.git.isShallow()).toBe(false);
  expect(await checkout.git.tagsMergedInto('HEAD')).toEqual(['1.0.0']);
});

test("a failed history fetch says git's line and what to set on actions/checkout", async () => {
  const repo = await sandbox.repo('no-remote-history');
  await repo.commit('one', { files: { a: '1\n' } });
  await repo.git.raw(['remote', 'add', 'origin', path.join(sandbox.root, 'nowhere.git')]);
  const error = await repo.git.ensureHistory().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe('ActionError');
  expect((error as Error).message).toMatch(
    /^Could not fetch the tags of origin, which this step reads \(fatal: .*nowhere\.git.*\)\. Set fetch-depth: 0 on the actions\/checkout step/,
  );
  await expect(Git.open(path.join(sandbox.root, 'remotes'))).rejects.toThrow(
    /is not a git work tree \(fatal: .*\)\. Add an actions\/checkout step before this one/,
  );
});

test('reasonLine picks what the server or git said; classifyPushFailure tells credentials apart', () => {
  expect(
    reasonLine(
      'remote: error: GH006: Protected branch update failed for refs/heads/main.\nTo x\n ! [remote rejected] main -> main (pre-receive hook declined)\nerror: failed to push some refs to x\n',
    ),
  ).toBe('remote: error: GH006: Protected branch update failed for refs/heads/main.');
  expect(reasonLine('From x\n ! [rejected]        1.0.1      -> 1.0.1  (would clobber existing tag)\n')).toBe(
    '! [rejected]        1.0.1      -> 1.0.1  (would clobber existing tag)',
  );
  expect(
    reasonLine(
      "hint: see git help\nfatal: could not read Username for 'http://127.0.0.1:1': terminal prompts disabled\n",
    ),
  ).toBe("fatal: could not read Username for 'http://127.0.0.1:1': terminal prompts disabled");
  expect(
    classifyPushFailure("fatal: could not read Username for 'https://github.com': terminal prompts disabled"),
  ).toBe('unauthorized');
  expect(classifyPushFailure('remote: Permission to ThePorgs/Exegol.git denied to github-actions[bot].')).toBe(
    'unauthorized',
  );
  expect(classifyPushFailure('remote: error: GH006: Protected branch update failed')).toBe('protected');
});
