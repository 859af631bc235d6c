// verify-version end to end: the committed bundle, run as a runner runs it, on look-alike
// wrapper repositories with real git remotes checked out by the real actions/checkout.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';
import { wrapperTree, type WrapperTreeOptions } from '@exegol-actions/testkit/fixtures';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('verify-version-');
});
afterAll(() => sandbox.cleanup());

/**
 * A wrapper remote whose history has released `tags` (each a commit with that version), then a
 * last commit with `head`, tagged when `tagHead`; returns a depth-1 checkout of `ref`.
 */
async function wrapper(
  name: string,
  tags: string[],
  head: WrapperTreeOptions,
  options: { tagHead?: boolean; ref?: string } = {},
): Promise<{ checkout: TestRepo; remote: string; ref: string; sha: string }> {
  const remote = await sandbox.bare(name);
  const dev = await sandbox.repo(`${name}-maintainer`, remote);
  for (const t of tags) {
    await dev.commit(`Release ${t}`, { files: wrapperTree({ ...head, version: t, spawn: '2' }) });
    await dev.tag(t);
  }
  const sha = await dev.commit(`Version ${head.version}`, { files: wrapperTree(head) });
  if (options.tagHead) await dev.tag(head.version);
  await dev.pushAll();
  const ref = options.ref ?? (options.tagHead ? `refs/tags/${head.version}` : 'refs/heads/main');
  const checkout = await sandbox.checkout(remote, ref, { name: `${name}-checkout` });
  return { checkout, remote, ref, sha };
}

async function verify(
  repo: { checkout: TestRepo; ref: string; sha: string },
  extra: Partial<RunActionOptions> = {},
): Promise<ActionRun> {
  const before = await repo.checkout.git.refs();
  const status = await repo.checkout.git.out(['status', '--porcelain']);
  const run = await runAction({
    action: 'verify-version',
    workspace: repo.checkout.dir,
    ref: repo.ref,
    sha: repo.sha,
    env: sandbox.env(),
    ...extra,
  });
  // The gate never changes the work tree; fetching history may add tags and remote refs only.
  expect(await repo.checkout.git.out(['status', '--porcelain'])).toBe(status);
  const after = await repo.checkout.git.refs();
  for (const [ref, sha] of Object.entries(before)) expect(after[ref]).toBe(sha);
  for (const ref of Object.keys(after))
    expect(ref.startsWith('refs/tags/') || ref.startsWith('refs/remotes/') || ref in before).toBe(true);
  return run;
}

function checks(run: ActionRun): Record<string, string> {
  return Object.fromEntries(
    (JSON.parse(run.outputs.checks ?? '[]') as { id: string; status: string }[]).map((c) => [c.id, c.status]),
  );
}

