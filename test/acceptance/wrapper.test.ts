// Exegol's wrapper releases 4.3.9 and 5.1.4 replayed on the real repository (wrapper.bundle, cut
// from ThePorgs/Exegol; commits are named by their upstream ids). For each release the remote is
// rewound to the moment the release pull request was open (master at the previous release, dev
// at the release commit, only the tags pushed by then), and the pipeline runs as a workflow
// would, each job starting with the real actions/checkout: the gate on the pull request (its
// merge ref), create-release on the real merge commit, bump-next-beta, and verify-version on the
// push of the real annotated tag. The real beta commits are refused at the gate.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import {
  EXEGOL_RELEASES,
  exegolRemote,
  type ExegolRealRelease,
  type ExegolRemote,
} from '@exegol-actions/testkit/fixtures';
import { DEFAULT_CHECKOUT, GitSandbox } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { checks, startJob, step } from './steps.ts';

const CONFIG = 'exegol/config/ConstantConfig.py';
const MAINTAINER = 'github_pat_acceptancedramelac01';

interface RealRelease extends ExegolRealRelease {
  /** The version line in ConstantConfig.py: its number and the line itself. */
  line: number;
  text: string;
  /** The test file, which upstream stopped updating at 4.3.7. */
  testFile: string;
  nextBeta: string;
  /** The next beta's version line as upstream wrote it, when upstream has that commit. */
  realNextBeta?: { commit: string; text: string };
}

const RELEASES: RealRelease[] = [
  {
    ...EXEGOL_RELEASES.wrapper['4.3.9'],
    line: 8,
    text: '    version: str = "4.3.9"',
    testFile: 'tests/test_exegol.py',
    nextBeta: '4.3.10b1',
    realNextBeta: { commit: '38d0460', text: '    version: str = "4.3.10b1"' },
  },
  {
    // No 5.1.5b1 yet in the snapshot.
    ...EXEGOL_RELEASES.wrapper['5.1.4'],
    line: 4,
    text: '__version__ = "5.1.4"',
    testFile: 'tests/exegol_test.py',
    nextBeta: '5.1.5b1',
  },
];

