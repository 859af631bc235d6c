// create-release end to end: the committed bundle, run as a runner runs it, on look-alike
// repositories right after a release PR was merged, against real bare remotes and the GitHub API
// double (which serves the same bare repositories). Request counts per scenario are asserted
// exactly: they are the action's cost on GitHub's rate limits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { faults, startGitHubDouble, type GitHubDouble, type Release } from '@exegol-actions/testkit/github-double';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { runAction, type ActionRun } from '@exegol-actions/testkit/runner';
import { githubProject, type GitHubProject, type ReleaseHistoryOptions } from '@exegol-actions/testkit/fixtures';
import { run as exec } from '@exegol-actions/core/exec';
import { recordRequests, requestTable } from '../request-counts.ts';

const OWNER = 'ThePorgs';
const TOKEN = 'ghs_createreleasetoken0001';

let sandbox: GitSandbox;
let double: GitHubDouble;
beforeAll(async () => {
  sandbox = await GitSandbox.create('create-release-');
  double = await startGitHubDouble({ tokens: { [TOKEN]: {} } });
});
afterAll(async () => {
  await double.stop();
  sandbox.cleanup();
  requestTable('create-release');
});
afterEach(() => {
  double.clearFaults();
  double.assertNoViolations();
  // Answered as GitHub answers, and still no key of ours that GitHub would ignore.
  double.assertNothingIgnored();
});

type Project = GitHubProject;

/** A repository right after its release PR was merged, known to the double, with its past releases. */
function project(
  repo: string,
  options: Partial<ReleaseHistoryOptions> = {},
  repoOptions: { immutableReleases?: boolean } = {},
): Promise<Project> {
  return githubProject(sandbox, double, repo, {
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1'],
    released: '4.3.5',
    owner: OWNER,
    repoOptions,
    ...options,
  });
}

/** The job after the merge: a depth-1 checkout of the release branch at the merge commit. */
async function release(
  p: Project,
  inputs: Record<string, string> = {},
  options: { checkout?: TestRepo; ref?: string; env?: Record<string, string>; token?: string } = {},
): Promise<ActionRun> {
  const checkout =
    options.checkout ?? (await sandbox.checkout(p.remote, options.ref ?? `refs/heads/${p.releaseBranch}`));
  return runAction({
    action: 'create-release',
    workspace: checkout.dir,
    ref: options.ref ?? `refs/heads/${p.releaseBranch}`,
    sha: p.mergeSha,
    repository: p.fullName,
    apiUrl: double.url,
    token: options.token ?? TOKEN,
    env: { ...sandbox.env(), ...options.env },
    inputs,
  });
}

/** Everything that must stay as it was when an action refuses: refs, tags and releases. */
async function snapshot(p: Project) {
  return {
    refs: await sandbox.refs(p.remote),
    releases: structuredClone(double.state.releases(p.fullName).map(strip)),
  };
}

function strip(r: Release) {
  return { ...r, assets: r.assets.map((a) => ({ ...a, data: a.data.toString('base64') })) };
}

/** The requests of one run, by operation: `list-releases 1, generate-release-notes 1, …`. */
async function counted(scenario: string, fn: () => Promise<ActionRun>): Promise<ActionRun & { requests: string[] }> {
  double.resetCounts();
  const run = await fn();
  const requests = double.requests.map((r) => `${r.operationId?.replace('repos/', '') ?? r.path} ${r.status}`);
  recordRequests('create-release', scenario, requests);
  return Object.assign(run, { requests });
}

async function sshKey(passphrase = ''): Promise<{ privateKey: string; publicKey: string }> {
  const file = path.join(sandbox.root, `key-${Math.random().toString(36).slice(2, 8)}`);
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'release-signer', '-f', file]);
  return { privateKey: fs.readFileSync(file, 'utf8'), publicKey: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
}

async function verifyWithGit(p: Project, tag: string, allowedSigners: string): Promise<string> {
  const file = path.join(sandbox.root, `allowed-${Math.random().toString(36).slice(2, 8)}`);
  fs.writeFileSync(file, `${allowedSigners}\n`);
  const res = await sandbox
    .git(p.remote)
    .with({ config: { 'gpg.ssh.allowedSignersFile': file } })
    .raw(['verify-tag', tag], { allowFailure: true });
  expect(res.code).toBe(0);
  return res.stderr;
}

