// The main job: an offline rehearsal of an Exegol release. It builds look-alike wrapper, images,
// docs and resources repositories with bare remotes in a temporary folder, starts the GitHub API
// double, and runs the actions' committed bundles the way the workflow templates chain them:
//
//   wrapper  sync-submodules → verify-version (release PR) → create-release → bump-next-beta
//   images   verify-version (release PR) → build + test per arch into the builds repository
//            → export-tool-list → merge into pre-production, arch tags deleted → a re-run that
//            builds nothing (skipped) and merges unchanged → create-release "Exegol images X.Y.Z"
//            (only when a Docker engine answers)
//
// Each step prints a progress line, its annotations and its job summary; the end is a table of
// what was created. Nothing leaves the machine: git remotes are folders, GitHub is the double.
//
//   pnpm run rehearsal                    (or ./tasks.sh rehearsal)
//   pnpm run rehearsal -- --repo PATH     rehearse your own checkout's release, on a copy
//   pnpm run rehearsal -- --keep          keep the temporary repositories
//   pnpm run rehearsal -- --no-docker     skip the images pipeline
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run as exec } from '@exegol-actions/core/exec';
import {
  dockerEnvironment,
  imageProject,
  listTags,
  PASSING_TESTS,
  uniqueRepository,
} from '@exegol-actions/testkit/docker';
import { releaseHistory, type ReleaseHistory } from '@exegol-actions/testkit/fixtures';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { repoRoot, runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const keep = flag('--keep');
const userRepo = option('--repo');
const OWNER = 'ThePorgs';
const TOKEN = 'ghs_rehearsaltoken000000000000001';
const MAINTAINER = 'github_pat_rehearsalmaintainer0001';
const BUILD_DATE = '2026-11-25T12:00:00Z';

const started = performance.now();
const steps: { pipeline: string; step: string; result: string; seconds: string }[] = [];
let stepNo = 0;

function heading(text: string): void {
  process.stdout.write(`\n\x1b[1;36m━━ ${text}\x1b[0m\n`);
}

/** What the Actions UI shows of a step: annotations, then the job summary (details folded). */
function show(run: ActionRun): void {
  for (const a of run.annotations) {
    const where = a.file ? ` ${a.file}${a.line ? `:${a.line}` : ''}` : '';
    const colour = a.level === 'error' ? 31 : a.level === 'warning' ? 33 : 36;
    console.log(`  \x1b[${colour}m${a.level}\x1b[0m${where}: ${a.message}`);
  }
  const summary = run.summary.replace(/<details>[\s\S]*?<\/details>/g, '  (details folded)').trim();
  if (summary) console.log(summary.replace(/^/gm, '  │ '));
}

interface StepOptions extends Partial<RunActionOptions> {
  pipeline: string;
  title: string;
  action: string;
  workspace: string;
  /** The step is there to show a refusal. */
  expectFailure?: boolean;
}

async function step(o: StepOptions): Promise<ActionRun> {
  stepNo++;
  process.stdout.write(`\n\x1b[1m[${String(stepNo).padStart(2)}] ${o.pipeline} · ${o.action}\x1b[0m — ${o.title}\n`);
  const run = await runAction({ token: TOKEN, timeoutMs: 300_000, ...o });
  show(run);
  const failed = run.exitCode !== 0;
  const seconds = (run.durationMs / 1000).toFixed(2);
  steps.push({
    pipeline: o.pipeline,
    step: `${o.action}: ${o.title}`,
    result: failed ? (o.expectFailure ? 'refused, as expected' : 'FAILED') : (run.outputs.operation ?? 'passed'),
    seconds,
  });
  process.stdout.write(
    `  ${failed === Boolean(o.expectFailure) ? '\x1b[32m✔' : '\x1b[31m✘'}\x1b[0m ${failed ? 'failed' : 'done'} in ${seconds} s\n`,
  );
  if (failed !== Boolean(o.expectFailure)) {
    console.error(run.stdout, run.stderr);
    throw new Error(
      `${o.action} (${o.title}): exit ${run.exitCode}, expected ${o.expectFailure ? 'a failure' : 'success'}`,
    );
  }
  return run;
}

async function sshKey(dir: string): Promise<{ privateKey: string; publicKey: string }> {
  const file = path.join(dir, 'release-signing-key');
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'exegol-release', '-f', file]);
  return { privateKey: fs.readFileSync(file, 'utf8'), publicKey: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
}

