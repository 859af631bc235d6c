// The fault report: every action that talks to GitHub meets GitHub's failures (5xx, 429 with
// retry-after, the secondary rate limit, 422 from a race, 404 for something that vanished, 403
// for a token without the permission), multi-arch-image-build meets a registry that keeps failing
// on push, and each either recovers or stops cleanly — one clear error, and the world as it was
// (or consistent: a pull request branch pushed before the API failed). Then a re-run with the
// same inputs completes the work without a duplicate release, pull request, commit or tag.
//
// Faults an action's own test already proves are not run again here: REUSED lists them, and a
// test checks that each named test still exists. With EXEGOL_FAULT_REPORT=<file> the rows are
// written out as JSON; `tsx scripts/fault-report.ts <file>` renders docs/fault-report.md, and the
// last test checks the committed doc is what this run renders.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox, type GitHttpServer, type GitHttpStall } from '@exegol-actions/testkit/git';
import { stallProxy, type StallProxy, type StallRule } from '@exegol-actions/testkit/stall';
import { faults, startGitHubDouble, type Fault, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { repoRoot, runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';
import { snapshot } from '@exegol-actions/testkit/snapshot';
import {
  docsRemote,
  githubProject,
  light3118Inputs,
  light3118List,
  RESOURCES_MONTHLY,
  wrapperTree,
} from '@exegol-actions/testkit/fixtures';
import {
  dockerEnvironment,
  dockerTestsMustRun,
  FaultProxy,
  imageProject,
  listTags,
  PASSING_TESTS,
  readManifest,
  skipBanner,
  tempDir,
  uniqueRepository,
} from '@exegol-actions/testkit/docker';
import {
  renderFaultReport,
  type FAULTS,
  type FaultReport,
  type FaultRow,
  type ReusedRow,
} from '../scripts/fault-report.ts';

const OWNER = 'ThePorgs';
/** The tokens of this file: every run's log is searched for each of them at the end. */
const TOKEN = 'ghs_faultreportwriter0000000001';
/** No pull-requests permission at all. */
const NO_PULLS = 'ghs_faultreportnopulls000000001';
/** contents: read only, where a release needs contents: write. */
const CONTENTS_READ = 'ghs_faultreportcontentsread0001';
const REGISTRY_PASSWORD = 'registry-faultreport-s3cret-0001';
const TOKENS = [TOKEN, NO_PULLS, CONTENTS_READ, REGISTRY_PASSWORD];

let sandbox: GitSandbox;
let double: GitHubDouble;
beforeAll(async () => {
  sandbox = await GitSandbox.create('faults-');
  double = await startGitHubDouble();
  double.addToken(TOKEN);
  double.addToken(NO_PULLS, { permissions: { contents: 'write', issues: 'write' } });
  double.addToken(CONTENTS_READ, { permissions: { contents: 'read', pull_requests: 'write', issues: 'write' } });
});
afterAll(async () => {
  await double.stop();
  sandbox.cleanup();
  const file = process.env.EXEGOL_FAULT_REPORT;
  if (file) fs.writeFileSync(file, `${JSON.stringify(report(), null, 2)}\n`);
});

// ---------------------------------------------------------------------------------------------
// Every run of the file goes through here, so its log can be searched for the tokens at the end.

interface Logged {
  action: string;
  text: string;
  masks: string[];
  tokensGiven: string[];
}
const logs: Logged[] = [];

async function runLogged(options: RunActionOptions): Promise<ActionRun> {
  const run = await runAction(options);
  const given = TOKENS.filter((t) => options.token === t || Object.values(options.inputs ?? {}).includes(t));
  logs.push({
    action: options.action,
    text: [run.log, run.summary, ...Object.values(run.outputs)].join('\n'),
    masks: run.masks,
    tokensGiven: given,
  });
  return run;
}

// ---------------------------------------------------------------------------------------------
// The subjects: one action on a fresh look-alike project, run with the same inputs every time
// (a fresh checkout each time, as a re-run of the job gets).

interface Done {
  /** Open pull requests from the action's head branch. */
  pulls: number;
  /** Releases for the tag. */
  releases: number;
  /** The pull request branch on the remote (or the released tag's commit). */
  head: string | null;
  /** Commits on the head branch that the base lacks. */
  ahead: number;
}

/** What a stall case changes for the faulted run: the API through a stalling proxy, a git remote over stalling HTTP, more inputs. */
interface RunOver {
  apiUrl?: string;
  /** The checkout's origin is set to this URL (the same repository served over HTTP). */
  origin?: (remote: string) => string;
  inputs?: Record<string, string>;
}

interface Subject {
  action: string;
  repository: string;
  remote: string;
  run(token?: string, over?: RunOver): Promise<ActionRun>;
  /** The `operation` output of a run that finds its work already done. */
  unchanged: string;
  done(): Promise<Done>;
  /** Refs a clean stop may leave moved: the pull request branch, pushed before the API call. */
  consistent: string[];
}

let seq = 0;
const unique = (name: string) => `${name}-${++seq}`;

async function ahead(remote: string, base: string, head: string): Promise<{ head: string | null; ahead: number }> {
  const refs = await sandbox.refs(remote);
  const sha = refs[`refs/heads/${head}`] ?? null;
  if (!sha) return { head: null, ahead: 0 };
  return {
    head: sha,
    ahead: Number(await sandbox.git(remote).out(['rev-list', '--count', `refs/heads/${base}..${sha}`])),
  };
}

const openPulls = (repository: string, head: string) =>
  double.state.pulls(repository).filter((p) => p.headRef === head && p.state === 'open').length;

/** bump-next-beta in pull-request mode, right after a wrapper release. */
async function bumpSubject(): Promise<Subject> {
  const h = await githubProject(sandbox, double, unique('bump'), {
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1'],
    released: '4.3.5',
    tagReleased: true,
    wrapper: { testVersion: '4.3.5' },
  });
  const repository = h.fullName;
  const head = 'bump/4.3.6b1';
  return {
    action: 'bump-next-beta',
    repository,
    remote: h.remote,
    unchanged: 'unchanged',
    consistent: [`refs/heads/${head}`],
    run: async (token = TOKEN, over: RunOver = {}) => {
      const checkout = await sandbox.checkout(h.remote, 'refs/heads/master');
      if (over.origin) await checkout.git.raw(['remote', 'set-url', 'origin', over.origin(h.remote)]);
      return runLogged({
        action: 'bump-next-beta',
        workspace: checkout.dir,
        ref: 'refs/heads/master',
        sha: h.mergeSha,
        repository,
        apiUrl: over.apiUrl ?? double.url,
        token,
        env: sandbox.env(),
        inputs: { mode: 'pull-request', 'fast-forward-from': 'master', ...over.inputs },
      });
    },
    done: async () => ({ pulls: openPulls(repository, head), releases: 0, ...(await ahead(h.remote, 'dev', head)) }),
  };
}

/**
 * sync-submodules in pull-request mode, with the resources repository's monthly inputs and clock,
 * on a superproject with one submodule that moved (the eighteen of resourcesRemote cost time here).
 */
async function syncSubject(): Promise<Subject> {
  const name = unique('resources');
  const toolRemote = await sandbox.bare(`${name}/tool`);
  const tool = await sandbox.repo(`${name}/tool`, toolRemote);
  await tool.commit('tool 1', { files: { 'README.md': 'tool\n' } });
  await tool.pushAll();
  const remote = await sandbox.bare(`${name}/Exegol-resources`);
  const dev = await sandbox.repo(`${name}/dev`, remote);
  await dev.commit('resources', { files: { 'resources_list.csv': 'Resource,Link,Description\n' } });
  await dev.addSubmodule(sandbox.url(toolRemote), 'sources/tool');
  await dev.commit('add the tool');
  await dev.pushAll();
  await tool.commit('upstream work', { files: { 'CHANGELOG.md': 'new\n' } });
  await tool.pushAll();
  const repository = `${OWNER}/${name}`;
  double.addRepo(repository, remote);
  const head = RESOURCES_MONTHLY.branch;
  return {
    action: 'sync-submodules',
    repository,
    remote,
    unchanged: 'pull-request-unchanged',
    consistent: [`refs/heads/${head}`],
    run: async (token = TOKEN, over: RunOver = {}) => {
      const checkout = await sandbox.checkout(remote, 'refs/heads/main');
      if (over.origin) await checkout.git.raw(['remote', 'set-url', 'origin', over.origin(remote)]);
      return runLogged({
        action: 'sync-submodules',
        workspace: checkout.dir,
        repository,
        apiUrl: over.apiUrl ?? double.url,
        token,
        env: { ...sandbox.env(), SOURCE_DATE_EPOCH: RESOURCES_MONTHLY.sourceDateEpoch },
        inputs: { ...RESOURCES_MONTHLY.inputs, ...over.inputs },
      });
    },
    done: async () => ({ pulls: openPulls(repository, head), releases: 0, ...(await ahead(remote, 'main', head)) }),
  };
}

/** export-tool-list in pull-request mode: the light 3.1.18 list into the docs' dev. */
async function exportSubject(): Promise<Subject> {
  const name = unique('docs');
  const { remote } = await docsRemote(sandbox, name);
  const repository = `${OWNER}/${name}`;
  double.addRepo(repository, remote);
  const workspace = path.join(sandbox.root, 'work');
  const csv = path.join(workspace, 'inputs', `${name}.csv`);
  fs.mkdirSync(path.dirname(csv), { recursive: true });
  fs.writeFileSync(csv, light3118List());
  const head = 'pipeline/tools-list/light_3.1.18_amd64';
  return {
    action: 'export-tool-list',
    repository,
    remote,
    unchanged: 'unchanged',
    consistent: [`refs/heads/${head}`],
    run: async (token = TOKEN, over: RunOver = {}) => {
      const checkout = await sandbox.checkout(remote, 'refs/heads/dev', { name: unique(`${name}-checkout`) });
      if (over.origin) await checkout.git.raw(['remote', 'set-url', 'origin', over.origin(remote)]);
      return runLogged({
        action: 'export-tool-list',
        workspace,
        repository: `${OWNER}/Exegol-images`,
        apiUrl: over.apiUrl ?? double.url,
        token,
        env: sandbox.env(),
        inputs: {
          ...light3118Inputs(path.relative(workspace, checkout.dir), path.relative(workspace, csv), {
            publish: 'pull-request',
            'docs-repository': repository,
            'pull-request-labels': 'bot',
          }),
          ...over.inputs,
        },
      });
    },
    done: async () => ({ pulls: openPulls(repository, head), releases: 0, ...(await ahead(remote, 'dev', head)) }),
  };
}

/** verify-version checking the release pull request of the run's pull_request event. */
async function verifySubject(): Promise<Subject> {
  const name = unique('gate');
  const remote = await sandbox.bare(name);
  const maintainer = await sandbox.repo(`${name}-maintainer`, remote);
  await maintainer.commit('Release 5.1.3', { files: wrapperTree({ version: '5.1.3', spawn: '2' }) });
  await maintainer.tag('5.1.3');
  await maintainer.branch('master');
  const sha = await maintainer.commit('Version 5.1.4', { files: wrapperTree({ version: '5.1.4' }) });
  await maintainer.branch('dev');
  await maintainer.pushAll();
  const repository = `${OWNER}/${name}`;
  double.addRepo(repository, remote, { defaultBranch: 'master' });
  const pr = (await double.act('pulls/create', {
    owner: OWNER,
    repo: name,
    head: 'dev',
    base: 'master',
    title: 'Release 5.1.4',
  })) as { number: number };
  const event = {
    name: 'pull_request',
    action: 'synchronize',
    payload: {
      number: pr.number,
      pull_request: {
        number: pr.number,
        title: 'Release 5.1.4',
        draft: false,
        base: { ref: 'master' },
        head: { ref: 'dev' },
      },
    },
  };
  return {
    action: 'verify-version',
    repository,
    remote,
    unchanged: '',
    consistent: [],
    run: async (token = TOKEN, over: RunOver = {}) => {
      const checkout = await sandbox.checkout(remote, 'refs/heads/dev');
      if (over.origin) await checkout.git.raw(['remote', 'set-url', 'origin', over.origin(remote)]);
      return runLogged({
        action: 'verify-version',
        workspace: checkout.dir,
        ref: `refs/pull/${pr.number}/merge`,
        sha,
        repository,
        apiUrl: over.apiUrl ?? double.url,
        token,
        env: sandbox.env(),
        event,
        inputs: { 'check-release-pr': 'true', ...over.inputs },
      });
    },
    // Nothing to make: the pull request stays the one there was.
    done: () => Promise.resolve({ pulls: openPulls(repository, 'dev'), releases: 0, head: null, ahead: 0 }),
  };
}

/** create-release after a wrapper release whose tag is pushed and whose release an earlier run left half-written. */
async function releaseSubject(options: { leftover?: boolean } = {}): Promise<Subject> {
  const h = await githubProject(sandbox, double, unique('release'), {
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1'],
    released: '4.3.5',
    tagReleased: Boolean(options.leftover),
  });
  const repository = h.fullName;
  if (options.leftover)
    await double.act('repos/create-release', {
      owner: OWNER,
      repo: h.repo,
      tag_name: '4.3.5',
      target_commitish: h.mergeSha,
      name: '4.3.5',
      body: 'partial',
    });
  return {
    action: 'create-release',
    repository,
    remote: h.remote,
    unchanged: 'unchanged',
    consistent: [],
    run: async (token = TOKEN, over: RunOver = {}) => {
      const checkout = await sandbox.checkout(h.remote, 'refs/heads/master');
      if (over.origin) await checkout.git.raw(['remote', 'set-url', 'origin', over.origin(h.remote)]);
      return runLogged({
        action: 'create-release',
        workspace: checkout.dir,
        ref: 'refs/heads/master',
        sha: h.mergeSha,
        repository,
        apiUrl: over.apiUrl ?? double.url,
        token,
        env: sandbox.env(),
        inputs: { ...over.inputs },
      });
    },
    done: async () => ({
      pulls: 0,
      releases: double.state.releases(repository).filter((r) => r.tagName === '4.3.5').length,
      head: (await sandbox.refs(h.remote))['refs/tags/4.3.5'] ?? null,
      ahead: 0,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// One fault, one action: the faulted run, then the re-run.

const rows: FaultRow[] = [];

interface FaultCase {
  fault: (typeof FAULTS)[number];
  subject: () => Promise<Subject>;
  /** What was injected, in the report's words. */
  injected: string;
  inject?: (s: Subject, mark: () => Promise<void>) => void;
  /** The faulted run's token (a token without a permission). */
  token?: string;
  expect: 'recovered' | 'stopped cleanly';
  /** What the one error must say. */
  says?: (string | RegExp)[];
  /** A stall: the faulted run meets the API through a stalling proxy, or its git remote over stalling HTTP, with network-timeout STALL_LIMIT. */
  stall?: { api?: StallRule[]; git?: GitHttpStall };
  /** Refs a clean stop may leave moved besides the subject's own (a tag pushed before the API stalled). */
  consistent?: string[];
  /** The re-run's summary says it completed what the stopped run left (a branch without its pull request). */
  completes?: boolean;
}

/** The stall limit of the stall cases, in seconds: small, so each case costs a few seconds. */
const STALL_LIMIT = 2;

/** A pull request "another run" opens between the action's look and its create. */
function openedMeanwhile(s: Subject, head: string, base: string): Fault['before'] {
  const [owner, repo] = s.repository.split('/') as [string, string];
  return async (d) => {
    await d.act('pulls/create', { owner, repo, head, base, title: 'opened by another run', body: 'another run' });
  };
}

/** The pull request branch is deleted (by someone) between the push and the API call. */
function branchVanishes(s: Subject, head: string): Fault['before'] {
  return async () => {
    await sandbox.git(s.remote).raw(['update-ref', '-d', `refs/heads/${head}`]);
  };
}

const PERMISSION = (permission: string) => [
  `the token lacks the "${permission}" permission`,
  `Add \`permissions: { ${permission} }\` to the job`,
];

const HEADS: Record<string, [string, string]> = {
  'bump-next-beta': ['bump/4.3.6b1', 'dev'],
  'sync-submodules': ['update/2026-12-01', 'main'],
  'export-tool-list': ['pipeline/tools-list/light_3.1.18_amd64', 'dev'],
};

/** The same six GitHub faults for each action that opens a pull request. */
function pullRequestCases(action: keyof typeof HEADS, subject: () => Promise<Subject>): FaultCase[] {
  const [head, base] = HEADS[action]!;
  return [
    {
      fault: 'GitHub 5xx',
      subject,
      injected: 'pulls/create → 502, once',
      inject: () => double.injectFault({ operationId: 'pulls/create', ...faults.serverError(502) }),
      expect: 'recovered',
    },
    {
      fault: 'GitHub 429 + retry-after',
      subject,
      injected: 'pulls/list → 429, retry-after 1 s, once',
      inject: () => double.injectFault({ operationId: 'pulls/list', ...faults.rateLimit(1) }),
      expect: 'recovered',
    },
    {
      fault: 'GitHub secondary rate limit',
      subject,
      injected: 'pulls/create → 403 secondary limit, retry-after 1 s, once',
      inject: () => double.injectFault({ operationId: 'pulls/create', ...faults.secondaryRateLimit(1) }),
      expect: 'recovered',
    },
    {
      fault: 'GitHub 422 (another run first)',
      subject,
      injected: 'another run opens the pull request just before pulls/create → 422',
      inject: (s) => double.injectFault({ operationId: 'pulls/create', before: openedMeanwhile(s, head, base) }),
      expect: 'recovered',
    },
    {
      fault: 'GitHub 404 (vanished)',
      subject,
      injected: 'the pushed branch is deleted, pulls/create → 404',
      inject: (s) =>
        double.injectFault({ operationId: 'pulls/create', ...faults.notFound(), before: branchVanishes(s, head) }),
      expect: 'stopped cleanly',
      says: ['not found, or the token cannot see it'],
    },
    {
      fault: 'GitHub 403 (permission)',
      subject,
      injected: 'a token without pull-requests: write',
      token: NO_PULLS,
      expect: 'stopped cleanly',
      says: PERMISSION('pull-requests: write'),
    },
  ];
}

/** A stalled read (retried), a stalled pull request creation and a stalled push, for each action that opens a pull request. */
function stallCases(subject: () => Promise<Subject>): FaultCase[] {
  return [
    {
      fault: 'GitHub API stall',
      subject,
      injected: `pulls/list: headers, then nothing, once (network-timeout ${STALL_LIMIT})`,
      stall: { api: [{ method: 'GET', path: /\/pulls\?/, mode: 'headers', times: 1 }] },
      expect: 'recovered',
    },
    {
      fault: 'GitHub API stall',
      subject,
      injected: `pulls/create: no answer at all (network-timeout ${STALL_LIMIT})`,
      stall: { api: [{ method: 'POST', path: /\/pulls$/, mode: 'silent', times: Infinity }] },
      expect: 'stopped cleanly',
      says: [
        /the GitHub API \(127\.0\.0\.1:\d+\) stopped answering: nothing came for 2 s, the stall limit \(input "network-timeout"\)/,
        /running the job again opens the pull request from it|was pushed; a re-run finds it/,
      ],
      completes: true,
    },
    {
      fault: 'git remote stall',
      subject,
      injected: `git push over HTTP: the server takes the pack and never answers (network-timeout ${STALL_LIMIT})`,
      stall: { git: { service: 'git-receive-pack', afterBytes: 0, times: 1 } },
      expect: 'stopped cleanly',
      says: [
        /^git push with 127\.0\.0\.1:\d+ stopped: nothing came for 2 s, the stall limit \(input "network-timeout"\)/,
      ],
      completes: true,
    },
  ];
}

const CASES: Record<string, FaultCase[]> = {
  'bump-next-beta': [...pullRequestCases('bump-next-beta', bumpSubject), ...stallCases(bumpSubject)],
  'sync-submodules': [...pullRequestCases('sync-submodules', syncSubject), ...stallCases(syncSubject)],
  'export-tool-list': [...pullRequestCases('export-tool-list', exportSubject), ...stallCases(exportSubject)],
  'verify-version': [
    {
      fault: 'GitHub 5xx',
      subject: verifySubject,
      injected: 'pulls/get → 503, once',
      inject: () => double.injectFault({ operationId: 'pulls/get', ...faults.serverError(503) }),
      expect: 'recovered',
    },
    {
      fault: 'GitHub 429 + retry-after',
      subject: verifySubject,
      injected: 'pulls/get → 429, retry-after 1 s, once',
      inject: () => double.injectFault({ operationId: 'pulls/get', ...faults.rateLimit(1) }),
      expect: 'recovered',
    },
    {
      fault: 'GitHub secondary rate limit',
      subject: verifySubject,
      injected: 'pulls/get → 403 secondary limit, retry-after 1 s, once',
      inject: () => double.injectFault({ operationId: 'pulls/get', ...faults.secondaryRateLimit(1) }),
      expect: 'recovered',
    },
    {
      fault: 'GitHub 404 (vanished)',
      subject: verifySubject,
      injected: "pulls/get → 404 (the event's pull request is gone)",
      inject: () => double.injectFault({ operationId: 'pulls/get', ...faults.notFound() }),
      expect: 'stopped cleanly',
      says: ['Could not read pull request #', 'not found'],
    },
    {
      fault: 'GitHub 403 (permission)',
      subject: verifySubject,
      injected: 'a token without pull-requests: read',
      token: NO_PULLS,
      expect: 'stopped cleanly',
      says: PERMISSION('pull-requests: read'),
    },
    {
      fault: 'GitHub API stall',
      subject: verifySubject,
      injected: `pulls/get: headers, then nothing, once (network-timeout ${STALL_LIMIT})`,
      stall: { api: [{ method: 'GET', path: /\/pulls\/\d+$/, mode: 'headers', times: 1 }] },
      expect: 'recovered',
    },
  ],
  'create-release': [
    {
      fault: 'GitHub 404 (vanished)',
      subject: () => releaseSubject({ leftover: true }),
      injected: 'the release an earlier run left is deleted meanwhile, update-release → 404',
      inject: (s, mark) => {
        const [owner, repo] = s.repository.split('/') as [string, string];
        double.injectFault({
          operationId: 'repos/update-release',
          before: async (d) => {
            const release = d.state.releases(s.repository).find((r) => r.tagName === '4.3.5')!;
            await d.act('repos/delete-release', { owner, repo, release_id: release.id });
            await mark(); // the world as the other party left it
          },
        });
      },
      expect: 'stopped cleanly',
      says: ['Could not update release', 'not found'],
    },
    {
      fault: 'GitHub 403 (permission)',
      subject: () => releaseSubject(),
      injected: 'a token with contents: read only',
      token: CONTENTS_READ,
      expect: 'stopped cleanly',
      says: PERMISSION('contents: write'),
    },
    {
      fault: 'GitHub API stall',
      subject: () => releaseSubject(),
      injected: `repos/create-release: no answer at all, after the tag is pushed (network-timeout ${STALL_LIMIT})`,
      stall: { api: [{ method: 'POST', path: /\/releases$/, mode: 'silent', times: Infinity }] },
      consistent: ['refs/tags/4.3.5'],
      expect: 'stopped cleanly',
      says: [/the GitHub API \(127\.0\.0\.1:\d+\) stopped answering: nothing came for 2 s/, 'network-timeout'],
    },
  ],
};

/** Refs of the remote and the double's state for the repository, minus refs a clean stop may move. */
async function world(s: Subject, alsoConsistent: string[] = []): Promise<unknown> {
  const snap = (await snapshot({ repos: [s.remote], env: sandbox.env(), double, apiRepos: [s.repository] })) as {
    repos: Record<string, { refs: Record<string, string> }>;
  };
  for (const ref of [...s.consistent, ...alsoConsistent]) delete snap.repos[s.remote]!.refs[ref];
  return snap;
}

function sequence(): string[] {
  return double.requests.map((r) => `${r.operationId ?? r.path} ${r.status}`);
}

/** The error as the report shows it: one line, without what varies from run to run (names, ids). */
function reported(message: string, s?: Subject): string {
  let text = message.replace(/\s+/g, ' ');
  if (s) text = text.replaceAll(s.repository, `${OWNER}/<repo>`);
  return text.replace(/\brelease \d+(?![.\d])/g, 'release <id>').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');
}

async function faultCase(c: FaultCase): Promise<void> {
  const s = await c.subject();
  let before = await world(s, c.consistent);
  const mark = async () => {
    before = await world(s, c.consistent);
  };
  double.clearFaults();
  double.resetCounts();
  c.inject?.(s, mark);
  // A stall: real servers that take the request and then say nothing, for the faulted run only.
  let proxy: StallProxy | null = null;
  let gitHttp: GitHttpServer | null = null;
  const over: { apiUrl?: string; origin?: (remote: string) => string; inputs?: Record<string, string> } = {};
  if (c.stall) over.inputs = { 'network-timeout': String(STALL_LIMIT) };
  if (c.stall?.api) {
    proxy = await stallProxy(double.url, c.stall.api);
    over.apiUrl = proxy.url;
  }
  if (c.stall?.git) {
    const server = (gitHttp = await sandbox.serveHttp({ stall: c.stall.git }));
    over.origin = (remote) => server.url(remote);
  }
  const started = performance.now();
  let first: ActionRun;
  try {
    first = await s.run(c.token, over);
  } finally {
    await proxy?.close();
    await gitHttp?.close();
  }
  if (c.stall) {
    // Each stall met, and no run waits much longer than the limit for it.
    expect((proxy?.stalled.length ?? 0) + (gitHttp?.stalled.length ?? 0)).toBeGreaterThan(0);
    expect((performance.now() - started) / 1000).toBeLessThan(60);
  }
  const firstRequests = sequence();
  double.clearFaults();
  double.assertNoViolations();
  if (c.expect === 'recovered') {
    if (first.exitCode !== 0) console.log(first.stdout, first.stderr);
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(
      double.requests.some((r) => r.faulted) ||
        firstRequests.some((r) => / (4\d\d|5\d\d)$/.test(r)) ||
        Boolean(proxy?.stalled.length),
    ).toBe(true);
  } else {
    expect(first.exitCode).toBe(1);
    expect(first.errors).toHaveLength(1);
    for (const text of c.says ?? [])
      expect(first.errors[0]!.message).toEqual(
        typeof text === 'string' ? expect.stringContaining(text) : expect.stringMatching(text),
      );
    expect(await world(s, c.consistent)).toEqual(before);
  }
  const afterFirst = await s.done();

  double.resetCounts();
  const again = await s.run();
  const againRequests = sequence();
  double.assertNoViolations();
  if (again.exitCode !== 0) console.log(again.stdout, again.stderr);
  expect(again.errors).toEqual([]);
  expect(again.exitCode).toBe(0);
  // The re-run found the branch the stopped run pushed, opened its pull request, and says so.
  if (c.completes) expect(again.summary).toContain('Completed an earlier run: branch');
  const done = await s.done();
  // Exactly one of what the action makes, and no second commit on the pull request branch.
  if (s.action === 'create-release') expect(done.releases).toBe(1);
  else expect(done.pulls).toBe(1);
  if (HEADS[s.action]) expect(done.ahead).toBe(s.action === 'bump-next-beta' ? 2 : 1); // bump: the release merge commit, then the bump
  if (c.expect === 'recovered') {
    if (s.unchanged) expect(again.outputs.operation).toBe(s.unchanged);
    expect(done).toEqual(afterFirst);
  } else if (afterFirst.head && HEADS[s.action]) {
    expect(done.head).toBe(afterFirst.head); // the branch the stopped run pushed is taken as it is
  }

  rows.push({
    action: s.action,
    fault: c.fault,
    injected: c.injected,
    outcome: c.expect,
    error: first.errors[0] ? reported(first.errors[0].message, s) : '',
    firstRequests,
    rerun: again.outputs.operation ? `${again.outputs.operation}` : 'passed',
    rerunRequests: againRequests,
  });
}

describe.each(Object.keys(CASES))('%s', (action) => {
  test.each(CASES[action]!.map((c) => [`${c.fault}: ${c.expect}`, c] as const))(
    '%s; the re-run completes, no duplicate',
    async (_name, c) => {
      await faultCase(c);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The registry: pushes that keep failing with 5xx, through the fault-injecting proxy.

const docker = dockerEnvironment();
const dockerReady = docker.ok;
if (!dockerReady && !dockerTestsMustRun()) console.warn(skipBanner(docker.reason ?? 'unknown reason'));
const describeDocker = dockerReady || dockerTestsMustRun() ? describe : describe.skip;
/** The rows the Docker tests add to the report. */
const DOCKER_ROWS = 3;

describeDocker('multi-arch-image-build', () => {
  const NS = uniqueRepository('faults');
  let proxy: FaultProxy;
  let workspace: string;
  const dockerConfig = tempDir('faults-docker-config-');
  beforeAll(async () => {
    if (!dockerReady) throw new Error(`the Docker test environment is not ready under CI=true: ${docker.reason}`);
    proxy = await FaultProxy.start(docker.registry);
    workspace = imageProject(tempDir('faults-image-'), { tests: PASSING_TESTS, marker: NS });
  });
  afterAll(async () => {
    await proxy?.close();
    for (const dir of [dockerConfig, workspace]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const repo = (name: string) => `${NS}/${name}`;
  const step = (inputs: Record<string, string>) =>
    runLogged({
      action: 'multi-arch-image-build',
      workspace,
      inputs: {
        preset: 'none',
        'test-shell': 'sh',
        'min-free-space': '100MB',
        retries: '2',
        'retry-delay': '100ms',
        'build-date': '2026-11-25T00:00:00Z',
        ...inputs,
      },
      env: { DOCKER_CONFIG: dockerConfig },
      timeoutMs: 240_000,
    });
  // Manifest writes only: how docker uploads or mounts layers depends on what it pushed before.
  const requests = () =>
    proxy.requests
      .filter((r) => r.method === 'PUT' && /\/manifests\//.test(r.path))
      .map((r) => `PUT manifest ${r.path.replace(/^.*\/manifests\//, '')} ${r.status}`);
  /** The proxy's port and this run's repository names vary: the report shows neither. */
  const plain = (text: string) => text.replaceAll(proxy.address, '<registry>').replaceAll(NS, '<ns>');

  test('build: every manifest upload answers 503 → stopped cleanly, nothing tagged; the re-run pushes; a third run finds it unchanged', async () => {
    const image = `${proxy.address}/${repo('build')}`;
    const inputs = {
      step: 'build',
      image,
      profile: 'full',
      version: '1.0.0',
      platform: 'linux/amd64',
      'build-args': 'ARCH=amd64',
      'registry-username': 'robot',
      'registry-password': REGISTRY_PASSWORD,
    };
    proxy.clearRules();
    proxy.resetLog();
    proxy.inject({ method: 'PUT', path: /\/manifests\//, status: 503, times: Infinity });
    const first = await step(inputs);
    const firstRequests = requests();
    proxy.clearRules();
    expect(first.exitCode).toBe(1);
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0]!.message).toMatch(
      /^Pushing .*\/build:full-1\.0\.0-amd64 failed 2 time\(s\): .*503.*retry later, or raise retries\.$/,
    );
    expect(proxy.injected().length).toBe(2); // retries: 2
    expect(await listTags(docker.registry, repo('build'))).toEqual([]);

    proxy.resetLog();
    const again = await step(inputs);
    const againRequests = requests();
    expect(again.errors).toEqual([]);
    expect(again.outputs.operation).toBe('pushed');
    expect((await readManifest(docker.registry, repo('build'), 'full-1.0.0-amd64')).digest).toBe(again.outputs.digest);
    const third = await step(inputs);
    expect(third.outputs).toMatchObject({ operation: 'unchanged', digest: again.outputs.digest });
    expect(await listTags(docker.registry, repo('build'))).toEqual(['full-1.0.0-amd64']);
    rows.push({
      action: 'multi-arch-image-build',
      fault: 'registry 5xx on push',
      injected: 'build: every PUT of a manifest → 503 (retries: 2)',
      outcome: 'stopped cleanly',
      error: reported(plain(first.errors[0]!.message)),
      firstRequests,
      rerun: `${again.outputs.operation}, then ${third.outputs.operation}`,
      rerunRequests: againRequests,
    });
  });

  // Merges the arch image the build test's re-run pushed.
  test('merge: every write of the final tag answers 503 → stopped cleanly, no final tag; the re-run writes the list once', async () => {
    const image = `${proxy.address}/${repo('build')}`;
    const inputs = { step: 'merge', image, sources: 'full-1.0.0-amd64', tags: 'full' };
    proxy.clearRules();
    proxy.resetLog();
    proxy.inject({ method: 'PUT', path: /\/manifests\/full$/, status: 503, times: Infinity });
    const first = await step(inputs);
    const firstRequests = requests();
    proxy.clearRules();
    expect(first.exitCode).toBe(1);
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0]!.message).toMatch(
      /^The merge step stopped: the registry kept failing \(.*503.*\)\. .*a re-run with the same inputs writes only what is missing/,
    );
    expect(await listTags(docker.registry, repo('build'))).toEqual(['full-1.0.0-amd64']);

    proxy.resetLog();
    const again = await step(inputs);
    const againRequests = requests();
    expect(again.errors).toEqual([]);
    expect(again.outputs.operation).toBe('created');
    const third = await step(inputs);
    expect(third.outputs).toMatchObject({ operation: 'unchanged', digest: again.outputs.digest });
    expect(await listTags(docker.registry, repo('build'))).toEqual(['full', 'full-1.0.0-amd64']);
    rows.push({
      action: 'multi-arch-image-build',
      fault: 'registry 5xx on push',
      injected: 'merge: every PUT of the final tag → 503 (retries: 2)',
      outcome: 'stopped cleanly',
      error: reported(plain(first.errors[0]!.message)),
      firstRequests,
      rerun: `${again.outputs.operation}, then ${third.outputs.operation}`,
      rerunRequests: againRequests,
    });
  });

  // Merges the same arch image into one more tag, through a proxy that takes each write of it and never answers.
  test('merge: the registry never answers the write of the final tag → retried, then stopped cleanly naming the host and the limit; the re-run writes the list once', async () => {
    const stall = await stallProxy(`http://${docker.registry}`, [
      { method: 'PUT', path: /\/manifests\/stall$/, mode: 'silent', times: Infinity },
    ]);
    const inputs = {
      step: 'merge',
      sources: 'full-1.0.0-amd64',
      tags: 'stall',
      'network-timeout': String(STALL_LIMIT),
    };
    const started = performance.now();
    let first: ActionRun;
    try {
      first = await step({ ...inputs, image: `${stall.host}/${repo('build')}` });
    } finally {
      await stall.close();
    }
    const firstRequests = stall.requests
      .filter((r) => r.startsWith('PUT') && /\/manifests\//.test(r))
      .map((r) => `PUT manifest ${r.replace(/^.*\/manifests\//, '')} (no answer)`);
    expect((performance.now() - started) / 1000).toBeLessThan(60);
    expect(first.exitCode).toBe(1);
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0]!.message).toContain(
      `stopped answering: nothing came for 2 s, the stall limit (input "network-timeout")`,
    );
    expect(first.errors[0]!.message).not.toMatch(/HTTP \d{3}/);
    expect(stall.stalled).toHaveLength(2); // retries: 2 (a PUT of the same bytes is safe to send again)
    expect(await listTags(docker.registry, repo('build'))).toEqual(['full', 'full-1.0.0-amd64']);

    proxy.resetLog();
    const again = await step({ ...inputs, image: `${proxy.address}/${repo('build')}` });
    const againRequests = requests();
    expect(again.errors).toEqual([]);
    expect(again.outputs.operation).toBe('created');
    const third = await step({ ...inputs, image: `${proxy.address}/${repo('build')}` });
    expect(third.outputs).toMatchObject({ operation: 'unchanged', digest: again.outputs.digest });
    expect(await listTags(docker.registry, repo('build'))).toEqual(['full', 'full-1.0.0-amd64', 'stall']);
    rows.push({
      action: 'multi-arch-image-build',
      fault: 'registry stall',
      injected: `merge: every PUT of the final tag taken and never answered (retries: 2, network-timeout ${STALL_LIMIT})`,
      outcome: 'stopped cleanly',
      error: reported(plain(first.errors[0]!.message)),
      firstRequests,
      rerun: `${again.outputs.operation}, then ${third.outputs.operation}`,
      rerunRequests: againRequests,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Faults the actions' own tests already prove: named here, not run twice.

const REUSED: ReusedRow[] = [
  {
    action: 'create-release',
    fault: 'GitHub 5xx',
    outcome: 'recovered',
    test: 'test/actions/create-release.test.ts',
    name: '5xx on list',
  },
  {
    action: 'create-release',
    fault: 'GitHub 5xx',
    outcome: 'recovered',
    test: 'test/actions/create-release.test.ts',
    name: '5xx after GitHub made the release: the retried create meets 422 already_exists and adopts it',
  },
  {
    action: 'create-release',
    fault: 'GitHub 429 + retry-after',
    outcome: 'recovered',
    test: 'test/actions/create-release.test.ts',
    name: '429 rate limit on notes',
  },
  {
    action: 'create-release',
    fault: 'GitHub secondary rate limit',
    outcome: 'recovered',
    test: 'test/actions/create-release.test.ts',
    name: 'secondary rate limit on create',
  },
  {
    action: 'create-release',
    fault: 'GitHub 422 (another run first)',
    outcome: 'recovered',
    test: 'test/actions/create-release.test.ts',
    name: 'another run creates the release between our look and our create: 422 already_exists, adopted',
  },
  {
    action: 'create-release',
    fault: 'GitHub 403 (permission)',
    outcome: 'stopped cleanly',
    test: 'test/actions/create-release.test.ts',
    name: 'a run that failed after the tag was made completes on re-run',
  },
  {
    action: 'create-release',
    fault: 'git push rejected (remote moved)',
    outcome: 'recovered',
    test: 'packages/core/src/create-release/tag.test.ts',
    name: 'another run pushes the same tag first: its tag is reused',
  },
  {
    action: 'bump-next-beta',
    fault: 'git push rejected (remote moved)',
    outcome: 'recovered',
    test: 'test/actions/bump-next-beta.test.ts',
    name: 'dev moved while the bump was being made: fetch, rebase, push again',
  },
  {
    action: 'sync-submodules',
    fault: 'git push rejected (remote moved)',
    outcome: 'recovered',
    test: 'test/actions/sync-submodules.test.ts',
    name: 'fetch, rebase, push: one commit on top of the other',
  },
  {
    action: 'sync-submodules',
    fault: 'git push rejected (remote moved)',
    outcome: 'stopped cleanly',
    test: 'test/actions/sync-submodules.test.ts',
    name: 'someone moved the same submodule: stops cleanly, nothing pushed',
  },
  {
    action: 'export-tool-list',
    fault: 'git push rejected (remote moved)',
    outcome: 'recovered',
    test: 'test/actions/export-tool-list.test.ts',
    name: 'the change is applied again on the moved branch and pushed; both rows are kept',
  },
  {
    action: 'export-tool-list',
    fault: 'git push rejected (remote moved)',
    outcome: 'stopped cleanly',
    test: 'test/actions/export-tool-list.test.ts',
    name: 'retries are bounded: with push-attempts 1 the run fails and the remote keeps their commit',
  },
  {
    action: 'multi-arch-image-build',
    fault: 'registry 5xx on push',
    outcome: 'recovered',
    test: 'test/actions/multi-arch-image-build.test.ts',
    name: 'a 503 on the manifest upload is retried, and the push succeeds',
  },
  {
    action: 'multi-arch-image-build',
    fault: 'registry 5xx on push',
    outcome: 'recovered',
    test: 'test/actions/multi-arch-image-build.test.ts',
    name: 'merge retries a 500 and a dropped connection on the registry API',
  },
];

const NOT_APPLICABLE: Record<string, string> = {
  'verify-version × GitHub 422 (another run first)': 'reads only: nothing to create twice',
};

function report(): FaultReport {
  return { rows, reused: REUSED, notApplicable: NOT_APPLICABLE };
}

test('each reused fault test still exists, under the name the report gives', () => {
  for (const r of REUSED) {
    const text = fs.readFileSync(path.join(repoRoot, r.test), 'utf8');
    expect([r.test, text.includes(r.name)]).toEqual([r.test, true]);
  }
});

// ---------------------------------------------------------------------------------------------
// Belt and braces: the runner already fails a run whose log holds a secret it knows of; here
// every log of this file is searched for every token of this file, whichever run used it.

test('no token of this file appears in any captured log, summary or output', () => {
  const leaks = (entries: { text: string }[]) =>
    entries.flatMap((l, i) => TOKENS.filter((t) => l.text.includes(t)).map((t) => `run ${i}: ${t.slice(0, 4)}…`));
  expect(logs.length).toBeGreaterThan(0);
  // The search works: a planted token is found.
  expect(leaks([{ text: `x ${TOKENS[1]} y` }])).toHaveLength(1);
  expect(leaks(logs)).toEqual([]);
  // And it searched logs of runs that held each token (the runs asked the runner to mask it).
  const used = new Set(logs.flatMap((l) => l.tokensGiven));
  for (const t of [TOKEN, NO_PULLS, CONTENTS_READ])
    expect([t.slice(0, 12), used.has(t)]).toEqual([t.slice(0, 12), true]);
  if (dockerReady) expect(used.has(REGISTRY_PASSWORD)).toBe(true);
  for (const l of logs)
    for (const t of l.tokensGiven) expect([l.action, l.masks.includes(t)]).toEqual([l.action, true]);
});

// Its registry rows need the engine: without one (and not under CI) it is skipped with the banner above.
(dockerReady || dockerTestsMustRun() ? test : test.skip)('docs/fault-report.md is what this run renders', () => {
  const expected = Object.values(CASES).flat().length + DOCKER_ROWS;
  if (rows.length !== expected)
    throw new Error(`only ${rows.length} of ${expected} fault cases ran: run the whole file to compare the report`);
  const committed = fs.readFileSync(path.join(repoRoot, 'docs/fault-report.md'), 'utf8');
  expect(committed).toBe(renderFaultReport(report()));
});