describe('passes at a stable tag', () => {
  test('module-level __version__ (4.3.10 and later), shallow tag checkout', async () => {
    const repo = await wrapper(
      'stable-module',
      ['5.1.2', '5.1.3'],
      { version: '5.1.4', shape: 'module' },
      { tagHead: true },
    );
    expect(await repo.checkout.git.isShallow()).toBe(true);
    const run = await verify(repo, { event: { name: 'push' } });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      version: '5.1.4',
      normalized: '5.1.4',
      'is-prerelease': 'false',
      major: '5',
      minor: '1',
      patch: '4',
      'next-beta': '5.1.5b1',
      final: '5.1.4',
      'previous-tag': '5.1.3',
      history: 'unshallowed',
    });
    expect(checks(run)).toMatchObject({ parse: 'pass', tag: 'pass', stable: 'pass', greater: 'pass' });
    // The test file says '4.3.7', as upstream's has since 4.3.8: a warning at its line, not a failure.
    expect(run.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        file: 'tests/exegol_test.py',
        line: 5,
        message: expect.stringContaining('expected 5.1.4'),
      }),
    ]);
    expect(run.summary).toContain('| Tag matches the version | ✅ pass |');
    expect(run.summary).toContain('fetched full history and tags');
  });

  test('class attribute `version: str` (4.2.0 to 4.3.9) with the test file in step', async () => {
    const repo = await wrapper(
      'stable-class',
      ['4.3.7', '4.3.8'],
      { version: '4.3.9', shape: 'class', testVersion: '4.3.9', testFile: 'tests/test_exegol.py' },
      { tagHead: true },
    );
    const run = await verify(repo);
    expect(run.exitCode).toBe(0);
    expect(run.annotations).toEqual([]);
    expect(run.outputs['previous-tag']).toBe('4.3.8');
    expect(checks(run)['final:test file version']).toBe('pass');
  });

  test('before 4.2: ConstantConfig under exegol/utils/', async () => {
    const repo = await wrapper(
      'stable-legacy',
      ['4.1.0'],
      { version: '4.1.1', shape: 'class', legacyPath: true, spawn: null, testVersion: null },
      { tagHead: true },
    );
    const run = await verify(repo);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.version).toBe('4.1.1');
  });

  test('a beta on dev needs no stable release and yields the next beta', async () => {
    const repo = await wrapper('beta-dev', ['4.3.5'], { version: '4.3.6b1', spawn: '2b' }, { ref: 'refs/heads/main' });
    const run = await verify(repo);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      version: '4.3.6b1',
      'is-prerelease': 'true',
      'next-beta': '4.3.6b2',
      final: '4.3.6',
      'previous-tag': '4.3.5',
    });
    expect(checks(run).stable).toBe('skip');
  });
});

// Issue 15: release candidates, post-releases and spellings PEP 440 normalises, end to end.
describe('PEP 440 beyond betas', () => {
  test("a wrapper at 5.1.5rc1 on a branch passes, with outputs and a summary; the next beta is the next release's", async () => {
    const repo = await wrapper('rc-dev', ['5.1.4'], { version: '5.1.5rc1', spawn: '2b' }, { ref: 'refs/heads/main' });
    const run = await verify(repo);
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      version: '5.1.5rc1',
      normalized: '5.1.5rc1',
      'is-prerelease': 'true',
      'next-beta': '5.1.6b1',
      final: '5.1.5',
      'previous-tag': '5.1.4',
    });
    expect(checks(run)).toMatchObject({ parse: 'pass', stable: 'skip', greater: 'pass' });
    expect(run.summary).toContain('### verify-version ✅ `5.1.5rc1`');
    expect(run.summary).toContain('| next beta | `5.1.6b1` |');
  });

  test('a release candidate where a stable release is required fails that check only, still with outputs and a summary', async () => {
    const repo = await wrapper('rc-stable', ['5.1.4'], { version: '5.1.5rc1' }, { ref: 'refs/heads/main' });
    const run = await verify(repo, { inputs: { 'require-stable': 'true' } });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'exegol/config/ConstantConfig.py',
        message: expect.stringContaining('5.1.5rc1 is a pre-release, but a stable release is required'),
      }),
    ]);
    expect(run.errors[0]!.message).not.toMatch(/this is a bug|"pre"/);
    expect(run.outputs).toMatchObject({ version: '5.1.5rc1', 'next-beta': '5.1.6b1' });
    expect(checks(run)).toMatchObject({ stable: 'fail', greater: 'pass' });
    expect(run.summary).toContain('❌ fail');
  });

  test('a post-release at its tag push is a stable release above the one it corrects', async () => {
    const repo = await wrapper(
      'post-tag',
      ['5.1.4'],
      { version: '5.1.4.post1', testVersion: '5.1.4' },
      { tagHead: true },
    );
    const run = await verify(repo);
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      version: '5.1.4.post1',
      'is-prerelease': 'false',
      final: '5.1.4',
      'previous-tag': '5.1.4',
      'next-beta': '5.1.5b1',
    });
    expect(checks(run)).toMatchObject({ tag: 'pass', stable: 'pass', greater: 'pass' });
  });

  test('a version file at 05.1.4 fails at its line with the spelling to write; it is never passed on to be tagged', async () => {
    const repo = await wrapper(
      'leading-zero',
      ['5.1.3'],
      { version: '05.1.4', testVersion: '5.1.4' },
      { ref: 'refs/heads/main' },
    );
    const run = await verify(repo);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'exegol/config/ConstantConfig.py',
        message: expect.stringContaining(
          'says 05.1.4: a number has a leading zero, which PEP 440 drops (5.1.4). Write 5.1.4.',
        ),
      }),
    ]);
    expect(run.outputs.normalized).toBe('5.1.4');
  });
});

