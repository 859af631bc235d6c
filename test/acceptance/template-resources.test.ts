// The resources template's jobs on Exegol-resources' real tree (resources.bundle, main at the July
// 2026 update). The `update` job runs the repository's own ./update-resources.sh, unedited; what
// cannot happen here is stood in for around it, not in it:
//   - the downloads: `wget` and `curl` on PATH are test/acceptance/stand-ins/net.py, which
//     answers each URL from this machine (archives in the layout the script unpacks; "latest"
//     downloads change with the month, STANDIN_RELEASE);
//   - the third-party repositories (18 submodules and the LaZagne clone): github.com is rewritten
//     (git's url.insteadOf, in the job's environment) to local stand-in repositories; the
//     recorded submodule commits are upstream's, which no bundle holds, so the maintainer's
//     previous month is made here with the same script (it records the stand-ins' commits).
// Then two third-party repositories move, as in July 2026 (2 submodule pointers among 39
// changes), and the job proposes everything the script changed through sync-submodules.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { exegolRemote, type ExegolRemote } from '@exegol-actions/testkit/fixtures';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { repoRoot } from '@exegol-actions/testkit/runner';
import { runJob, type JobResult, type RunJobOptions } from '@exegol-actions/testkit/workflows';

const TEMPLATE = path.join(repoRoot, 'workflows-templates/resources.yml');
const STAND_INS = path.join(repoRoot, 'test/acceptance/stand-ins/bin');
const REPOSITORY = 'ThePorgs/Exegol-resources';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let sandbox: GitSandbox;
let double: GitHubDouble;
let resources: ExegolRemote;
let maintainer: TestRepo;
/** Where github.com's repositories are, here. */
let github: string;
let env: Record<string, string>;
/** The two third-party repositories that move this month: path → their new tip. */
const moved: Record<string, string> = {};
let realList: string;

/** git's environment for the job: the sandbox's, plus github.com served from `github`. */
function jobEnv(release: string): Record<string, string> {
  const base = sandbox.env();
  const n = Number(base.GIT_CONFIG_COUNT ?? '0');
  return {
    ...base,
    GIT_CONFIG_COUNT: String(n + 1),
    [`GIT_CONFIG_KEY_${n}`]: `url.file://${github}/.insteadOf`,
    [`GIT_CONFIG_VALUE_${n}`]: 'https://github.com/',
    PATH: `${STAND_INS}:${process.env.PATH}`,
    STANDIN_RELEASE: release,
  };
}