function prEvent(number: number, title: string, base: string) {
  return {
    name: 'pull_request',
    action: 'opened',
    payload: { number, pull_request: { number, title, draft: false, base: { ref: base }, head: { ref: 'dev' } } },
  };
}

/** A submodule's remote with a main branch, moved ahead later to give sync-submodules work. */
async function submoduleRemote(sandbox: GitSandbox, name: string): Promise<{ remote: string; repo: TestRepo }> {
  const remote = await sandbox.bare(name);
  const repo = await sandbox.repo(`${name}-upstream`, remote);
  await repo.commit(`${name}: initial`, { files: { 'README.md': `# ${name}\n` } });
  await repo.pushAll();
  return { remote, repo };
}

async function wrapperPipeline(sandbox: GitSandbox, double: GitHubDouble): Promise<void> {
  heading('Wrapper pipeline (ThePorgs/Exegol): release 4.3.5 after 4.3.4 and two betas');
  // Stand-ins for the images and resources repositories the wrapper records as submodules.
  const images = await submoduleRemote(sandbox, 'images-for-wrapper');
  const resources = await submoduleRemote(sandbox, 'Exegol-resources');
  const history: ReleaseHistory = await releaseHistory(sandbox, 'Exegol', {
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1', '4.3.5b2'],
    released: '4.3.5',
    merge: false,
    wrapper: { testVersion: '4.3.4' },
  });
  const fullName = `${OWNER}/Exegol`;
  // dev records both submodules, as the wrapper does; then their upstreams move on.
  const dev = history.maintainer;
  await dev.switch('dev');
  await dev.git.raw(['submodule', 'add', '--quiet', '-b', 'main', sandbox.url(images.remote), 'exegol-images']);
  await dev.git.raw(['submodule', 'add', '--quiet', '-b', 'main', sandbox.url(resources.remote), 'exegol-resources']);
  await dev.commit('Add submodules');
  await dev.git.raw(['push', '--quiet', 'origin', 'dev']);
  await images.repo.commit('New tools for 3.1.6', { files: { 'tools.txt': 'ffuf\nnuclei\n' } });
  await images.repo.tag('3.1.6', { message: 'Release 3.1.6' });
  await images.repo.pushAll();
  await resources.repo.commit('Monthly resources', { files: { 'resources.txt': 'linpeas\n' } });
  await resources.repo.pushAll();

  double.addRepo(fullName, history.remote, { defaultBranch: 'master' });
  await double.act('repos/create-release', {
    owner: OWNER,
    repo: 'Exegol',
    tag_name: '4.3.4',
    name: '4.3.4',
    make_latest: 'true',
  });
  const common = { pipeline: 'wrapper', repository: fullName, apiUrl: double.url, env: sandbox.env() };

  const onDev = await sandbox.checkout(history.remote, 'refs/heads/dev', { name: 'wrapper-dev' });
  await step({
    ...common,
    title: 'point exegol-images and exegol-resources at the tip of main, commit on dev',
    action: 'sync-submodules',
    workspace: onDev.dir,
    ref: 'refs/heads/dev',
    sha: await onDev.git.head(),
    inputs: { mode: 'update', branch: 'dev' },
  });
  const devSha = (await sandbox.refs(history.remote))['refs/heads/dev']!;

  const pr = await double.act(
    'pulls/create',
    { owner: OWNER, repo: 'Exegol', head: 'dev', base: 'master', title: 'Release 4.3.5', draft: true },
    { token: MAINTAINER },
  );
  const gateRun = (workspace: string, expectFailure: boolean, title: string) =>
    step({
      ...common,
      title,
      action: 'verify-version',
      workspace,
      ref: `refs/pull/${pr.number}/merge`,
      sha: devSha,
      event: prEvent(pr.number, 'Release 4.3.5', 'master'),
      inputs: { 'check-release-pr': 'true' },
      expectFailure,
    });
  const gateCheckout = await sandbox.checkout(history.remote, 'refs/heads/dev', { name: 'wrapper-gate' });
  await gateRun(gateCheckout.dir, true, 'the gate on the release PR while it is still a draft');
  // REST cannot mark a PR ready for review (GraphQL does): the maintainer's click, in the double.
  for (const p of double.state.pulls(fullName)) p.draft = false;
  const gate = await gateRun(gateCheckout.dir, false, 'the gate again, the PR ready for review');

  const merged = await double.act(
    'pulls/merge',
    { owner: OWNER, repo: 'Exegol', pull_number: pr.number, merge_method: 'merge' },
    { token: MAINTAINER },
  );
  const key = await sshKey(sandbox.root);
  const onMaster = await sandbox.checkout(history.remote, 'refs/heads/master', { name: 'wrapper-master' });
  await step({
    ...common,
    title: `signed tag ${gate.outputs.version} on the merge commit, release marked latest`,
    action: 'create-release',
    workspace: onMaster.dir,
    ref: 'refs/heads/master',
    sha: merged.sha,
    inputs: { 'signing-key': key.privateKey },
  });
  const verified = await sandbox
    .git(history.remote)
    .verifyTag('4.3.5', { allowedSigners: `actions@github.com namespaces="git" ${key.publicKey}` });
  console.log(
    `  git verify-tag 4.3.5: ${verified.verified ? 'good SSH signature' : `NOT verified (${verified.detail})`}`,
  );
  await step({
    ...common,
    title: 'fast-forward dev to master, then the next beta on dev',
    action: 'bump-next-beta',
    workspace: onMaster.dir,
    ref: 'refs/heads/master',
    sha: merged.sha,
    inputs: { 'fast-forward-from': 'master' },
  });
  // A re-run of the release job, as "Re-run jobs" would do: a fresh checkout, the same inputs.
  const rerun = await sandbox.checkout(history.remote, 'refs/heads/master', { name: 'wrapper-master-rerun' });
  await step({
    ...common,
    title: 're-run with the same inputs: finds its own tag and release',
    action: 'create-release',
    workspace: rerun.dir,
    ref: 'refs/heads/master',
    sha: merged.sha,
    inputs: { 'signing-key': key.privateKey },
  });
}