describe('fails with an annotation at the file and line', () => {
  test('a beta at a tag push (stable required)', async () => {
    const repo = await wrapper('beta-tag', ['4.3.5'], { version: '4.3.6b1' }, { tagHead: true });
    const run = await verify(repo);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'exegol/config/ConstantConfig.py',
        line: 4,
        message: expect.stringContaining('4.3.6b1 is a pre-release'),
      }),
    ]);
    expect(checks(run).stable).toBe('fail');
    expect(run.summary).toContain('❌ fail');
  });

  test('a test file that disagrees, when made an error', async () => {
    const repo = await wrapper(
      'testfile-error',
      ['5.1.3'],
      { version: '5.1.4', testVersion: '5.1.3' },
      { tagHead: true },
    );
    const run = await verify(repo, { inputs: { 'test-file-mismatch': 'error' } });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'tests/exegol_test.py',
        line: 5,
        message: expect.stringContaining('expected 5.1.4'),
      }),
    ]);
  });

  test("a malformed spawn version fails on any run, as the grep of Exegol's CI did; a beta marker passes", async () => {
    const bad = await wrapper(
      'spawn-malformed',
      ['4.3.5'],
      { version: '4.3.6b1', spawn: '2-dev' },
      { ref: 'refs/heads/main' },
    );
    const run = await verify(bad);
    expect(run.exitCode).toBe(1);
    expect(checks(run)['marker:spawn.sh spawn version']).toBe('fail');
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'exegol/utils/imgsync/spawn.sh',
        line: 4,
        message: expect.stringContaining('is "2-dev": write digits, with a or b after them'),
      }),
    ]);
    const beta = await wrapper(
      'spawn-beta',
      ['4.3.5'],
      { version: '4.3.6b1', spawn: '2b' },
      { ref: 'refs/heads/main' },
    );
    const ok = await verify(beta);
    expect(ok.exitCode).toBe(0);
    expect(checks(ok)).toMatchObject({ parse: 'pass', 'marker:spawn.sh spawn version': 'pass', stable: 'skip' });
  });

  test('a letter in the spawn version of a stable release', async () => {
    const repo = await wrapper('spawn-letter', ['5.1.3'], { version: '5.1.4', spawn: '2b' }, { tagHead: true });
    const run = await verify(repo);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'exegol/utils/imgsync/spawn.sh',
        line: 4,
        col: 17,
        message: expect.stringContaining('digits only'),
      }),
    ]);
  });

  test('a tag that differs from the version', async () => {
    const repo = await wrapper('tag-differs', ['5.1.3'], { version: '5.1.4' }, { tagHead: true });
    const run = await verify(repo, { inputs: { tag: '5.1.5' } });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'exegol/config/ConstantConfig.py',
        line: 4,
        message: expect.stringContaining('expected tag 5.1.4'),
      }),
    ]);
  });

  test('a version not above the last tag', async () => {
    const repo = await wrapper(
      'not-above',
      ['5.1.3', '5.1.4'],
      { version: '5.1.4b1', spawn: '2b' },
      { ref: 'refs/heads/main' },
    );
    const run = await verify(repo);
    expect(run.exitCode).toBe(1);
    expect(run.outputs['previous-tag']).toBe('5.1.4');
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'exegol/config/ConstantConfig.py',
        line: 4,
        message: expect.stringContaining('not above the previous release 5.1.4'),
      }),
    ]);
  });

  test('a junk version such as 4.0-dev', async () => {
    const repo = await wrapper('junk', [], { version: '4.0-dev' }, { ref: 'refs/heads/main' });
    const run = await verify(repo);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({ file: 'exegol/config/ConstantConfig.py', line: 4, col: 16 });
    expect(run.errors[0]!.message).toContain('"4.0-dev" is not a valid version');
  });
});

