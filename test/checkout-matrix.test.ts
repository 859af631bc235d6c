// Every action that reads history, tags or credentials, or pushes, after the REAL actions/checkout
// (the four vendored releases), on every event the templates use, with fetch-depth 1 and 0,
// fetch-tags on and off, persist-credentials on and off: pairwise, so that every value of every
// dimension meets every other at least once. Each cell passes and leaves the state it should
// (tags, branches, releases on the remote), or stops with one error that says what to set in the
// workflow and leaves the remote as it was. Cells run a few at a time: each has its own remotes.
//
//   pnpm test -- test/checkout-matrix.test.ts
import { afterAll, expect, test } from '@jest/globals';
import { CHECKOUT_RELEASES, GitSandbox, type Checkout, type CheckoutOptions } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { runAction, type ActionRun } from '@exegol-actions/testkit/runner';
import {
  DOCS_RESOURCES_FILE,
  docsRemote,
  fixtureFile,
  githubProject,
  releaseHistory,
  wrapperTree,
} from '@exegol-actions/testkit/fixtures';
import { pairwise, type Row } from './pairwise.ts';

const EVENTS = [
  'push-branch',
  'push-tag',
  'pull_request',
  'pull_request_target',
  'workflow_dispatch',
  'schedule',
] as const;
type Event = (typeof EVENTS)[number];

/** Where the templates (or a workflow a user would write) run each action. */
const RUNS_ON: Record<string, readonly Event[]> = {
  'verify-version': EVENTS,
  'bump-next-beta': ['push-tag', 'workflow_dispatch'],
  'create-release': ['push-tag', 'workflow_dispatch'],
  'sync-submodules': ['pull_request', 'pull_request_target', 'workflow_dispatch', 'schedule'],
  'export-tool-list': ['push-branch', 'pull_request', 'workflow_dispatch', 'schedule'],
};

const DIMENSIONS = {
  action: Object.keys(RUNS_ON),
  event: EVENTS,
  version: CHECKOUT_RELEASES,
  fetchDepth: [1, 0],
  fetchTags: [false, true],
  persistCredentials: [false, true],
} as const;
type Cell = Row<typeof DIMENSIONS>;

// The cells issue 11 was found in: a pushed annotated tag, checked out by v4.2.2 / v5.0.0 with the
// templates' settings, then an action that fetches tags.
const seeds: Cell[] = ['verify-version', 'bump-next-beta', 'create-release'].flatMap((action) =>
  (['v4.2.2', 'v5.0.0'] as const).map((version) => ({
    action,
    event: 'push-tag',
    version,
    fetchDepth: 1,
    fetchTags: false,
    persistCredentials: false,
  })),
);
const CELLS = pairwise(DIMENSIONS, (c) => RUNS_ON[c.action]!.includes(c.event), seeds);

// One sandbox and one API double for all cells; every cell makes its own remotes.
let shared: Promise<{ sandbox: GitSandbox; double: GitHubDouble }> | undefined;
function world(): Promise<{ sandbox: GitSandbox; double: GitHubDouble }> {
  shared ??= (async () => {
    const sandbox = await GitSandbox.create('checkout-matrix-');
    const double = await startGitHubDouble({ tokens: { [sandbox.token]: {} } });
    return { sandbox, double };
  })();
  return shared;
}
afterAll(async () => {
  if (!shared) return;
  const { sandbox, double } = await shared;
  await double.stop();
  sandbox.cleanup();
});

// The cells wait on git and node processes; three at a time keep two CPUs busy.
let running = 0;
const queue: (() => void)[] = [];
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 3) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    queue.shift()?.();
  }
}

const label = (c: Cell) =>
  `${c.action} after checkout ${c.version} on ${c.event}, fetch-depth ${c.fetchDepth}, fetch-tags ${c.fetchTags}, persist-credentials ${c.persistCredentials}`;