async function imagesPipeline(sandbox: GitSandbox, double: GitHubDouble): Promise<void> {
  const docker = dockerEnvironment();
  if (flag('--no-docker') || !docker.ok) {
    heading(
      `Images pipeline: skipped — ${flag('--no-docker') ? '--no-docker given' : `no Docker engine (${docker.reason}); ./tasks.sh test sets one up with scripts/setup-docker.sh`}`,
    );
    steps.push({
      pipeline: 'images',
      step: 'build → test → merge → export-tool-list → create-release',
      result: 'skipped (no Docker engine)',
      seconds: '0',
    });
    return;
  }
  heading('Images pipeline (ThePorgs/Exegol-images): release 3.1.6, amd64 native + arm64 under QEMU');
  const history = await releaseHistory(sandbox, 'Exegol-images', {
    kind: 'images',
    previous: '3.1.5',
    betas: ['3.1.6b1'],
    tagBetas: true,
    released: '3.1.6',
    merge: false,
  });
  const fullName = `${OWNER}/Exegol-images`;
  const tools =
    'Tool,Link,Description\nffuf,https://github.com/ffuf/ffuf,Fast web fuzzer\nnetexec,https://github.com/Pennyw0rth/NetExec,Network execution tool\n';
  const dev = history.maintainer;
  await dev.switch('dev');
  imageProject(dev.dir, { tests: PASSING_TESTS, installedTools: tools, marker: 'rehearsal' });
  await dev.commit('Release 3.1.6 content');
  await dev.git.raw(['push', '--quiet', 'origin', 'dev']);
  const devSha = await dev.git.head();

  // The docs repository, as exegol-docs: release lists go to dev.
  const docsRemote = await sandbox.bare('Exegol-docs');
  const docsMaintainer = await sandbox.repo('Exegol-docs-maintainer', docsRemote);
  const fixtures = path.join(repoRoot, 'test/fixtures/exegol-docs/installed_tools');
  const docsFiles: Record<string, string> = {};
  for (const f of ['releases_amd64.csv', 'releases_arm64.csv', 'nightly.csv'])
    docsFiles[`docs/src/public/installed_tools/${f}`] = fs.readFileSync(path.join(fixtures, f), 'utf8');
  await docsMaintainer.commit('docs', { files: docsFiles });
  await docsMaintainer.branch('dev');
  await docsMaintainer.pushAll();

  double.addRepo(fullName, history.remote, { defaultBranch: 'main' });
  double.addRepo(`${OWNER}/Exegol-docs`, docsRemote, { defaultBranch: 'main' });
  await double.act('repos/create-release', {
    owner: OWNER,
    repo: 'Exegol-images',
    tag_name: '3.1.5',
    name: 'Exegol images 3.1.5',
    make_latest: 'true',
  });
  const pr = await double.act(
    'pulls/create',
    { owner: OWNER, repo: 'Exegol-images', head: 'dev', base: 'main', title: 'Release 3.1.6' },
    { token: MAINTAINER },
  );
  const common = { pipeline: 'images', repository: fullName, apiUrl: double.url, env: sandbox.env() };

  const checkout = await sandbox.checkout(history.remote, 'refs/heads/dev', { name: 'images-pr' });
  const gate = await step({
    ...common,
    title: 'the version from the release PR title',
    action: 'verify-version',
    workspace: checkout.dir,
    ref: `refs/pull/${pr.number}/merge`,
    sha: devSha,
    event: prEvent(pr.number, 'Release 3.1.6', 'main'),
    inputs: { preset: 'exegol-images', 'release-branch': 'main', 'check-release-pr': 'true' },
  });
  const version = gate.outputs.version!;
  // As Exegol ran it: arch images in a builds repository, merged into pre-production, then deleted.
  const ns = uniqueRepository('rehearsal');
  const image = `${docker.registry}/${ns}/exegol-preprod`;
  const builds = `${docker.registry}/${ns}/exegol-builds`;
  const dockerConfig = path.join(sandbox.root, '.docker');
  fs.mkdirSync(dockerConfig);
  const dockerEnv = { ...sandbox.env(), DOCKER_CONFIG: dockerConfig };
  const onPr = {
    ...common,
    env: dockerEnv,
    ref: `refs/pull/${pr.number}/merge`,
    sha: devSha,
    event: prEvent(pr.number, 'Release 3.1.6', 'main'),
  };
  const tagsOf = async (repo: string) =>
    (await listTags(docker.registry, repo.slice(docker.registry.length + 1))).sort().join(', ') || 'none';
  // busybox look-alike images: `sh -c <line>` (the exegol-images preset needs zsh and ~/.zshrc).
  const build = {
    step: 'build',
    image,
    'builds-image': builds,
    tags: '{profile},{profile}-{version}',
    profile: 'full',
    version,
    'build-date': BUILD_DATE,
    preset: 'none',
    'test-timeout': '5s',
    'min-free-space': '100MB',
    cleanup: 'false',
  };
  const merge = {
    step: 'merge',
    image,
    'builds-image': builds,
    profile: 'full',
    version,
    platforms: 'linux/amd64,linux/arm64',
    tags: '{profile}\n{profile}-{version}',
  };
  const docs = await sandbox.checkout(docsRemote, 'refs/heads/dev', { name: 'images-pr/exegol-docs' });
  for (const arch of ['amd64', 'arm64']) {
    await step({
      ...onPr,
      title: `linux/${arch}: build, run the image's tool tests, push ${ns}/exegol-builds:full-${version}-${arch}`,
      action: 'multi-arch-image-build',
      workspace: checkout.dir,
      inputs: { ...build, platform: `linux/${arch}`, 'build-args': `ARCH=${arch}` },
    });
    await step({
      ...onPr,
      title: `installed tools of the ${arch} image → docs dev`,
      action: 'export-tool-list',
      workspace: checkout.dir,
      inputs: {
        image: `${builds}:full-${version}-${arch}`,
        'docs-path': path.relative(checkout.dir, docs.dir),
        channel: 'release',
        profile: 'full',
        version,
        arch,
        'build-date': BUILD_DATE,
        publish: 'push',
        branch: 'dev',
      },
    });
    await exec(docker.client, ['image', 'rm', `${builds}:full-${version}-${arch}`], { allowFailure: true });
  }
  console.log(`  registry ${builds}: ${await tagsOf(builds)}; ${image}: ${await tagsOf(image)}`);
  await step({
    ...onPr,
    title:
      'one manifest list under full and full-3.1.6 in pre-production; the arch tags deleted from the builds repository',
    action: 'multi-arch-image-build',
    workspace: checkout.dir,
    inputs: merge,
  });
  console.log(`  registry ${builds}: ${await tagsOf(builds)}; ${image}: ${await tagsOf(image)}`);

  // "Re-run all jobs" on the release pull request, nothing changed: nothing is built again.
  for (const arch of ['amd64', 'arm64']) {
    await step({
      ...onPr,
      title: `re-run, linux/${arch}: already built from ${devSha.slice(0, 8)}, skipped`,
      action: 'multi-arch-image-build',
      workspace: checkout.dir,
      inputs: { ...build, platform: `linux/${arch}`, 'build-args': `ARCH=${arch}` },
    });
  }
  await step({
    ...onPr,
    title: 're-run: the merge finds the same list (unchanged) and deletes the arch tags again',
    action: 'multi-arch-image-build',
    workspace: checkout.dir,
    inputs: merge,
  });
  console.log(`  registry ${builds}: ${await tagsOf(builds)}; ${image}: ${await tagsOf(image)}`);

  const merged = await double.act(
    'pulls/merge',
    { owner: OWNER, repo: 'Exegol-images', pull_number: pr.number, merge_method: 'merge' },
    { token: MAINTAINER },
  );
  const onMain = await sandbox.checkout(history.remote, 'refs/heads/main', { name: 'images-main' });
  await step({
    ...common,
    title: 'tag 3.1.6 on the merge commit, release "Exegol images 3.1.6"',
    action: 'create-release',
    workspace: onMain.dir,
    ref: 'refs/heads/main',
    sha: merged.sha,
    inputs: { version, name: 'Exegol images {version}', 'tag-message': 'Release {version}' },
  });
  console.log(`  registry ${image}: ${await tagsOf(image)}`);
}