describe('a wrapper release', () => {
  test('signed tag on the merge commit, release latest with notes since the last stable, in 3 requests; a re-run in 2', async () => {
    const p = await project('wrapper');
    const key = await sshKey();
    const run = await counted('new release, no assets (SSH-signed tag)', () =>
      release(p, { 'signing-key': key.privateKey }),
    );
    expect(run.stderr).toBe('');
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const created = double.state.releases(p.fullName).find((r) => r.tagName === '4.3.5')!;
    expect(run.outputs).toEqual({
      version: '4.3.5',
      tag: '4.3.5',
      'tag-created': 'true',
      'previous-tag': '4.3.4',
      'release-id': String(created.id),
      'release-url': `https://github.com/${p.fullName}/releases/tag/4.3.5`,
      'upload-url': `${double.url}/uploads/repos/${p.fullName}/releases/${created.id}/assets{?name,label}`,
      prerelease: 'false',
      latest: 'true',
      operation: 'created',
      assets: '[]',
    });
    expect(run.requests).toEqual(['list-releases 200', 'generate-release-notes 200', 'create-release 201']);

    // The tag: annotated, message = version, on the merge commit, SSH-signed and verified by git.
    const remote = sandbox.git(p.remote);
    expect(await remote.out(['cat-file', '-t', 'refs/tags/4.3.5'])).toBe('tag');
    expect(await remote.out(['rev-parse', '4.3.5^{commit}'])).toBe(p.mergeSha);
    expect(await remote.out(['tag', '-l', '--format=%(contents:subject)|%(taggername) %(taggeremail)', '4.3.5'])).toBe(
      '4.3.5|Github Actions <actions@github.com>',
    );
    expect(await verifyWithGit(p, '4.3.5', `actions@github.com namespaces="git" ${key.publicKey}`)).toContain(
      'Good "git" signature',
    );

    // The release: published, latest, notes from 4.3.4: GitHub lists the pull requests that
    // landed since, here the release pull request (not its commits).
    expect(created).toMatchObject({ name: '4.3.5', draft: false, prerelease: false, targetCommitish: p.mergeSha });
    expect(double.state.latestRelease(p.fullName)?.tagName).toBe('4.3.5');
    const [releasePr] = double.state.pulls(p.fullName);
    expect(created.body).toContain(
      `## What's Changed\n* Release 4.3.5 by @Dramelac in https://github.com/${p.fullName}/pull/${releasePr!.number}\n`,
    );
    expect(created.body).not.toContain('Version 4.3.5b1');
    expect(created.body).not.toContain('Release 4.3.4');
    expect(created.body).toContain(`**Full Changelog**: https://github.com/${p.fullName}/compare/4.3.4...4.3.5`);
    expect(run.masks).toContain(TOKEN);
    expect(run.summary).toContain('create-release: created 4.3.5');

    // Re-run with the same inputs, from a fresh checkout: nothing duplicated, nothing changed.
    const before = await snapshot(p);
    const again = await counted('re-run (existing-release: update)', () =>
      release(p, { 'signing-key': key.privateKey }),
    );
    expect(again.errors).toEqual([]);
    expect(again.outputs).toMatchObject({
      operation: 'unchanged',
      'tag-created': 'false',
      'release-id': String(created.id),
      latest: 'true',
    });
    expect(again.requests).toEqual(['list-releases 200', 'generate-release-notes 200']);
    expect(await snapshot(p)).toEqual(before);
    expect(again.stdout).toContain('Tag 4.3.5 already exists on origin on this commit');

    const keep = await counted('re-run (existing-release: keep)', () => release(p, { 'existing-release': 'keep' }));
    expect(keep.outputs.operation).toBe('unchanged');
    expect(keep.requests).toEqual(['list-releases 200']);
    expect(await snapshot(p)).toEqual(before);
  });

  test('a tag pushed by a maintainer, signed: verified, reused, released', async () => {
    const p = await project('human-tag');
    const key = await sshKey('maintainer passphrase');
    // The maintainer signs with their own key (`git tag -s`), as Exegol's did by hand.
    const { SigningSession } = await import('@exegol-actions/core/git');
    const session = await SigningSession.start(key.privateKey, { passphrase: 'maintainer passphrase' });
    await p.maintainer.git.with(session.gitOptions).createTag('4.3.5', {
      rev: p.mergeSha,
      message: '4.3.5',
      tagger: { name: 'Shutdown', email: 'shutdown@example.invalid' },
      sign: true,
    });
    await session.close();
    await p.maintainer.git.raw(['push', '--quiet', 'origin', 'refs/tags/4.3.5']);
    const tagObject = (await sandbox.refs(p.remote))['refs/tags/4.3.5'];

    const run = await release(
      p,
      { 'require-signed-tag': 'true', 'allowed-signers': `shutdown@example.invalid ${key.publicKey}` },
      { ref: 'refs/tags/4.3.5' },
    );
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      version: '4.3.5',
      'tag-created': 'false',
      operation: 'created',
      latest: 'true',
    });
    expect((await sandbox.refs(p.remote))['refs/tags/4.3.5']).toBe(tagObject);
    expect(run.summary).toContain('Good "git" signature for shutdown@example.invalid');
  });

  test('a release with the wrapper sdist: draft, upload, publish; a re-run skips the same file, a changed file is replaced', async () => {
    const p = await project('wrapper-assets', {}, { immutableReleases: false });
    const checkout = await sandbox.checkout(p.remote, `refs/heads/${p.releaseBranch}`);
    fs.mkdirSync(path.join(checkout.dir, 'dist'));
    fs.writeFileSync(path.join(checkout.dir, 'dist', 'exegol-4.3.5.tar.gz'), 'sdist bytes');
    const run = await counted('new release, 1 asset', () => release(p, { assets: 'dist/*.tar.gz' }, { checkout }));
    expect(run.errors).toEqual([]);
    expect(run.outputs.operation).toBe('created');
    expect(run.requests).toEqual([
      'list-releases 200',
      'generate-release-notes 200',
      'create-release 201',
      'list-releases 200',
      'upload-release-asset 201',
      'update-release 200',
    ]);
    const r = double.state.releases(p.fullName).find((x) => x.tagName === '4.3.5')!;
    expect(r.draft).toBe(false);
    expect(r.assets.map((a) => [a.name, a.data.toString()])).toEqual([['exegol-4.3.5.tar.gz', 'sdist bytes']]);
    expect(double.state.latestRelease(p.fullName)?.tagName).toBe('4.3.5');
    expect(JSON.parse(run.outputs.assets!)).toEqual([
      {
        name: 'exegol-4.3.5.tar.gz',
        action: 'uploaded',
        url: `https://github.com/${p.fullName}/releases/download/4.3.5/exegol-4.3.5.tar.gz`,
      },
    ]);

    const again = await counted('re-run, 1 asset unchanged', () =>
      release(p, { assets: 'dist/*.tar.gz' }, { checkout }),
    );
    expect(again.outputs.operation).toBe('unchanged');
    expect((JSON.parse(again.outputs.assets!) as { action: string }[])[0]!.action).toBe('unchanged');
    expect(again.requests).toEqual(['list-releases 200', 'generate-release-notes 200']);

    fs.writeFileSync(path.join(checkout.dir, 'dist', 'exegol-4.3.5.tar.gz'), 'rebuilt sdist bytes');
    const changed = await counted('re-run, 1 asset changed', () =>
      release(p, { assets: 'dist/*.tar.gz' }, { checkout }),
    );
    expect(changed.outputs.operation).toBe('updated');
    expect((JSON.parse(changed.outputs.assets!) as { action: string }[])[0]!.action).toBe('replaced');
    expect(changed.requests).toEqual([
      'list-releases 200',
      'generate-release-notes 200',
      'delete-release-asset 204',
      'upload-release-asset 201',
    ]);
    expect(double.state.releases(p.fullName).filter((x) => x.tagName === '4.3.5')).toHaveLength(1);
    expect(r.assets.map((a) => a.data.toString())).toEqual(['rebuilt sdist bytes']);
  });

  test('immutable releases: the assets go up before the release is published', async () => {
    const p = await project('immutable', {}, { immutableReleases: true });
    const checkout = await sandbox.checkout(p.remote, `refs/heads/${p.releaseBranch}`);
    fs.mkdirSync(path.join(checkout.dir, 'dist'));
    fs.writeFileSync(path.join(checkout.dir, 'dist', 'exegol-4.3.5.tar.gz'), 'sdist');
    const run = await release(p, { assets: 'dist/*' }, { checkout });
    expect(run.errors).toEqual([]);
    const r = double.state.releases(p.fullName).find((x) => x.tagName === '4.3.5')!;
    expect(r).toMatchObject({ draft: false });
    expect(r.assets).toHaveLength(1);
  });

  test('a beta: pre-release, not latest, notes since the previous tag of any kind', async () => {
    const p = await project('beta-release', { previous: '4.3.4', betas: [], released: '4.3.5' });
    // An earlier beta release, tagged and released as a pre-release.
    await p.maintainer.git.raw(['push', '--quiet', 'origin', `${p.devSha}:refs/tags/4.3.6b1`]);
    await double.act('repos/create-release', {
      owner: OWNER,
      repo: p.repo,
      tag_name: '4.3.6b1',
      prerelease: true,
      make_latest: 'false',
    });
    const run = await release(p, { version: '4.3.6b2' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      tag: '4.3.6b2',
      prerelease: 'true',
      latest: 'false',
      'previous-tag': '4.3.6b1',
    });
    expect(double.state.latestRelease(p.fullName)?.tagName).toBe('4.3.4');
    expect(double.state.releases(p.fullName).find((r) => r.tagName === '4.3.6b2')).toMatchObject({
      prerelease: true,
      draft: false,
    });
  });

  test('a release candidate written 4.3.6-RC1 (issue 15): tagged 4.3.6rc1 as PEP 440 spells it, a pre-release, not latest', async () => {
    const p = await project('rc-release');
    const run = await release(p, { version: '4.3.6-RC1' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ version: '4.3.6rc1', tag: '4.3.6rc1', prerelease: 'true', latest: 'false' });
    const refs = await sandbox.refs(p.remote);
    expect(refs['refs/tags/4.3.6rc1']).toBeDefined();
    expect(Object.keys(refs).filter((r) => /RC|-rc/.test(r))).toEqual([]);
    expect(double.state.releases(p.fullName).find((r) => r.tagName === '4.3.6rc1')).toMatchObject({
      prerelease: true,
      draft: false,
    });
  });

  test('a hotfix of an older line does not take latest from a higher release', async () => {
    const p = await project('hotfix', { previous: '4.2.0', betas: [], released: '4.2.1' });
    await p.maintainer.git.raw(['push', '--quiet', 'origin', `${p.previousSha}:refs/tags/4.3.0`]);
    await double.act('repos/create-release', { owner: OWNER, repo: p.repo, tag_name: '4.3.0', make_latest: 'true' });
    const run = await release(p, { version: '4.2.1' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ latest: 'false', prerelease: 'false', 'previous-tag': '4.2.0' });
    expect(double.state.latestRelease(p.fullName)?.tagName).toBe('4.3.0');
    expect(run.stdout).toContain('Not marked latest: the latest release 4.3.0 is higher than 4.2.1');
  });

  test('dry-run prints what it would create and touches nothing; under act it is the default', async () => {
    const p = await project('dry-run');
    const before = await snapshot(p);
    const run = await counted('dry-run', () => release(p, { 'dry-run': 'true', body: 'Highlights: faster start.' }));
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      operation: 'created',
      'tag-created': 'true',
      'release-id': '',
      latest: 'true',
    });
    expect(run.summary).toContain('(dry-run)');
    expect(run.summary).toContain('Would create the annotated tag 4.3.5');
    expect(run.summary).toContain('Highlights: faster start.');
    expect(run.summary).toContain("## What's Changed");
    expect(run.requests).toEqual(['list-releases 200', 'generate-release-notes 200']);
    expect(run.stdout).toContain('::group::dry-run: what would be made');
    expect(run.stdout).toContain('release:    "4.3.5" (created), prerelease false, latest true');
    expect(run.stdout).toContain("Highlights: faster start.\n\n## What's Changed");
    expect(await snapshot(p)).toEqual(before);
    const act = await release(p, {}, { env: { ACT: 'true' } });
    expect(act.outputs.operation).toBe('created');
    expect(await snapshot(p)).toEqual(before);
  });
});