const cellName = (c: Cell) =>
  `${c.action.split('-')[0]}-${c.event.replace(/_/g, '-')}-${c.version}-${c.fetchDepth}${c.fetchTags ? 't' : 'n'}${c.persistCredentials ? 'p' : 'n'}`;

function checkoutOptions(c: Cell, extra: CheckoutOptions = {}): CheckoutOptions {
  return {
    version: c.version,
    fetchDepth: c.fetchDepth,
    fetchTags: c.fetchTags,
    persistCredentials: c.persistCredentials,
    ...extra,
  };
}

/** The workflow event of a cell as checkout sees it: the ref, and the pull request if any. */
async function eventCheckout(
  sandbox: GitSandbox,
  c: Cell,
  remote: string,
  refs: { branch: string; tag?: string; base: string; head: string },
  name: string,
): Promise<Checkout> {
  const pr = async () =>
    sandbox.pullRequest(remote, { number: 7, head: refs.head, base: refs.base, title: 'Release 4.3.5' });
  switch (c.event) {
    case 'push-branch':
      return sandbox.checkout(remote, `refs/heads/${refs.branch}`, checkoutOptions(c, { name }));
    case 'push-tag':
      return sandbox.checkout(remote, `refs/tags/${refs.tag}`, checkoutOptions(c, { name }));
    case 'pull_request':
      return sandbox.checkout(remote, 'refs/pull/7/merge', checkoutOptions(c, { name, pullRequest: await pr() }));
    case 'pull_request_target':
      return sandbox.checkout(
        remote,
        `refs/heads/${refs.base}`,
        checkoutOptions(c, { name, event: 'pull_request_target', pullRequest: await pr() }),
      );
    case 'workflow_dispatch':
    case 'schedule':
      return sandbox.checkout(remote, `refs/heads/${refs.branch}`, checkoutOptions(c, { name, event: c.event }));
  }
}

/** Fails unless the run stopped with exactly one error that says what to set on the workflow. */
function expectActionableStop(run: ActionRun): void {
  expect(run.exitCode).toBe(1);
  expect(run.errors).toHaveLength(1);
  expect(run.errors[0]!.message).toMatch(/fetch-depth|persist-credentials|fetch-tags|token/);
  expect(run.errors[0]!.message).not.toMatch(/bug/i);
}

async function verifyVersion(c: Cell): Promise<void> {
  const { sandbox } = await world();
  const name = cellName(c);
  const pr = c.event === 'pull_request' || c.event === 'pull_request_target';
  const h = await releaseHistory(sandbox, `${name}/Exegol`, {
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1'],
    released: '4.3.5',
    tagReleased: !pr,
    merge: !pr,
  });
  await sandbox.git(h.remote).raw(['symbolic-ref', 'HEAD', 'refs/heads/master']);
  // What each event checks out, and the version and previous release verify-version must find.
  const expected: Record<Event, [string, string]> = {
    'push-tag': ['4.3.5', '4.3.4'],
    'push-branch': ['4.3.5', '4.3.4'],
    pull_request: ['4.3.5', '4.3.4'],
    // The base branch, at the previous release: its own tag is not a previous one.
    pull_request_target: ['4.3.4', ''],
    workflow_dispatch: ['4.3.5', '4.3.4'],
    schedule: ['4.3.5', '4.3.4'],
  };
  const checkout = await eventCheckout(
    sandbox,
    c,
    h.remote,
    { branch: c.event === 'push-branch' ? 'dev' : 'master', tag: '4.3.5', base: 'master', head: 'dev' },
    name,
  );
  const remoteBefore = await sandbox.refs(h.remote);
  const localBefore = await checkout.git.refs();
  const run = await runAction({ ...checkout.step(), action: 'verify-version' });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect([run.outputs.version, run.outputs['previous-tag']]).toEqual(expected[c.event]);
  // A gate writes nothing anywhere; locally, fetching may add tags and remote refs, never move one.
  expect(await sandbox.refs(h.remote)).toEqual(remoteBefore);
  const localAfter = await checkout.git.refs();
  for (const [ref, sha] of Object.entries(localBefore)) expect([ref, localAfter[ref]]).toEqual([ref, sha]);
}