describe.each(RELEASES)('the release of $version', (real) => {
  let sandbox: GitSandbox;
  let double: GitHubDouble;
  let wrapper: ExegolRemote;
  /** The real annotated tag upstream pushed, as the bundle holds it. */
  let realTag: string;
  beforeAll(async () => {
    sandbox = await GitSandbox.create(`acceptance-wrapper-${real.version}-`);
    wrapper = await exegolRemote(sandbox, 'wrapper', 'ThePorgs/Exegol');
    const deleted = await wrapper.rewind({
      branches: { master: wrapper.commit(real.releaseBefore), dev: wrapper.commit(real.devHead) },
      tags: real.tagsBefore,
    });
    realTag = deleted[real.version]!;
    // One token for git and the API, as GITHUB_TOKEN is.
    double = await startGitHubDouble({
      tokens: { [sandbox.token]: {}, [MAINTAINER]: { kind: 'pat', login: 'Dramelac' } },
    });
    const repo = double.addRepo('ThePorgs/Exegol', wrapper.remote, { defaultBranch: 'master' });
    await double.act('repos/create-release', {
      owner: 'ThePorgs',
      repo: 'Exegol',
      tag_name: real.previous,
      name: real.previous,
      make_latest: 'true',
    });
    // The pull request gets its real number, on GitHub (the double) and as refs in the remote.
    repo.nextNumber = real.pr;
    const pr = (await double.act(
      'pulls/create',
      { owner: 'ThePorgs', repo: 'Exegol', head: 'dev', base: 'master', title: real.title },
      { token: MAINTAINER },
    )) as { number: number };
    expect(pr.number).toBe(real.pr);
  });
  afterAll(async () => {
    await double.stop();
    sandbox.cleanup();
  });
  afterEach(() => double.assertNoViolations());

  test('the gate on the release pull request passes, the test file left at 4.3.7 a warning', async () => {
    const pull = await sandbox.pullRequest(wrapper.remote, {
      number: real.pr,
      head: 'dev',
      base: 'master',
      title: real.title,
    });
    // GitHub's test merge of the pull request is the tree the maintainers' merge commit has.
    const remote = sandbox.git(wrapper.remote);
    expect(await remote.out(['rev-parse', `${pull.mergeSha}^{tree}`])).toBe(
      await remote.out(['rev-parse', `${wrapper.commit(real.merge)}^{tree}`]),
    );
    const job = await startJob(sandbox, wrapper.remote, `refs/pull/${real.pr}/merge`);
    const run = await step(job, 'verify-version', { api: double, inputs: { 'check-release-pr': 'true' } });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const [major, minor, patch] = real.version.split('.');
    expect(run.outputs).toMatchObject({
      version: real.version,
      'is-prerelease': 'false',
      major,
      minor,
      patch,
      final: real.version,
      'previous-tag': real.previous,
      'next-beta': real.nextBeta,
    });
    expect(checks(run)).toMatchObject({ stable: 'pass', 'release-pr': 'pass' });
    const warnings = run.annotations.filter((a) => a.level === 'warning');
    expect(warnings).toEqual([expect.objectContaining({ file: real.testFile, line: 5 })]);
    expect(warnings[0]!.message).toContain('4.3.7');
  });

  test('create-release on the real merge commit makes the tag upstream has, and the latest release', async () => {
    // The maintainers merged with a merge commit: master moves to the real one.
    const merge = wrapper.commit(real.merge);
    await wrapper.setBranches({ master: merge });
    const pull = double.state.pulls('ThePorgs/Exegol').find((p) => p.number === real.pr)!;
    const brought = await sandbox.git(wrapper.remote).lines(['rev-list', `${merge}^2`, `^${merge}^1`]);
    // Merged as the maintainers did, with a merge commit: what landed is dev's commits and the merge.
    Object.assign(pull, {
      state: 'closed',
      mergedAt: '2026-01-01T00:00:00Z',
      closedAt: '2026-01-01T00:00:00Z',
      mergeCommitSha: merge,
      mergedCommits: brought,
      mergeMethod: 'merge',
      landedCommits: [...brought, merge],
    });

    const job = await startJob(sandbox, wrapper.remote, 'refs/heads/master');
    const run = await step(job, 'create-release', { api: double });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      version: real.version,
      tag: real.version,
      'tag-created': 'true',
      'previous-tag': real.previous,
      latest: 'true',
      prerelease: 'false',
      operation: 'created',
    });

    // The tag: on the commit upstream's tag is on, annotated, message the version as upstream's.
    const remote = sandbox.git(wrapper.remote);
    const ours = (await remote.tagInfo(real.version))!;
    const upstream = await remote.out(['cat-file', 'tag', realTag]);
    expect(ours).toMatchObject({ annotated: true, commit: merge });
    expect(real.tagged).toBe(real.merge);
    expect(upstream).toContain(`object ${merge}\ntype commit\ntag ${real.version}\n`);
    expect(ours.message).toBe(real.version);
    expect(upstream.split('\n\n')[1]!.split('\n')[0]).toBe(real.version);

    const release = double.state.releases('ThePorgs/Exegol').find((r) => r.tagName === real.version)!;
    expect(release).toMatchObject({ name: real.version, draft: false, prerelease: false });
    expect(double.state.latestRelease('ThePorgs/Exegol')?.id).toBe(release.id);
    expect(release.body).toContain(`compare/${real.previous}...${real.version}`);
    // GitHub's generated notes list the pull requests that landed, not their commits.
    expect(release.body).toContain(
      `* ${real.title} by @Dramelac in https://github.com/ThePorgs/Exegol/pull/${real.pr}`,
    );
  });

  test('bump-next-beta fast-forwards dev to the merge and writes the next beta on the version line', async () => {
    const merge = wrapper.commit(real.merge);
    const job = await startJob(sandbox, wrapper.remote, 'refs/heads/master');
    const run = await step(job, 'bump-next-beta', { api: double, inputs: { 'fast-forward-from': 'master' } });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      'previous-version': real.version,
      'next-version': real.nextBeta,
      operation: 'bumped',
      pushed: 'true',
      'fast-forwarded': 'true',
    });
    const remote = sandbox.git(wrapper.remote);
    const dev = (await sandbox.refs(wrapper.remote))['refs/heads/dev']!;
    expect(await remote.out(['rev-parse', `${dev}^`])).toBe(merge);
    const diff = await remote.out(['diff', '--unified=0', merge, dev, '--', CONFIG]);
    expect(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual([
      `-${real.text}`,
      `+${real.text.replace(real.version, real.nextBeta)}`,
    ]);
    // The test file too: the action keeps a `final` file in step with the version, where
    // upstream left it at 4.3.7 (verify-version only warns about it).
    expect(await remote.lines(['diff', '--name-only', merge, dev])).toEqual([CONFIG, real.testFile]);
    const config = (await wrapper.show(dev, CONFIG)).split('\n');
    if (real.realNextBeta) {
      // Upstream's next beta commit: also on the merge, with the same line at the same place.
      const upstream = wrapper.commit(real.realNextBeta.commit);
      expect((await wrapper.show(upstream, CONFIG)).split('\n')[real.line - 1]).toBe(real.realNextBeta.text);
      expect(config[real.line - 1]).toBe(real.realNextBeta.text);
      expect(await remote.out(['rev-parse', `${upstream}^`])).toBe(merge);
    } else expect(config[real.line - 1]).toBe(real.text.replace(real.version, real.nextBeta));
  });

  // v4.2.2 and v5.0.0 fetch the pushed tag as a lightweight copy of it (the clobber of issue 11);
  // v6.0.2 and later fetch the tag itself.
  test.each([...new Set(['v4.2.2', DEFAULT_CHECKOUT, 'v7.0.1'] as const)])(
    'verify-version on the push of the real annotated tag, after actions/checkout %s',
    async (version) => {
      // Upstream's own tag, signed by the maintainer, in place of the one create-release made
      // (same commit, same message).
      await sandbox.git(wrapper.remote).raw(['update-ref', `refs/tags/${real.version}`, realTag]);
      const merge = wrapper.commit(real.merge);
      const job = await startJob(sandbox, wrapper.remote, `refs/tags/${real.version}`, { version });
      expect(await job.git.isShallow()).toBe(true);
      const run = await step(job, 'verify-version');
      expect(run.errors).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toMatchObject({
        version: real.version,
        'previous-tag': real.previous,
        'is-prerelease': 'false',
        history: 'unshallowed',
      });
      expect(checks(run)).toMatchObject({ stable: 'pass' });
      // The checkout's tag still names upstream's commit (the action fetched history and tags
      // around it, never over it).
      expect(await job.git.out(['rev-parse', `refs/tags/${real.version}^{commit}`])).toBe(merge);
    },
  );
});