describe('bad input: one error naming the input', () => {
  let repo: Awaited<ReturnType<typeof wrapper>>;
  beforeAll(async () => {
    repo = await wrapper('bad-input', ['5.1.3'], { version: '5.1.4' }, { ref: 'refs/heads/main' });
  });

  test.each([
    [{ preset: 'exegol-wrap' }, 'preset', 'Use one of: auto, exegol-wrapper, exegol-images, none'],
    [{ 'require-stable': 'yes' }, 'require-stable', 'Use one of: auto, true, false'],
    [{ 'compare-previous': 'maybe' }, 'compare-previous', 'Use true or false'],
    [{ rules: '- file: missing.py\n  pattern: "(x)"\n  role: version' }, 'rules', 'missing.py does not exist'],
    [{ rules: '- file: README.md\n  pattern: "version=(\\\\S+)"' }, 'rules', 'matches nothing in README.md'],
    [{ rules: '- file: exegol/config/ConstantConfig.py\n  pattern: "(str) ="' }, 'rules', 'matches 2 times'],
    [{ rules: '- file: a\n  pattern: "no group"' }, 'rules', 'exactly one capture group'],
    [{ rules: '- file: a\n  pattern: "(x)"\n  role: versoin' }, 'rules', 'unknown role "versoin"'],
    [{ rules: '- file: a\n  patern: "(x)"' }, 'rules', 'unknown key "patern"'],
    [{ rules: 'x: [' }, 'rules', 'not valid YAML'],
    [{ 'config-file': '.github/nope.yml' }, 'config-file', 'does not exist'],
    [{ 'working-directory': '../elsewhere' }, 'working-directory', 'outside the workspace'],
    [{ 'release-pr-title': 'Release' }, 'release-pr-title', 'no {version} placeholder'],
    [{ preset: 'none' }, 'preset', 'no version to check'],
  ])('%j', async (inputs, input, text) => {
    const run = await verify(repo, { inputs });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toMatch(new RegExp(`^Input "${input}"`));
    expect(run.errors[0]!.message).toContain(text);
  });

  test('a tag that is not a version: as an input, and as the pushed tag', async () => {
    const run = await verify(repo, { inputs: { tag: 'release-candidate' } });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Input "tag": "release-candidate" is not a version/) }),
    ]);
    const pushed = await verify({ ...repo, ref: 'refs/tags/latest' });
    expect(pushed.exitCode).toBe(1);
    expect(pushed.errors).toEqual([
      expect.objectContaining({
        file: 'exegol/config/ConstantConfig.py',
        message: expect.stringContaining('tag "latest" (refs/tags/latest) is not a version'),
      }),
    ]);
  });

  test('auto preset on a checkout that is not the wrapper', async () => {
    const remote = await sandbox.bare('not-wrapper');
    const other = await sandbox.repo('not-wrapper-dev', remote);
    await other.commit('init', { files: { 'package.json': '{"version": "1.2.3"}\n' } });
    await other.pushAll();
    const checkout = await sandbox.checkout(remote, 'refs/heads/main');
    const run = await verify({ checkout, ref: 'refs/heads/main', sha: await checkout.git.head() });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toContain('Input "preset": "auto" found no known project');
  });
});

