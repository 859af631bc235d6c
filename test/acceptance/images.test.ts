// Exegol-images 3.1.15 replayed on the real repository (images.bundle, cut from
// ThePorgs/Exegol-images; commits named by their upstream ids). The images have no version file:
// the version comes from the release pull request's title, then from the tag. The remote is
// rewound to the moment PR #693 "Release 3.1.15" (dev → main) was open; each job starts with the
// real actions/checkout.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { EXEGOL_RELEASES, exegolRemote, type ExegolRemote } from '@exegol-actions/testkit/fixtures';
import { DEFAULT_CHECKOUT, GitSandbox } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { checks, startJob, step } from './steps.ts';

const MAINTAINER = 'github_pat_acceptanceshutdown01';
const PRESET = { preset: 'exegol-images', 'release-branch': 'main' };
const REAL = EXEGOL_RELEASES.images['3.1.15'];

describe('the release of Exegol-images 3.1.15', () => {
  let sandbox: GitSandbox;
  let double: GitHubDouble;
  let images: ExegolRemote;
  let realTag: string;
  beforeAll(async () => {
    sandbox = await GitSandbox.create('acceptance-images-');
    images = await exegolRemote(sandbox, 'images', 'ThePorgs/Exegol-images');
    // main at the 3.1.14 era's merge (PR #679), dev at the head of PR #693.
    const deleted = await images.rewind({
      branches: { main: images.commit(REAL.releaseBefore), dev: images.commit(REAL.devHead) },
      tags: REAL.tagsBefore,
    });
    realTag = deleted['3.1.15']!;
    double = await startGitHubDouble({
      tokens: { [sandbox.token]: {}, [MAINTAINER]: { kind: 'pat', login: 'ShutdownRepo' } },
    });
    const repo = double.addRepo('ThePorgs/Exegol-images', images.remote, { defaultBranch: 'main' });
    await double.act('repos/create-release', {
      owner: 'ThePorgs',
      repo: 'Exegol-images',
      tag_name: '3.1.14',
      name: 'Exegol images 3.1.14',
      make_latest: 'true',
    });
    repo.nextNumber = 693;
    await double.act(
      'pulls/create',
      { owner: 'ThePorgs', repo: 'Exegol-images', head: 'dev', base: 'main', title: 'Release 3.1.15' },
      { token: MAINTAINER },
    );
  });
  afterAll(async () => {
    await double.stop();
    sandbox.cleanup();
  });
  afterEach(() => double.assertNoViolations());

  test('the gate on the release pull request takes 3.1.15 from its title', async () => {
    const pull = await sandbox.pullRequest(images.remote, {
      number: 693,
      head: 'dev',
      base: 'main',
      title: 'Release 3.1.15',
    });
    const remote = sandbox.git(images.remote);
    // GitHub's test merge is the tree of the maintainers' merge (9d08a70f "Release 3.1.15").
    expect(await remote.out(['rev-parse', `${pull.mergeSha}^{tree}`])).toBe(
      await remote.out(['rev-parse', `${images.commit(REAL.merge)}^{tree}`]),
    );
    expect(await remote.out(['log', '-1', '--format=%b', images.commit(REAL.merge)])).toBe('Release 3.1.15');
    const job = await startJob(sandbox, images.remote, 'refs/pull/693/merge');
    const run = await step(job, 'verify-version', { api: double, inputs: { ...PRESET, 'check-release-pr': 'true' } });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      version: '3.1.15',
      'is-prerelease': 'false',
      'previous-tag': '3.1.14',
      'next-beta': '3.1.16b1',
    });
    expect(checks(run)).toMatchObject({ stable: 'pass', 'release-pr': 'pass' });
  });

  test('create-release on main after the merge and its fix: the tag where upstream put it, "Exegol images 3.1.15" latest', async () => {
    // Upstream merged PR #693, then fixed a typo on main (4dd9a3db) and tagged that.
    const tagged = images.commit(REAL.tagged);
    await images.setBranches({ main: tagged });
    const job = await startJob(sandbox, images.remote, 'refs/heads/main');
    const run = await step(job, 'create-release', {
      api: double,
      inputs: { preset: 'exegol-images', version: '3.1.15', name: 'Exegol images {version}' },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      tag: '3.1.15',
      'tag-created': 'true',
      'previous-tag': '3.1.14',
      latest: 'true',
      operation: 'created',
    });
    const remote = sandbox.git(images.remote);
    expect(await remote.tagInfo('3.1.15')).toMatchObject({ annotated: true, commit: tagged, message: '3.1.15' });
    expect(await remote.out(['cat-file', 'tag', realTag])).toContain(`object ${tagged}\ntype commit\ntag 3.1.15\n`);
    const release = double.state.releases('ThePorgs/Exegol-images').find((r) => r.tagName === '3.1.15')!;
    expect(release.name).toBe('Exegol images 3.1.15');
    expect(double.state.latestRelease('ThePorgs/Exegol-images')?.id).toBe(release.id);
  });

  test.each([...new Set(['v4.2.2', DEFAULT_CHECKOUT, 'v7.0.1'] as const)])(
    'the push of the real tag 3.1.15, after actions/checkout %s',
    async (version) => {
      await sandbox.git(images.remote).raw(['update-ref', 'refs/tags/3.1.15', realTag]);
      const job = await startJob(sandbox, images.remote, 'refs/tags/3.1.15', { version });
      const run = await step(job, 'verify-version', { inputs: PRESET });
      expect(run.errors).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toMatchObject({ version: '3.1.15', 'is-prerelease': 'false', 'previous-tag': '3.1.14' });
      expect(checks(run)).toMatchObject({ stable: 'pass' });
      expect(await job.git.out(['rev-parse', 'refs/tags/3.1.15^{commit}'])).toBe(images.commit(REAL.tagged));
    },
  );
});