describe('an images-style release', () => {
  test('no version file: version given, "Exegol images X.Y.Z", tag "Release X.Y.Z" signed with GPG, notes since the last stable (not the beta)', async () => {
    const p = await project('images', {
      kind: 'images',
      previous: '3.1.5',
      betas: ['3.1.6b1'],
      tagBetas: true,
      released: '3.1.6',
    });
    await double.act('repos/create-release', {
      owner: OWNER,
      repo: p.repo,
      tag_name: '3.1.6b1',
      name: 'Exegol images 3.1.6b1',
      prerelease: true,
      make_latest: 'false',
    });
    const key = await gpgKey('images passphrase');
    const run = await counted('images release (GPG-signed tag)', () =>
      release(p, {
        version: '3.1.6',
        name: 'Exegol images {version}',
        'tag-message': 'Release {version}',
        'signing-key': key.privateKey,
        'signing-key-passphrase': 'images passphrase',
      }),
    );
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      tag: '3.1.6',
      'previous-tag': '3.1.5',
      latest: 'true',
      prerelease: 'false',
      operation: 'created',
    });
    expect(run.requests).toEqual(['list-releases 200', 'generate-release-notes 200', 'create-release 201']);
    const r = double.state.releases(p.fullName).find((x) => x.tagName === '3.1.6')!;
    expect(r.name).toBe('Exegol images 3.1.6');
    expect(r.body).toContain('compare/3.1.5...3.1.6');
    const remote = sandbox.git(p.remote);
    expect(await remote.out(['tag', '-l', '--format=%(contents:subject)', '3.1.6'])).toBe('Release 3.1.6');
    const verified = await remote.verifyTag('3.1.6', { gpgPublicKeys: key.publicKey });
    expect(verified).toMatchObject({ signature: 'gpg', verified: true });
  });
});

