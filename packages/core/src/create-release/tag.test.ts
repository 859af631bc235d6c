// The tag step of create-release against real repositories and bare remotes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { run } from '../exec/index.ts';
import { ACTIONS_IDENTITY, SigningSession } from '../git/index.ts';
import { ensureTag, type TagRequest } from './tag.ts';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('create-release-tag-');
});
afterAll(() => sandbox.cleanup());

async function project(
  name: string,
): Promise<{ remote: string; maintainer: TestRepo; checkout: TestRepo; first: string; release: string }> {
  const remote = await sandbox.bare(name);
  const maintainer = await sandbox.repo(`${name}-maintainer`, remote);
  const first = await maintainer.commit('first', { files: { v: '1\n' } });
  const release = await maintainer.commit('release', { files: { v: '2\n' } });
  await maintainer.pushAll();
  const checkout = await sandbox.checkout(remote, 'refs/heads/main', { name: `${name}-checkout` });
  return { remote, maintainer, checkout, first, release };
}

const request = (
  commit: string,
  extra: Partial<TagRequest & { dryRun: boolean }> = {},
): TagRequest & { dryRun: boolean } => ({
  name: '4.3.5',
  commit,
  message: '4.3.5',
  tagger: ACTIONS_IDENTITY,
  requireSigned: false,
  trust: {},
  dryRun: false,
  ...extra,
});

async function sshKey(): Promise<{ privateKey: string; publicKey: string }> {
  const file = path.join(sandbox.root, `key-${Math.random().toString(36).slice(2, 8)}`);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'signer', '-f', file]);
  return { privateKey: fs.readFileSync(file, 'utf8'), publicKey: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
}