describe('rules declared without code', () => {
  test('semver in package.json with a v-prefixed tag', async () => {
    const remote = await sandbox.bare('semver-project');
    const dev = await sandbox.repo('semver-dev', remote);
    await dev.commit('1.2.2', { files: { 'package.json': '{\n  "name": "x",\n  "version": "1.2.2"\n}\n' } });
    await dev.tag('v1.2.2');
    await dev.commit('1.3.0-beta.1', {
      files: { 'package.json': '{\n  "name": "x",\n  "version": "1.3.0-beta.1"\n}\n' },
    });
    await dev.pushAll();
    const checkout = await sandbox.checkout(remote, 'refs/heads/main', { depth: 0 });
    const rules =
      '- name: package.json\n  file: package.json\n  pattern: \'^  "version": "([^"]+)"\'\n  role: version\n';
    const run = await verify(
      { checkout, ref: 'refs/heads/main', sha: await checkout.git.head() },
      { inputs: { rules, 'tag-prefix': 'v' } },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      version: '1.3.0-beta.1',
      'is-prerelease': 'true',
      'previous-tag': 'v1.2.2',
      'next-beta': '1.3.0-beta.2',
      history: 'fetched-tags',
    });
  });

  test('images-style: no version file, the version from the release PR title', async () => {
    const remote = await sandbox.bare('images');
    const dev = await sandbox.repo('images-dev', remote);
    await dev.commit('3.1.5', { files: { Dockerfile: 'FROM scratch\n' } });
    await dev.tag('3.1.5', { message: 'Release 3.1.5' });
    const sha = await dev.commit('tools', { files: { 'light.dockerfile': 'FROM scratch\n' } });
    await dev.pushAll();
    const checkout = await sandbox.checkout(remote, 'refs/heads/main');
    const event = {
      name: 'pull_request',
      action: 'opened',
      payload: {
        pull_request: { number: 7, title: 'Release 3.1.6', draft: false, base: { ref: 'main' }, head: { ref: 'dev' } },
      },
    };
    const good = await verify(
      { checkout, ref: 'refs/pull/7/merge', sha },
      { event, inputs: { preset: 'exegol-images', 'release-branch': 'main' } },
    );
    expect(good.exitCode).toBe(0);
    expect(good.outputs).toMatchObject({ version: '3.1.6', 'previous-tag': '3.1.5' });
    expect(checks(good).stable).toBe('pass');
    const beta = await verify(
      { checkout, ref: 'refs/pull/7/merge', sha },
      {
        event: { ...event, payload: { pull_request: { ...event.payload.pull_request, title: 'Release 3.1.6b1' } } },
        inputs: { preset: 'exegol-images', 'release-branch': 'main' },
      },
    );
    expect(beta.exitCode).toBe(1);
    expect(beta.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('3.1.6b1 is a pre-release') }),
    ]);
  });
});