async function gpgKey(passphrase: string): Promise<{ privateKey: string; publicKey: string }> {
  const home = fs.mkdtempSync(path.join(sandbox.root, 'gpg-'));
  fs.chmodSync(home, 0o700);
  const env = { GNUPGHOME: home };
  await exec(
    'gpg',
    [
      '--batch',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      passphrase,
      '--quick-gen-key',
      'Exegol Images <images@example.invalid>',
      'ed25519',
      'sign',
      'never',
    ],
    { env },
  );
  const privateKey = (
    await exec(
      'gpg',
      ['--batch', '--pinentry-mode', 'loopback', '--passphrase', passphrase, '--armor', '--export-secret-keys'],
      { env },
    )
  ).stdout;
  const publicKey = (await exec('gpg', ['--batch', '--armor', '--export'], { env })).stdout;
  await exec('gpgconf', ['--homedir', home, '--kill', 'all'], { env, allowFailure: true });
  return { privateKey, publicKey };
}

describe('re-run safety and races', () => {
  test('a run that failed after the tag was made completes on re-run', async () => {
    const p = await project('half-done');
    double.injectFault({ operationId: 'repos/create-release', times: Infinity, ...faults.forbidden('contents=write') });
    const failed = await release(p);
    expect(failed.exitCode).toBe(1);
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]!.message).toContain('the token lacks the "contents: write" permission');
    expect((await sandbox.refs(p.remote))['refs/tags/4.3.5']).toBeDefined();
    double.clearFaults();
    const again = await release(p);
    expect(again.errors).toEqual([]);
    expect(again.outputs).toMatchObject({ 'tag-created': 'false', operation: 'created' });
    expect(double.state.releases(p.fullName).filter((r) => r.tagName === '4.3.5')).toHaveLength(1);
  });

  test('two runs at once for the same tag end with one release (no assets)', async () => {
    const p = await project('race-plain');
    const [a, b] = await Promise.all([release(p), release(p)]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expect(double.state.releases(p.fullName).filter((r) => r.tagName === '4.3.5')).toHaveLength(1);
    expect([a.outputs['release-id']]).toEqual([b.outputs['release-id']]);
    expect([a.outputs.operation, b.outputs.operation].sort()).toEqual(expect.arrayContaining(['created']));
  });

  test('two runs at once for the same tag end with one release (with assets: two drafts, one kept)', async () => {
    const p = await project('race-assets');
    const checkouts = await Promise.all(
      [0, 1].map((i) => sandbox.checkout(p.remote, `refs/heads/${p.releaseBranch}`, { name: `race-assets-${i}` })),
    );
    for (const c of checkouts) {
      fs.mkdirSync(path.join(c.dir, 'dist'));
      fs.writeFileSync(path.join(c.dir, 'dist', 'exegol-4.3.5.tar.gz'), 'same sdist');
    }
    const [a, b] = (await Promise.all(
      checkouts.map((checkout) => release(p, { assets: 'dist/*.tar.gz' }, { checkout })),
    )) as [ActionRun, ActionRun];
    expect([a.errors, b.errors]).toEqual([[], []]);
    const releases = double.state.releases(p.fullName).filter((r) => r.tagName === '4.3.5');
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ draft: false });
    expect(releases[0]!.assets.map((x) => x.name)).toEqual(['exegol-4.3.5.tar.gz']);
    expect(a.outputs['release-id']).toBe(b.outputs['release-id']);
  });

  test('another run creates the release between our look and our create: 422 already_exists, adopted', async () => {
    const p = await project('race-hook');
    let otherId = 0;
    double.injectFault({
      operationId: 'repos/create-release',
      before: async (d) => {
        otherId = (
          (await d.act('repos/create-release', {
            owner: OWNER,
            repo: p.repo,
            tag_name: '4.3.5',
            name: '4.3.5',
            body: 'made by the other run',
          })) as { id: number }
        ).id;
      },
    });
    const run = await counted('race: 422 already_exists on create', () => release(p));
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ operation: 'updated', 'release-id': String(otherId) });
    expect(run.stdout).toContain('Another run created the release for 4.3.5 first');
    expect(run.requests).toEqual([
      'list-releases 200',
      'generate-release-notes 200',
      'create-release 422',
      'list-releases 200',
      'update-release 200',
    ]);
    const releases = double.state.releases(p.fullName).filter((r) => r.tagName === '4.3.5');
    expect(releases).toHaveLength(1);
    expect(releases[0]!.body).toContain("## What's Changed");
  });

  test('another run makes a draft at the same time: ours is deleted, theirs completed', async () => {
    const p = await project('race-draft');
    const checkout = await sandbox.checkout(p.remote, `refs/heads/${p.releaseBranch}`);
    fs.mkdirSync(path.join(checkout.dir, 'dist'));
    fs.writeFileSync(path.join(checkout.dir, 'dist', 'exegol-4.3.5.tar.gz'), 'sdist');
    let theirs = 0;
    double.injectFault({
      operationId: 'repos/create-release',
      before: async (d) => {
        theirs = (
          (await d.act('repos/create-release', { owner: OWNER, repo: p.repo, tag_name: '4.3.5', draft: true })) as {
            id: number;
          }
        ).id;
      },
    });
    const run = await release(p, { assets: 'dist/*' }, { checkout });
    expect(run.errors).toEqual([]);
    expect(run.outputs['release-id']).toBe(String(theirs));
    const releases = double.state.releases(p.fullName).filter((r) => r.tagName === '4.3.5');
    expect(releases.map((r) => [r.id, r.draft, r.assets.length])).toEqual([[theirs, false, 1]]);
  });
});