async function standInRepo(
  url: string,
  files: Record<string, string>,
  branches: string[] = ['main'],
): Promise<TestRepo> {
  const bare = path.join(github, url.replace('https://github.com/', ''));
  fs.mkdirSync(bare, { recursive: true });
  await sandbox.git(bare).raw(['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  const work = await sandbox.repo(`stand-ins/${url.replace('https://github.com/', '').replace(/\//g, '_')}`, bare);
  await work.commit(`${url} as of last month`, { files });
  for (const b of branches.filter((x) => x !== 'main')) await work.branch(b);
  await work.pushAll();
  return work;
}

const tools: Record<string, { url: string; branch: string; repo: TestRepo }> = {};

beforeAll(async () => {
  sandbox = await GitSandbox.create('acceptance-resources-');
  github = path.join(sandbox.root, 'github.com');
  resources = await exegolRemote(sandbox, 'resources', REPOSITORY);
  realList = await resources.show('refs/heads/main', 'resources_list.csv');
  maintainer = await sandbox.repo('maintainer', resources.remote);
  await maintainer.git.raw(['fetch', '--quiet', 'origin']);
  await maintainer.git.raw(['checkout', '--quiet', '-B', 'main', 'origin/main']);
  const gitmodules = await maintainer.git.lines([
    'config',
    '-f',
    '.gitmodules',
    '--get-regexp',
    '^submodule\\..*\\.(path|url|branch)$',
  ]);
  const byName: Record<string, { path?: string; url?: string; branch?: string }> = {};
  for (const line of gitmodules) {
    const m = /^submodule\.(.+)\.(path|url|branch) (.+)$/.exec(line)!;
    (byName[m[1]!] ??= {})[m[2] as 'path'] = m[3]!;
  }
  for (const s of Object.values(byName)) {
    const branch = s.branch ?? 'main';
    tools[s.path!] = {
      url: s.url!,
      branch,
      repo: await standInRepo(s.url!, { 'README.md': `${s.url}\n` }, ['main', branch]),
    };
  }
  await standInRepo('https://github.com/AlessandroZ/LaZagne', {
    'Linux/laZagne.py': '# linux\n',
    'Mac/laZagne.py': '# mac\n',
    'Windows/laZagne.py': '# windows\n',
  });
  env = jobEnv('1');

  // Last month, as the maintainers merged it: the script's result, committed on main.
  await maintainer.git.raw(['config', 'user.name', 'Github Actions']);
  await maintainer.git.raw(['config', 'user.email', 'actions@github.com']);
  await promisify(execFile)('bash', ['./update-resources.sh'], {
    cwd: maintainer.dir,
    env: { ...process.env, ...env, HOME: sandbox.env().HOME! },
    maxBuffer: 64 << 20,
  });
  await maintainer.git.raw(['add', '--all']);
  await maintainer.git.raw(['commit', '--quiet', '-m', 'updating resources (last month, made with the stand-ins)'], {
    env: sandbox.env(),
  });
  await maintainer.git.raw(['push', '--quiet', 'origin', 'main']);

  // This month: two third-party repositories moved on (one of them the submodule on dev).
  for (const p of ['windows/SharpCollection', 'windows/PowerSploit']) {
    const t = tools[p]!;
    if (t.branch !== 'main') await t.repo.switch(t.branch);
    moved[p] = await t.repo.commit('upstream work', { files: { 'CHANGELOG.md': 'new\n' } });
    await t.repo.pushAll();
  }

  double = await startGitHubDouble({ tokens: { [sandbox.token]: {} } });
  double.addRepo(REPOSITORY, resources.remote);
}, 300_000);

afterAll(async () => {
  await double?.stop();
  sandbox?.cleanup();
});

function job(name: string, extra: Partial<RunJobOptions> = {}): Promise<JobResult> {
  let n = 0;
  return runJob({
    workflow: TEMPLATE,
    job: name,
    github: {
      event_name: 'workflow_dispatch',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      repository: REPOSITORY,
      event: {},
    },
    token: sandbox.token,
    apiUrl: double.url,
    env: jobEnv('2'),
    checkout: (inputs) =>
      sandbox.checkout(resources.remote, `refs/heads/${inputs.ref || 'main'}`, {
        name: `${name}-${Date.now()}-${n++}`,
        event: 'workflow_dispatch',
        token: inputs.token || sandbox.token,
      }),
    ...extra,
  });
}

describe('the monthly update on the real tree, with its own update-resources.sh', () => {
  let epoch: string;
  let first: JobResult;
  let mainBefore: string;
  beforeAll(async () => {
    const init = await job('init');
    expect(init.result).toBe('success');
    epoch = init.outputs.epoch!;
    expect(epoch).toMatch(/^\d{10}$/);
    mainBefore = await resources.resolve('refs/heads/main');
    first = await job('update', { needs: { init: { outputs: { epoch } } } });
  }, 300_000);
  afterAll(() => double.assertNoViolations());

  test('the script ran, then sync-submodules proposed what it changed: one pull request, labelled bot, titled with the run date', () => {
    expect(first.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['actions/checkout', 'success'],
      ['Update resources', 'success'],
      ['exegol/actions/sync-submodules', 'success'],
    ]);
    expect(first.result).toBe('success');
    const sync = first.step('exegol/actions/sync-submodules');
    expect(sync.action!.errors).toEqual([]);
    expect(sync.outputs).toMatchObject({ operation: 'pull-request-created', changed: 'true', behind: '2' });
    const date = new Date(Number(epoch) * 1000);
    const title = `Resources update ${String(date.getUTCDate()).padStart(2, '0')}-${MONTHS[date.getUTCMonth()]}-${String(date.getUTCFullYear()).slice(-2)}`;
    const pulls = double.state.pulls(REPOSITORY);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ title, headRef: `update/${epoch}`, baseRef: 'main', state: 'open' });
    expect(double.state.labels(REPOSITORY, pulls[0]!.number)).toEqual(['bot']);
  });

  test('one commit `updating resources` on update/<epoch>: the changed downloads and the two moved submodules, nothing else; main untouched', async () => {
    const git = sandbox.git(resources.remote);
    const branch = await resources.resolve(`refs/heads/update/${epoch}`);
    expect(await resources.resolve('refs/heads/main')).toBe(mainBefore);
    expect(await git.out(['rev-parse', `${branch}^`])).toBe(mainBefore);
    expect(await git.out(['log', '-1', '--format=%an <%ae>|%s', branch])).toBe(
      'Github Actions <actions@github.com>|updating resources',
    );
    const changed = await git.lines(['diff', '--name-only', mainBefore, branch]);
    // The "latest release" downloads changed with the month; the ones from a branch did not.
    expect(changed).toEqual(
      expect.arrayContaining([
        'linux/pspy/pspy64',
        'windows/winPEAS/winPEASx64.exe',
        'windows/mimikatz/x64/mimikatz.exe',
        'linux/chisel/chisel64',
        'windows/SharpCollection',
        'windows/PowerSploit',
      ]),
    );
    expect(changed).not.toContain('linux/LinEnum.sh');
    // 40 downloads that follow a "latest" release, and the 2 submodules (July 2026: 37 and 2).
    expect(changed).toHaveLength(42);
    expect(changed).not.toContain('resources_list.csv');
    const links = await git.gitlinks(branch);
    const before = await git.gitlinks(mainBefore);
    for (const [p, tip] of Object.entries(moved)) expect(links.get(p)).toBe(tip);
    for (const p of Object.keys(tools).filter((x) => !(x in moved)))
      expect({ p, link: links.get(p) }).toEqual({ p, link: before.get(p) });
    // The work tree as the script left it is exactly what was committed.
    expect(await sandbox.git(first.workspace!.dir).lines(['status', '--porcelain', '--untracked-files=all'])).toEqual(
      [],
    );
    const message = await git.out(['log', '-1', '--format=%B', branch]);
    expect(message).toContain(`other paths: `);
    expect(first.step('exegol/actions/sync-submodules').outputs['work-tree-changes']).toBe(String(changed.length - 2));
    // The pull request lists them.
    expect(double.state.pulls(REPOSITORY)[0]!.body).toContain('- modified: `linux/pspy/pspy64`');
  });

  test('the rebuilt resources_list.csv is byte for byte the real one', async () => {
    const branch = await resources.resolve(`refs/heads/update/${epoch}`);
    expect(await resources.show(branch, 'resources_list.csv')).toBe(realList);
  });

  test('a re-run of the failed job (same epoch, from the init job) finds its own pull request: unchanged, no second one', async () => {
    const refs = await sandbox.refs(resources.remote);
    const again = await job('update', { needs: { init: { outputs: { epoch } } } });
    expect(again.result).toBe('success');
    expect(again.step('exegol/actions/sync-submodules').outputs).toMatchObject({
      operation: 'pull-request-unchanged',
      'pull-request-number': String(double.state.pulls(REPOSITORY)[0]!.number),
    });
    expect(await sandbox.refs(resources.remote)).toEqual(refs);
    expect(double.state.pulls(REPOSITORY)).toHaveLength(1);
  }, 300_000);
});