describe('the release pull request, through the API double', () => {
  let double: GitHubDouble;
  let repo: Awaited<ReturnType<typeof wrapper>>;
  const token = 'ghs_verifyversiontoken0001';
  beforeAll(async () => {
    repo = await wrapper('release-pr', ['5.1.3'], { version: '5.1.4' }, { ref: 'refs/heads/main' });
    // The release flow's branches: dev carries the release commit, master is behind.
    const maintainer = sandbox.git(repo.remote);
    await maintainer.raw(['branch', 'dev', 'main']);
    await maintainer.raw(['branch', 'master', 'main~1']);
    double = await startGitHubDouble();
    double.addRepo('ThePorgs/Exegol', repo.remote, { defaultBranch: 'master' });
    double.addToken(token, { permissions: { pull_requests: 'read' } });
  });
  afterAll(() => double.stop());
  afterEach(() => {
    double.assertNoViolations();
    // Answered as GitHub answers, and still no key of ours that GitHub would ignore.
    double.assertNothingIgnored();
  });

  const run = (extra: Partial<RunActionOptions> = {}) =>
    verify(repo, {
      repository: 'ThePorgs/Exegol',
      apiUrl: double.url,
      token,
      inputs: { 'check-release-pr': true, 'require-stable': true },
      ...extra,
    });

  test('no release PR, then a draft, then a wrong title, then ready', async () => {
    const none = await run();
    expect(none.exitCode).toBe(1);
    expect(none.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('no open pull request from dev to master') }),
    ]);

    const pr = (await double.act('pulls/create', {
      owner: 'ThePorgs',
      repo: 'Exegol',
      head: 'dev',
      base: 'master',
      title: 'Release 5.1.4',
      draft: true,
    })) as { number: number };
    double.resetCounts();
    const draft = await run();
    expect(draft.exitCode).toBe(1);
    expect(draft.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining(`pull request #${pr.number} is a draft`) }),
    ]);
    expect(double.count({ operationId: 'pulls/list' })).toBe(1);

    await double.act('pulls/update', {
      owner: 'ThePorgs',
      repo: 'Exegol',
      pull_number: pr.number,
      title: 'Release 5.1.5',
    });
    // REST cannot mark a PR ready for review (GraphQL does): set the double's state directly.
    for (const p of double.state.pulls('ThePorgs/Exegol')) p.draft = false;
    const title = await run();
    expect(title.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('is titled "Release 5.1.5", expected "Release 5.1.4"'),
      }),
    ]);

    await double.act('pulls/update', {
      owner: 'ThePorgs',
      repo: 'Exegol',
      pull_number: pr.number,
      title: 'Release 5.1.4',
    });
    const ready = await run();
    expect(ready.exitCode).toBe(0);
    expect(checks(ready)['release-pr']).toBe('pass');
    expect(ready.masks).toContain(token);
    expect(ready.log).not.toContain(token);
  });

  test("a fork's pull request into master is not the release pull request, whatever its title", async () => {
    // contributor/Exegol forks ThePorgs/Exegol and opens dev -> master titled like a release.
    const fork = await sandbox.bare('release-pr-fork');
    await sandbox
      .git(fork)
      .raw(['fetch', '--quiet', repo.remote, 'refs/heads/dev:refs/heads/dev', 'refs/heads/master:refs/heads/master']);
    const forkRepo = await sandbox.repo('release-pr-contributor', fork);
    await forkRepo.git.raw(['fetch', '--quiet', 'origin', '+refs/heads/dev:refs/remotes/origin/dev']);
    await forkRepo.git.raw(['checkout', '--quiet', '-B', 'dev', 'refs/remotes/origin/dev']);
    await forkRepo.commit('Tweak the README', { files: { 'README.md': 'A contributor was here\n' } });
    await forkRepo.git.raw(['push', '--quiet', 'origin', 'HEAD:refs/heads/dev']);
    double.addRepo('contributor/Exegol', fork, { upstream: 'ThePorgs/Exegol' });
    const pr = (await double.act('pulls/create', {
      owner: 'ThePorgs',
      repo: 'Exegol',
      head: 'contributor:dev',
      base: 'master',
      title: 'Release 5.1.4',
    })) as { number: number; head: { sha: string } };
    expect(pr.head).toMatchObject({ label: 'contributor:dev', repo: { full_name: 'contributor/Exegol', fork: true } });

    const event = {
      name: 'pull_request',
      action: 'opened',
      headRepository: 'contributor/Exegol',
      payload: {
        pull_request: {
          number: pr.number,
          title: 'Release 5.1.4',
          draft: false,
          base: { ref: 'master' },
          head: { ref: 'dev', sha: pr.head.sha },
        },
      },
    };
    const forked = await run({ event, ref: `refs/pull/${pr.number}/merge` });
    expect(forked.exitCode).toBe(1);
    expect(checks(forked)['release-pr']).toBe('fail');
    expect(forked.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          `pull request #${pr.number} comes from contributor:dev (the fork contributor/Exegol), not from ThePorgs:dev`,
        ),
      }),
    ]);

    // Outside a pull request event the release pull request is looked up by ThePorgs:dev, and the
    // fork's (newer, same branch name) is not it.
    const pushed = await run();
    expect(checks(pushed)['release-pr']).toBe('pass');
    const releasePr = (JSON.parse(pushed.outputs.checks!) as { id: string; detail: string }[]).find(
      (c) => c.id === 'release-pr',
    );
    expect(releasePr!.detail).toBe('#1 "Release 5.1.4"');
  });
});