describe('injected faults are survived', () => {
  test.each([
    [
      '5xx on list',
      { operationId: 'repos/list-releases', ...faults.serverError(502) },
      ['list-releases 502', 'list-releases 200', 'generate-release-notes 200', 'create-release 201'],
    ],
    [
      '429 rate limit on notes',
      { operationId: 'repos/generate-release-notes', ...faults.rateLimit(1) },
      ['list-releases 200', 'generate-release-notes 429', 'generate-release-notes 200', 'create-release 201'],
    ],
    [
      'secondary rate limit on create',
      { operationId: 'repos/create-release', ...faults.secondaryRateLimit(1) },
      ['list-releases 200', 'generate-release-notes 200', 'create-release 403', 'create-release 201'],
    ],
  ])('%s', async (scenario, fault, expected) => {
    const p = await project(`fault-${scenario.replace(/\W+/g, '-')}`);
    double.injectFault(fault);
    const run = await counted(`fault: ${scenario}`, () => release(p));
    expect(run.errors).toEqual([]);
    expect(run.outputs.operation).toBe('created');
    expect(run.requests).toEqual(expected);
    expect(double.state.releases(p.fullName).filter((r) => r.tagName === '4.3.5')).toHaveLength(1);
  });

  test('5xx after GitHub made the release: the retried create meets 422 already_exists and adopts it', async () => {
    const p = await project('fault-5xx-after-create');
    double.injectFault({
      operationId: 'repos/create-release',
      ...faults.serverError(502),
      before: async (d) => {
        await d.act('repos/create-release', {
          owner: OWNER,
          repo: p.repo,
          tag_name: '4.3.5',
          target_commitish: p.mergeSha,
          name: '4.3.5',
          body: 'partial',
        });
      },
    });
    const run = await counted('fault: 502 after create, retry 422', () => release(p));
    expect(run.errors).toEqual([]);
    expect(run.requests).toEqual([
      'list-releases 200',
      'generate-release-notes 200',
      'create-release 502',
      'create-release 422',
      'list-releases 200',
      'update-release 200',
    ]);
    expect(double.state.releases(p.fullName).filter((r) => r.tagName === '4.3.5')).toHaveLength(1);
  });
});