describe('ensureTag', () => {
  test('creates an annotated tag on the commit and pushes it; a second call reuses it', async () => {
    const p = await project('create');
    const made = await ensureTag(p.checkout.git, request(p.release), null);
    expect(made).toMatchObject({ created: true, pushed: true, signature: null, commit: p.release });
    const remoteTag = await p.checkout.git.remoteTag('4.3.5');
    expect(remoteTag?.commit).toBe(p.release);
    expect(await sandbox.git(p.remote).out(['cat-file', '-t', 'refs/tags/4.3.5'])).toBe('tag');
    expect(await sandbox.git(p.remote).out(['tag', '-l', '--format=%(contents:subject)', '4.3.5'])).toBe('4.3.5');

    const other = await sandbox.checkout(p.remote, 'refs/heads/main', { name: 'create-again' });
    const again = await ensureTag(other.git, request(p.release), null);
    expect(again).toMatchObject({ created: false, pushed: false });
    expect(again.note).toContain('already exists on origin on this commit');
    expect((await other.git.remoteTag('4.3.5'))!.object).toBe(remoteTag!.object);
  });

  test('a tag on another commit: a clear error, nothing changed', async () => {
    const p = await project('elsewhere');
    await p.maintainer.tag('4.3.5', { rev: p.first });
    await p.maintainer.pushAll();
    const refs = await sandbox.refs(p.remote);
    await expect(ensureTag(p.checkout.git, request(p.release), null)).rejects.toThrow(
      /Tag 4\.3\.5 already exists on origin at commit [0-9a-f]{8}, not at [0-9a-f]{8}\. Nothing was changed/,
    );
    expect(await sandbox.refs(p.remote)).toEqual(refs);
  });

  test('a local tag on another commit that the remote lacks: refused, nothing pushed', async () => {
    const p = await project('local-elsewhere');
    await p.checkout.git.raw(['fetch', '--quiet', '--unshallow', 'origin']);
    await p.checkout.tag('4.3.5', { rev: p.first });
    const refs = await sandbox.refs(p.remote);
    await expect(ensureTag(p.checkout.git, request(p.release), null)).rejects.toThrow(/A local tag 4\.3\.5 points at/);
    expect(await sandbox.refs(p.remote)).toEqual(refs);
  });

  test('dry-run makes and pushes nothing', async () => {
    const p = await project('dry');
    const refs = await sandbox.refs(p.remote);
    const out = await ensureTag(p.checkout.git, request(p.release, { dryRun: true }), null);
    expect(out).toMatchObject({ created: true, pushed: false });
    expect(out.note).toContain('Would create the annotated tag 4.3.5');
    expect(await sandbox.refs(p.remote)).toEqual(refs);
    expect(await p.checkout.git.tagInfo('4.3.5')).toBeNull();
  });

  test('another run pushes the same tag first: its tag is reused', async () => {
    const p = await project('race');
    // The other run's tag appears on the remote between our look and our push.
    const rival = await sandbox.checkout(p.remote, 'refs/heads/main', { name: 'race-rival' });
    await rival.git.createTag('4.3.5', {
      rev: p.release,
      message: '4.3.5',
      tagger: { name: 'Rival', email: 'rival@example.invalid' },
    });
    const hook = path.join(p.checkout.dir, '.git', 'hooks', 'pre-push');
    fs.writeFileSync(
      hook,
      `#!/bin/sh\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\ngit -C '${rival.dir}' push --quiet origin refs/tags/4.3.5\n`,
      { mode: 0o755 },
    );
    const out = await ensureTag(p.checkout.git, request(p.release), null);
    expect(out).toMatchObject({ created: false, pushed: false });
    expect(out.note).toContain('Another run pushed tag 4.3.5 on the same commit first');
    const theirs = (await rival.git.tagInfo('4.3.5'))!.object;
    expect((await p.checkout.git.tagInfo('4.3.5'))!.object).toBe(theirs);
    expect((await sandbox.refs(p.remote))['refs/tags/4.3.5']).toBe(theirs);
  });

  test('another run pushes the tag on another commit meanwhile: error, our local tag removed', async () => {
    const p = await project('race-other');
    const rival = await sandbox.checkout(p.remote, 'refs/heads/main', { name: 'race-other-rival', depth: 0 });
    await rival.git.createTag('4.3.5', { rev: p.first, message: '4.3.5', tagger: ACTIONS_IDENTITY });
    fs.writeFileSync(
      path.join(p.checkout.dir, '.git', 'hooks', 'pre-push'),
      `#!/bin/sh\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\ngit -C '${rival.dir}' push --quiet origin refs/tags/4.3.5\n`,
      { mode: 0o755 },
    );
    await expect(ensureTag(p.checkout.git, request(p.release), null)).rejects.toThrow(
      /appeared on origin .* while this run was making it/,
    );
    expect(await p.checkout.git.tagInfo('4.3.5')).toBeNull();
    expect((await p.checkout.git.remoteTag('4.3.5'))!.commit).toBe(p.first);
  });

  test('signs with an SSH key; require-signed-tag accepts a signed tag that verifies and refuses others', async () => {
    const p = await project('signed');
    const key = await sshKey();
    const session = await SigningSession.start(key.privateKey);
    try {
      const made = await ensureTag(p.checkout.git, request(p.release), session);
      expect(made).toMatchObject({ created: true, signature: 'ssh' });
      expect(made.note).toContain(`key ${session.fingerprint}`);
    } finally {
      await session.close();
    }
    const allowedSigners = `actions@github.com namespaces="git" ${key.publicKey}`;
    const human = await sandbox.checkout(p.remote, 'refs/heads/main', { name: 'signed-again' });
    const ok = await ensureTag(human.git, request(p.release, { requireSigned: true, trust: { allowedSigners } }), null);
    expect(ok.verification).toMatchObject({ signature: 'ssh', verified: true });

    const stranger = await sshKey();
    await expect(
      ensureTag(
        human.git,
        request(p.release, {
          requireSigned: true,
          trust: { allowedSigners: `x@example.invalid ${stranger.publicKey}` },
        }),
        null,
      ),
    ).rejects.toThrow(/must be signed \(require-signed-tag\), but its SSH signature does not verify/);
  });

  test('require-signed-tag refuses an unsigned tag pushed by hand, and a missing tag without a key', async () => {
    const p = await project('unsigned');
    await expect(ensureTag(p.checkout.git, request(p.release, { requireSigned: true }), null)).rejects.toThrow(
      /Input "require-signed-tag": is true, but tag 4\.3\.5 does not exist/,
    );
    await p.maintainer.tag('4.3.5', { rev: p.release });
    await p.maintainer.pushAll();
    const refs = await sandbox.refs(p.remote);
    await expect(ensureTag(p.checkout.git, request(p.release, { requireSigned: true }), null)).rejects.toThrow(
      /must be signed \(require-signed-tag\), but tag 4\.3\.5 is not signed/,
    );
    expect(await sandbox.refs(p.remote)).toEqual(refs);
  });
});