async function bumpNextBeta(c: Cell): Promise<void> {
  const { sandbox, double } = await world();
  const name = cellName(c);
  const h = await releaseHistory(sandbox, `${name}/Exegol`, {
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1'],
    released: '4.3.5',
    tagReleased: true,
    wrapper: { testVersion: '4.3.5' },
  });
  const checkout = await eventCheckout(
    sandbox,
    c,
    h.remote,
    { branch: 'master', tag: '4.3.5', base: 'master', head: 'dev' },
    name,
  );
  double.addRepo(checkout.context.repository, h.remote, { defaultBranch: 'master' });
  const before = await sandbox.refs(h.remote);
  const run = await runAction({
    ...checkout.step(),
    apiUrl: double.url,
    action: 'bump-next-beta',
    inputs: { version: '4.3.5', 'fast-forward-from': 'master' },
  });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(run.outputs).toMatchObject({ 'next-version': '4.3.6b1', operation: 'bumped', pushed: 'true' });
  const after = await sandbox.refs(h.remote);
  // dev is the merge commit plus the bump; nothing else moved, no tag was touched.
  expect({ ...after, 'refs/heads/dev': before['refs/heads/dev'] }).toEqual(before);
  const git = sandbox.git(h.remote);
  expect(await git.out(['rev-parse', `${after['refs/heads/dev']}^`])).toBe(h.mergeSha);
  expect(await git.out(['log', '-1', '--format=%s', after['refs/heads/dev']!])).toBe('Bump version to 4.3.6b1');
}

async function createRelease(c: Cell): Promise<void> {
  const { sandbox, double } = await world();
  const name = cellName(c);
  const tagPushed = c.event === 'push-tag';
  const p = await githubProject(sandbox, double, name, {
    owner: 'sandbox',
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1'],
    released: '4.3.5',
    tagReleased: tagPushed,
  });
  const checkout = await eventCheckout(
    sandbox,
    c,
    p.remote,
    { branch: 'master', tag: '4.3.5', base: 'master', head: 'dev' },
    name,
  );
  expect(checkout.context.repository).toBe(p.fullName);
  const before = await sandbox.refs(p.remote);
  const run = await runAction({
    ...checkout.step(),
    apiUrl: double.url,
    action: 'create-release',
    inputs: { version: '4.3.5' },
  });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(run.outputs.operation).toBe('created');
  const git = sandbox.git(p.remote);
  const after = await sandbox.refs(p.remote);
  if (tagPushed) expect(after).toEqual(before);
  else expect({ ...after, 'refs/tags/4.3.5': undefined }).toEqual({ ...before, 'refs/tags/4.3.5': undefined });
  // The tag on the remote is annotated (pushed by the maintainer, or made here) on the merge commit.
  expect(await git.out(['cat-file', '-t', 'refs/tags/4.3.5'])).toBe('tag');
  expect(await git.out(['rev-parse', 'refs/tags/4.3.5^{commit}'])).toBe(p.mergeSha);
  expect(double.state.releases(p.fullName).map((r) => r.tagName)).toContain('4.3.5');
  // A re-run of the same job finds everything done: the remote's annotated tag is the one it made.
  const again = await runAction({
    ...checkout.step(),
    apiUrl: double.url,
    action: 'create-release',
    inputs: { version: '4.3.5' },
  });
  expect(again.errors).toEqual([]);
  expect(again.outputs.operation).toBe('unchanged');
  expect(await sandbox.refs(p.remote)).toEqual(after);
}