describe('refusals: one clear error, nothing changed', () => {
  let p: Project;
  beforeAll(async () => {
    p = await project('refusals');
  });

  async function refused(
    inputs: Record<string, string>,
    options: Parameters<typeof release>[2] = {},
  ): Promise<ActionRun> {
    const before = await snapshot(p);
    double.resetCounts();
    const run = await release(p, inputs, options);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(await snapshot(p)).toEqual(before);
    expect(
      double.requests.filter((r) => r.method !== 'GET' && r.operationId !== 'repos/generate-release-notes'),
    ).toEqual([]);
    return run;
  }

  test.each([
    [{ version: 'release-candidate' }, 'Input "version": "release-candidate" is not a valid version'],
    [{ version: '4.0-dev' }, 'Input "version": "4.0-dev" is not a valid version'],
    [
      { 'signing-key': 'not a key at all' },
      'Input "signing-key": is neither an SSH private key nor an armored GPG private key',
    ],
    [{ assets: 'dist/*.tar.gz' }, 'Input "assets": "dist/*.tar.gz" matches no file'],
    [{ prerelease: 'maybe' }, 'Input "prerelease": unknown value "maybe"'],
    [{ identity: 'Github Actions' }, 'Input "identity": "Github Actions" is not "Name <email>"'],
    [{ commit: 'no-such-branch' }, 'Input "commit": "no-such-branch" is not a commit of the checkout'],
    [{ 'notes-since': '1.0.0' }, 'Input "notes-since": tag "1.0.0" does not exist'],
    [
      { 'signing-key-passphrase': 'orphan passphrase' },
      'Input "signing-key-passphrase": is set but signing-key is empty',
    ],
  ])('%j', async (inputs, message) => {
    const run = await refused(inputs);
    expect(run.errors[0]!.message).toContain(message);
  });

  test('a passphrase-protected key without its passphrase', async () => {
    const key = await sshKey('the passphrase');
    const run = await refused({ 'signing-key': key.privateKey });
    expect(run.errors[0]!.message).toContain(
      'Input "signing-key-passphrase": is empty but the SSH key is protected by a passphrase',
    );
  });

  test('a pushed tag that is not a version', async () => {
    const checkout = await sandbox.checkout(p.remote, `refs/heads/${p.releaseBranch}`);
    const run = await refused({}, { ref: 'refs/tags/nightly', checkout });
    expect(run.errors[0]!.message).toContain('Input "version": is empty and the pushed tag "nightly" is not a version');
  });

  test('the tag exists on another commit', async () => {
    await p.maintainer.git.raw(['push', '--quiet', 'origin', `${p.previousSha}:refs/tags/4.3.5`]);
    const run = await refused({});
    expect(run.errors[0]!.message).toMatch(
      /Tag 4\.3\.5 already exists on origin at commit [0-9a-f]{8}, not at [0-9a-f]{8}\. Nothing was changed/,
    );
    await p.maintainer.git.raw(['push', '--quiet', 'origin', ':refs/tags/4.3.5']);
  });

  test('an unsigned tag when a signed one is required', async () => {
    const run = await refused({ 'require-signed-tag': 'true' });
    expect(run.errors[0]!.message).toContain('Input "require-signed-tag": is true, but tag 4.3.5 does not exist');
  });

  test('a token without contents: write', async () => {
    double.addToken('ghs_readonlytoken00000001', { permissions: { contents: 'read' } });
    const before = await snapshot(p);
    const run = await release(p, { 'dry-run': 'false' }, { token: 'ghs_readonlytoken00000001' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toContain(
      'Could not generate the release notes: the token lacks the "contents: write" permission',
    );
    // Generating notes is the first write-permission call, and it comes before the tag is pushed.
    expect(await snapshot(p)).toEqual(before);
  });
});