/** `--repo PATH`: the user's checkout, copied into a bare remote, through the wrapper's release steps. */
async function userPipeline(sandbox: GitSandbox, double: GitHubDouble, repo: string): Promise<void> {
  const source = path.resolve(repo);
  heading(`Your repository ${source}, on a copy (nothing is written to it)`);
  const remote = path.join(sandbox.root, 'remotes', `${path.basename(source)}.git`);
  await exec('git', ['clone', '--quiet', '--bare', '--no-local', source, remote], { env: sandbox.env() });
  const head = (await exec('git', ['-C', source, 'rev-parse', 'HEAD'])).stdout.trim();
  const branch = (await exec('git', ['-C', source, 'rev-parse', '--abbrev-ref', 'HEAD'])).stdout.trim();
  const fullName = `local/${path.basename(source)}`;
  double.addRepo(fullName, remote, { defaultBranch: branch === 'HEAD' ? 'main' : branch });
  const checkout = await sandbox.checkout(remote, head);
  const common = {
    pipeline: 'your repo',
    repository: fullName,
    apiUrl: double.url,
    env: sandbox.env(),
    workspace: checkout.dir,
    ref: `refs/heads/${branch}`,
    sha: head,
  };
  const gate = await step({
    ...common,
    title: 'the gate, as on a tag push',
    action: 'verify-version',
    inputs: { 'require-stable': 'true' },
  });
  await step({
    ...common,
    title: `tag ${gate.outputs.version} and its release (dry run)`,
    action: 'create-release',
    inputs: { 'dry-run': 'true' },
  });
  await step({
    ...common,
    title: 'the next beta (dry run)',
    action: 'bump-next-beta',
    inputs: { 'dry-run': 'true', 'dev-branch': branch },
  });
}