async function syncSubmodules(c: Cell): Promise<void> {
  const { sandbox } = await world();
  const name = cellName(c);
  const check = c.event === 'pull_request' || c.event === 'pull_request_target';
  // The update job: images moved on since it was recorded. The gate: everything at the tips.
  const { remote: superRemote, moved } = await superproject(sandbox, name, { moved: !check });
  const checkout = await eventCheckout(sandbox, c, superRemote, { branch: 'main', base: 'main', head: 'dev' }, name);
  const before = await sandbox.refs(superRemote);
  const run = await runAction({
    ...checkout.step(),
    action: 'sync-submodules',
    inputs: check ? { mode: 'check', 'on-behind': 'fail' } : { mode: 'update', branch: 'main' },
  });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  const after = await sandbox.refs(superRemote);
  if (check) {
    expect(run.outputs.operation).toBe('unchanged');
    expect(after).toEqual(before);
    return;
  }
  expect(run.outputs.operation).toBe('pushed');
  const main = after['refs/heads/main']!;
  expect({ ...after, 'refs/heads/main': before['refs/heads/main'] }).toEqual(before);
  expect(await sandbox.git(superRemote).out(['rev-parse', `${main}^`])).toBe(before['refs/heads/main']);
  expect((await sandbox.git(superRemote).gitlinks(main)).get('exegol-images')).toBe(moved);
}

/** Remotes for sync-submodules: a superproject following images' main; `moved` when images moved on. */
async function superproject(
  sandbox: GitSandbox,
  name: string,
  options: { moved: boolean },
): Promise<{ remote: string; moved: string | null }> {
  const sub = await sandbox.bare(`${name}/Exegol-images`);
  const subDev = await sandbox.repo(`${name}/images-dev`, sub);
  await subDev.commit('images', { files: { Dockerfile: 'FROM scratch\n' } });
  await subDev.tag('3.1.5', { message: 'Release 3.1.5' });
  await subDev.pushAll();
  const remote = await sandbox.bare(`${name}/Exegol`);
  const dev = await sandbox.repo(`${name}/wrapper-dev`, remote);
  await dev.commit('wrapper', { files: wrapperTree({ version: '4.3.5' }) });
  // Relative, as Exegol's .gitmodules are: resolved against origin, the HTTP URL checkout left.
  await dev.git.raw(['submodule', 'add', '--quiet', '-b', 'main', '../Exegol-images.git', 'exegol-images']);
  await dev.commit('submodules');
  await dev.branch('dev');
  await dev.pushAll();
  if (!options.moved) {
    // The gate's pull request: dev work, every submodule at its tip.
    await dev.commit('dev work', { files: { 'CHANGELOG.md': 'dev\n' } });
    await dev.git.raw(['push', '--quiet', 'origin', 'HEAD:dev']);
    return { remote, moved: null };
  }
  const moved = await subDev.commit('Release 3.1.6', { files: { Dockerfile: 'FROM scratch\nLABEL v=3.1.6\n' } });
  await subDev.tag('3.1.6', { message: 'Release 3.1.6' });
  await subDev.pushAll();
  return { remote, moved };
}