describe('the real beta commits are refused at the gate of a release pull request', () => {
  let sandbox: GitSandbox;
  let wrapper: ExegolRemote;
  beforeAll(async () => {
    sandbox = await GitSandbox.create('acceptance-wrapper-betas-');
    wrapper = await exegolRemote(sandbox, 'wrapper', 'ThePorgs/Exegol');
  });
  afterAll(() => sandbox.cleanup());

  // Upstream: the beta commit on dev, master then, the version, its line and column in
  // ConstantConfig.py, and the previous tag in the pull request's merge.
  test.each([
    ['2b9579a', 'ada0861', '4.3.9b1', 8, 21, '4.3.8'],
    ['f687897', 'ada0861', '4.3.9b1', 8, 21, '4.3.8'],
    ['1961cb9', '040a170', '4.3.10b2', 3, 16, '4.3.9'],
    ['fe28118', 'a85ecb6', '5.0.1b1', 3, 16, '5.0.0'],
    ['5836204', '84ccb90', '5.1.2b1', 3, 16, '5.1.1'],
  ])('%s on dev, master at %s: %s', async (beta, master, version, line, col, previous) => {
    const sha = wrapper.commit(beta);
    expect((await wrapper.show(sha, CONFIG)).split('\n')[line - 1]!.indexOf(`"${version}"`)).toBe(col - 2);
    await wrapper.setBranches({ dev: sha, master: wrapper.commit(master) });
    const number = Number.parseInt(beta.slice(0, 6), 16) % 1000;
    await sandbox.pullRequest(wrapper.remote, {
      number,
      head: 'dev',
      base: 'master',
      title: `Release ${version.replace(/b\d+$/, '')}`,
    });
    const job = await startJob(sandbox, wrapper.remote, `refs/pull/${number}/merge`);
    const run = await step(job, 'verify-version');
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ version, 'is-prerelease': 'true', 'previous-tag': previous });
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: CONFIG,
        line,
        col,
        message: expect.stringContaining(`${version} is a pre-release`),
      }),
    ]);
    expect(checks(run).stable).toBe('fail');
  });
});