/** Every branch, tag, release and pull request of the rehearsed repositories, as they ended. */
async function created(sandbox: GitSandbox, double: GitHubDouble, names: string[]): Promise<void> {
  heading('Where the repositories ended');
  const rows: { repository: string; kind: string; what: string }[] = [];
  for (const name of names) {
    const remote = path.join(sandbox.root, 'remotes', `${name.split('/')[1]}.git`);
    for (const [ref, sha] of Object.entries(await sandbox.refs(remote))) {
      const kind = ref.startsWith('refs/tags/') ? 'tag' : 'branch';
      const subject = (await sandbox.git(remote).out(['log', '-1', '--format=%s', sha])).slice(0, 60);
      rows.push({
        repository: name,
        kind,
        what: `${ref.replace(/^refs\/(heads|tags)\//, '')} → ${sha.slice(0, 8)} ${subject}`,
      });
    }
    for (const r of double.state.releases(name)) {
      rows.push({
        repository: name,
        kind: 'release',
        what: `${r.name} (${r.tagName})${double.state.latestRelease(name)?.id === r.id ? ', latest' : ''}${r.prerelease ? ', pre-release' : ''}${r.draft ? ', draft' : ''}`,
      });
    }
    for (const p of double.state.pulls(name))
      rows.push({
        repository: name,
        kind: 'pull request',
        what: `#${p.number} ${p.title} (${p.state}${p.mergedAt ? ', merged' : ''})`,
      });
  }
  console.table(rows);
}