async function exportToolList(c: Cell): Promise<void> {
  const { sandbox } = await world();
  const name = cellName(c);
  const resources = await sandbox.bare(`${name}/Exegol-resources`);
  const maintainer = await sandbox.repo(`${name}/resources-dev`, resources);
  await maintainer.commit('resources', {
    files: { 'resources_list.csv': fixtureFile('exegol-resources/resources_list.csv') },
  });
  await maintainer.branch('feature');
  await maintainer.switch('feature');
  await maintainer.commit('feature', { files: { 'README.md': 'feature\n' } });
  await maintainer.switch('main');
  await maintainer.pushAll();
  const docs = await docsRemote(sandbox, `${name}/Exegol-docs`);
  const checkout = await eventCheckout(sandbox, c, resources, { branch: 'main', base: 'main', head: 'feature' }, name);
  // The template's second checkout: the docs repository into exegol-docs, same job.
  await sandbox.checkout(docs.remote, 'refs/heads/main', checkoutOptions(c, { into: checkout, path: 'exegol-docs' }));
  const before = await sandbox.refs(docs.remote);
  const run = await runAction({
    ...checkout.step(),
    action: 'export-tool-list',
    inputs: { 'resources-csv': 'resources_list.csv', 'docs-path': 'exegol-docs', branch: 'main' },
  });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(run.outputs.operation).toBe('pushed');
  const after = await sandbox.refs(docs.remote);
  expect({ ...after, 'refs/heads/main': before['refs/heads/main'] }).toEqual(before);
  const git = sandbox.git(docs.remote);
  expect(await git.out(['rev-parse', `${after['refs/heads/main']}^`])).toBe(before['refs/heads/main']);
  expect(await git.lines(['diff', '--name-only', `${after['refs/heads/main']}^`, after['refs/heads/main']!])).toEqual([
    DOCS_RESOURCES_FILE,
  ]);
}

const RUN: Record<string, (c: Cell) => Promise<void>> = {
  'verify-version': verifyVersion,
  'bump-next-beta': bumpNextBeta,
  'create-release': createRelease,
  'sync-submodules': syncSubmodules,
  'export-tool-list': exportToolList,
};

test('the pairwise matrix covers every value of every dimension', () => {
  for (const [dimension, values] of Object.entries(DIMENSIONS)) {
    for (const value of values)
      expect([dimension, CELLS.some((c) => (c as Record<string, unknown>)[dimension] === value)]).toEqual([
        dimension,
        true,
      ]);
  }
  for (const [action, events] of Object.entries(RUNS_ON))
    for (const event of events) expect(CELLS.some((c) => c.action === action && c.event === event)).toBe(true);
  expect(CELLS.length).toBeLessThan(40);
});

test.concurrent.each(CELLS.map((c) => [label(c), c] as const))(
  '%s',
  async (_, cell) => {
    await limited(() => RUN[cell.action]!(cell));
  },
  300_000,
);

// Not cells: what no checkout release can make up for, said as what to set.
test('a push without credentials (persist-credentials: false, no token): the error names the token input', async () => {
  await limited(async () => {
    const { sandbox } = await world();
    const { remote } = await superproject(sandbox, 'no-token', { moved: true });
    const checkout = await sandbox.checkout(remote, 'refs/heads/main', {
      persistCredentials: false,
      event: 'workflow_dispatch',
    });
    const before = await sandbox.refs(remote);
    const run = await runAction({
      ...checkout.step(),
      action: 'sync-submodules',
      inputs: { mode: 'update', 'github-token': '' },
    });
    expectActionableStop(run);
    expect(run.errors[0]!.message).toMatch(
      /^Pushing to main was refused: fatal: could not read Username .*Give "github-token" a token that may push/,
    );
    expect(await sandbox.refs(remote)).toEqual(before);
  });
}, 120_000);

test('a private repository checked out without credentials: the error says what to set', async () => {
  await limited(async () => {
    const sandbox = await GitSandbox.create('checkout-matrix-private-', { privateRemotes: true });
    try {
      const h = await releaseHistory(sandbox, 'private/Exegol', {
        kind: 'wrapper',
        previous: '4.3.4',
        betas: ['4.3.5b1'],
        released: '4.3.5',
        tagReleased: true,
      });
      const checkout = await sandbox.checkout(h.remote, 'refs/tags/4.3.5', { persistCredentials: false });
      const before = await checkout.git.refs();
      const run = await runAction({ ...checkout.step(), action: 'verify-version' });
      expectActionableStop(run);
      expect(run.errors[0]!.message).toMatch(/persist-credentials: true/);
      expect(await checkout.git.refs()).toEqual(before);
    } finally {
      sandbox.cleanup();
    }
  });
}, 120_000);