const sandbox = await GitSandbox.create('exegol-rehearsal-');
const double = await startGitHubDouble({ tokens: { [TOKEN]: {}, [MAINTAINER]: { kind: 'pat', login: 'Dramelac' } } });
let ok = false;
try {
  console.log(`Rehearsal in ${sandbox.root}; GitHub API double at ${double.url}`);
  let names: string[];
  if (userRepo) {
    await userPipeline(sandbox, double, userRepo);
    names = [`local/${path.basename(path.resolve(userRepo))}`];
  } else {
    await wrapperPipeline(sandbox, double);
    await imagesPipeline(sandbox, double);
    names = [
      `${OWNER}/Exegol`,
      ...(steps.some((s) => s.pipeline === 'images' && !s.result.startsWith('skipped'))
        ? [`${OWNER}/Exegol-images`, `${OWNER}/Exegol-docs`]
        : []),
    ];
  }
  await created(sandbox, double, names);
  heading(`Steps (${((performance.now() - started) / 1000).toFixed(1)} s in all)`);
  console.table(steps);
  double.assertNoViolations();
  ok = true;
} finally {
  await double.stop();
  if (keep) console.log(`Repositories kept in ${sandbox.root}`);
  else sandbox.cleanup();
  if (!ok) process.exitCode = 1;
}
