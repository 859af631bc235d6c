// The bad-input matrix: every case feeds one action one bad input and asserts exit code 1,
// exactly one `::error` naming that input, no command run from an expression-like string, and
// nothing changed — remote and checkout refs, work tree files, the API double's state, and for
// multi-arch-image-build the registry's tags.
//
// The cases that need the Docker engine or the registry skip with a banner where there is none;
// under CI=true they must run (dockerEnvironment() sets the engine up there, or they fail).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { runAction, type RunActionOptions } from '@exegol-actions/testkit/runner';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { snapshot, type World } from '@exegol-actions/testkit/snapshot';
import { DOCS_TOOLS as TOOLS, fixtureFile as fixture, wrapperTree } from '@exegol-actions/testkit/fixtures';
import {
  dockerEnvironment,
  dockerTestsMustRun,
  imageProject,
  listTags,
  PASSING_TESTS,
  skipBanner,
  uniqueRepository,
} from '@exegol-actions/testkit/docker';

export interface BadInputCase {
  /** What is wrong, for the test name. */
  what: string;
  inputs: Record<string, string>;
  /** The input the one error must name. */
  input: string;
  /** Text the error must contain (the fix or the problem). */
  says?: string;
  event?: RunActionOptions['event'];
  ref?: string;
  /** Needs the Docker engine or the registry: skipped loudly without them (never under CI=true). */
  docker?: boolean;
  /** Runner environment for the case (a runner file that cannot be written, a broken event payload). */
  env?: () => Record<string, string>;
  /** The error names a runner file or variable (`input` holds its name) instead of an input. */
  runner?: boolean;
  /** Inputs hold a workflow command: the one `::error` must be the only command the log holds. */
  hostile?: boolean;
}

const TOKEN = 'ghs_badinputmatrixtoken000001';
const EXPRESSIONS = ['$(id)', '`id`', '${{ secrets.GITHUB_TOKEN }}'];

const docker = dockerEnvironment();
if (!docker.ok && !dockerTestsMustRun()) console.warn(skipBanner(docker.reason ?? 'unknown reason'));
const R = docker.registry;
const NS = uniqueRepository('bad-input');
const IMAGE = `${R}/${NS}/matrix`;
const PROD = `${R}/${NS}/matrix-prod`;

const LIGHT = fixture('exegol-docs/installed_tools/lists/light_3.1.17_amd64.csv');
const HEADER = 'Tool,Link,Description';

let sandbox: GitSandbox;
let double: GitHubDouble;
let wrapper: { remote: string; checkout: TestRepo; sha: string };
/** The images repository's checkout (the workspace, with lists in tools/) and the docs checked out in docs/. */
let docs: { remote: string; workspace: string; checkout: string };
/** A look-alike image project, committed, as the workspace of multi-arch-image-build. */
let images: { workspace: string };

beforeAll(async () => {
  sandbox = await GitSandbox.create('bad-input-');
  const remote = await sandbox.bare('Exegol');
  const dev = await sandbox.repo('maintainer', remote);
  await dev.commit('Release 5.1.3', { files: wrapperTree({ version: '5.1.3' }) });
  await dev.tag('5.1.3');
  const sha = await dev.commit('Release 5.1.4', { files: wrapperTree({ version: '5.1.4' }) });
  await dev.branch('dev');
  await dev.branch('master');
  await dev.pushAll();
  const checkout = await sandbox.checkout(remote, 'refs/heads/master', { name: 'checkout', depth: 0 });
  wrapper = { remote, checkout, sha };
  double = await startGitHubDouble();
  double.addRepo('ThePorgs/Exegol', remote, { defaultBranch: 'master' });
  double.addToken(TOKEN, { permissions: { contents: 'write', pull_requests: 'write', issues: 'write' } });

  // export-tool-list: the docs remote with the docs' real tools files, on main and dev.
  const docsRemote = await sandbox.bare('Exegol-docs');
  const docsDev = await sandbox.repo('docs-maintainer', docsRemote);
  await docsDev.commit('docs', {
    files: {
      [`${TOOLS}/releases_amd64.csv`]: fixture('exegol-docs/installed_tools/releases_amd64.csv'),
      [`${TOOLS}/nightly.csv`]: fixture('exegol-docs/installed_tools/nightly.csv'),
      [`${TOOLS}/lists/light_3.1.17_amd64.csv`]: LIGHT,
    },
  });
  await docsDev.branch('dev');
  await docsDev.pushAll();
  double.addRepo('ThePorgs/Exegol-docs', docsRemote, { defaultBranch: 'main' });
  const ws = await sandbox.repo('images');
  const body = LIGHT.split('\n').slice(1).join('\n');
  await ws.commit('lists', {
    files: {
      'tools/installed_tools.csv': LIGHT,
      'tools/bad-link.csv': `${HEADER}\nnmap,javascript:alert(1),Port scanner\n${body}`,
      'tools/unclosed-quote.csv': `${HEADER}\nnmap,"https://nmap.org,Port scanner\n${body}`,
      'tools/no-name.csv': `${HEADER}\n ,https://nmap.org,Port scanner\n${body}`,
      'tools/wrong-header.csv': `Name,URL,Description\n${body}`,
      'tools/resources.csv': fixture('exegol-resources/resources_list.csv'),
    },
  });
  fs.writeFileSync(
    path.join(ws.dir, 'tools/latin1.csv'),
    Buffer.concat([
      Buffer.from(`${HEADER}\nhydra,https://github.com/vanhauser-thc/thc-hydra,Caf`),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]),
  );
  await ws.commit('a list saved as Latin-1');
  fs.appendFileSync(path.join(ws.dir, '.git/info/exclude'), 'docs/\n');
  const docsCheckout = await sandbox.checkout(docsRemote, 'refs/heads/dev', { name: 'images/docs' });
  docs = { remote: docsRemote, workspace: ws.dir, checkout: docsCheckout.dir };

  const project = await sandbox.repo('image-project');
  imageProject(project.dir, { tests: PASSING_TESTS, marker: NS });
  await project.commit('image');
  images = { workspace: project.dir };
  hostileFixtures();
});
afterAll(async () => {
  await double.stop();
  sandbox.cleanup();
});

/** Where each action runs: its workspace, the inputs every case starts from, what must not change. */
interface Setting {
  workspace: () => string;
  base: Record<string, string>;
  world: () => World;
  run: () => Partial<RunActionOptions>;
}

const wrapperSetting: Setting = {
  workspace: () => wrapper.checkout.dir,
  base: { 'github-token': TOKEN },
  world: () => ({
    repos: [wrapper.remote, wrapper.checkout.dir],
    env: sandbox.env(),
    double,
    apiRepos: ['ThePorgs/Exegol'],
  }),
  run: () => ({ ref: 'refs/heads/master', sha: wrapper.sha, repository: 'ThePorgs/Exegol' }),
};

const SETTINGS: Record<string, Setting> = {
  'verify-version': wrapperSetting,
  'sync-submodules': wrapperSetting,
  'create-release': wrapperSetting,
  'bump-next-beta': wrapperSetting,
  'export-tool-list': {
    workspace: () => docs.workspace,
    // A valid release export to dev of the docs; each case spoils one input.
    base: {
      'tools-csv': 'tools/installed_tools.csv',
      'docs-path': 'docs',
      channel: 'release',
      profile: 'light',
      version: '3.1.18',
      arch: 'amd64',
      'build-date': '2026-07-01T10:00:00Z',
    },
    world: () => ({
      repos: [docs.remote, docs.checkout, docs.workspace],
      env: sandbox.env(),
      double,
      apiRepos: ['ThePorgs/Exegol-docs'],
    }),
    run: () => ({ ref: 'refs/heads/main', repository: 'ThePorgs/Exegol-images' }),
  },
  'multi-arch-image-build': {
    workspace: () => images.workspace,
    // A valid build of linux/amd64 pushed to the registry; each case spoils one input.
    base: {
      step: 'build',
      image: IMAGE,
      profile: 'full',
      version: '1.0.0',
      platform: 'linux/amd64',
      'build-args': 'ARCH=amd64',
      'test-shell': 'sh',
      'min-free-space': '1MB',
      'retry-delay': '100ms',
      'build-date': '2026-11-25T00:00:00Z',
    },
    world: () => ({
      repos: [images.workspace],
      env: sandbox.env(),
      // The registry's tags of both repositories the cases name (none exist: nothing may appear).
      extra: async () =>
        docker.ok
          ? { [IMAGE]: await listTags(R, `${NS}/matrix`), [PROD]: await listTags(R, `${NS}/matrix-prod`) }
          : 'no registry here',
    }),
    run: () => ({
      ref: 'refs/heads/main',
      sha: 'ad8a5c77'.repeat(5),
      repository: 'ThePorgs/Exegol-images',
      timeoutMs: 120_000,
    }),
  },
};

/** The actions' matrices; each action's cases live with the others so the count is in one place. */
const MATRIX: Record<string, BadInputCase[]> = {
  'verify-version': [
    { what: 'unknown preset', inputs: { preset: 'exegol' }, input: 'preset', says: 'Use one of' },
    { what: 'unknown require-stable', inputs: { 'require-stable': 'always' }, input: 'require-stable' },
    {
      what: 'non-boolean compare-previous',
      inputs: { 'compare-previous': 'yes' },
      input: 'compare-previous',
      says: 'Use true or false',
    },
    { what: 'non-boolean check-release-pr', inputs: { 'check-release-pr': '1' }, input: 'check-release-pr' },
    { what: 'unknown test-file-mismatch', inputs: { 'test-file-mismatch': 'fatal' }, input: 'test-file-mismatch' },
    {
      what: 'working directory outside the workspace',
      inputs: { 'working-directory': '../../etc' },
      input: 'working-directory',
      says: 'outside the workspace',
    },
    {
      what: 'absolute working directory outside',
      inputs: { 'working-directory': '/tmp' },
      input: 'working-directory',
      says: 'outside the workspace',
    },
    {
      what: 'missing working directory',
      inputs: { 'working-directory': 'nope' },
      input: 'working-directory',
      says: 'does not exist',
    },
    {
      what: 'missing config file',
      inputs: { 'config-file': 'rules.yml' },
      input: 'config-file',
      says: 'does not exist',
    },
    {
      what: 'rules and config-file together',
      inputs: { rules: '- file: a\n  pattern: (x)', 'config-file': 'README.md' },
      input: 'rules',
      says: 'Use one of the two',
    },
    { what: 'rules not YAML', inputs: { rules: '- file: [' }, input: 'rules', says: 'not valid YAML' },
    { what: 'rules not a list', inputs: { rules: 'file: a' }, input: 'rules', says: 'must be a list' },
    {
      what: 'rule file missing',
      inputs: { rules: '- file: setup.py\n  pattern: "version=(.+)"' },
      input: 'rules',
      says: 'setup.py does not exist',
    },
    {
      what: 'rule pattern matching nothing',
      inputs: { rules: '- file: README.md\n  pattern: "version: (.+)"' },
      input: 'rules',
      says: 'matches nothing',
    },
    {
      what: 'rule pattern matching twice',
      inputs: { rules: '- file: exegol/utils/imgsync/spawn.sh\n  pattern: "(#)"' },
      input: 'rules',
      says: 'must match once',
    },
    {
      what: 'rule pattern without a group',
      inputs: { rules: '- file: README.md\n  pattern: Exegol' },
      input: 'rules',
      says: 'one capture group',
    },
    {
      what: 'rule pattern not a regex',
      inputs: { rules: '- file: README.md\n  pattern: "(["' },
      input: 'rules',
      says: 'not a valid regular expression',
    },
    {
      what: 'rule with an unknown role',
      inputs: { rules: '- file: README.md\n  pattern: "(E)"\n  role: main' },
      input: 'rules',
      says: 'unknown role',
    },
    {
      what: 'rule with an unknown severity',
      inputs: { rules: '- file: README.md\n  pattern: "(E)"\n  severity: fatal' },
      input: 'rules',
      says: 'unknown severity',
    },
    {
      what: 'release-pr-title without placeholder',
      inputs: { 'release-pr-title': 'Release' },
      input: 'release-pr-title',
      says: '{version}',
    },
    { what: 'no version source', inputs: { preset: 'none' }, input: 'preset', says: 'no version to check' },
    {
      what: 'a version that is not a version',
      inputs: { version: '4.0-dev' },
      input: 'version',
      says: 'not a valid version',
    },
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like version ${e}`,
      inputs: { version: e },
      input: 'version',
      says: 'not a valid version',
    })),
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like tag ${e}`,
      inputs: { tag: e },
      input: 'tag',
      says: 'is not a version',
    })),
    { what: 'a tag that is not a version', inputs: { tag: 'latest' }, input: 'tag', says: 'is not a version' },
    { what: 'a tag with the wrong prefix', inputs: { tag: 'v5.1.4' }, input: 'tag', says: 'is not a version' },
  ],
  'sync-submodules': [
    {
      what: 'unknown mode',
      inputs: { mode: 'sync' },
      input: 'mode',
      says: 'Use one of: update, pull-request, check, fork',
    },
    { what: 'non-boolean recursive', inputs: { recursive: 'deep' }, input: 'recursive', says: 'Use true or false' },
    { what: 'non-boolean dry-run', inputs: { 'dry-run': 'maybe' }, input: 'dry-run', says: 'Use true or false' },
    {
      what: 'unknown on-behind in check mode',
      inputs: { mode: 'check', 'on-behind': 'ignore' },
      input: 'on-behind',
      says: 'Use one of: fail, warn',
    },
    {
      what: 'a path where there are no submodules',
      inputs: { paths: 'exegol-images' },
      input: 'paths',
      says: 'is not a submodule',
    },
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like path ${e}`,
      inputs: { paths: e },
      input: 'paths',
      says: 'is not a submodule',
    })),
    {
      what: 'one branch for all mixed with path=branch',
      inputs: { 'submodule-branch': 'main\nexegol-images=dev' },
      input: 'submodule-branch',
      says: 'mixes a branch for all',
    },
    {
      what: 'submodule-branch without a path',
      inputs: { 'submodule-branch': '=dev' },
      input: 'submodule-branch',
      says: 'is not path=branch',
    },
    {
      what: 'submodule-branch not a branch name',
      inputs: { 'submodule-branch': 'exegol-images=a b' },
      input: 'submodule-branch',
      says: 'not a valid branch name',
    },
    {
      what: 'branch not a branch name',
      inputs: { branch: 'bad..name' },
      input: 'branch',
      says: 'not a valid branch name',
    },
    { what: 'author without an email', inputs: { author: 'Github Actions' }, input: 'author', says: 'Name <email>' },
    {
      what: 'multi-line commit message',
      inputs: { 'commit-message': 'update\n\nbody' },
      input: 'commit-message',
      says: 'first line only',
    },
    { what: 'push-attempts zero', inputs: { 'push-attempts': '0' }, input: 'push-attempts', says: 'at least 1' },
    {
      what: 'push-attempts not a number',
      inputs: { 'push-attempts': 'three' },
      input: 'push-attempts',
      says: 'not a whole number',
    },
    {
      what: 'an SSH key that is not a key',
      inputs: { 'fetch-ssh-key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 public@key' },
      input: 'fetch-ssh-key',
      says: 'not a private key',
    },
    { what: 'fork without upstream', inputs: { mode: 'fork' }, input: 'upstream', says: 'required in fork mode' },
    ...EXPRESSIONS.map((e) => ({
      what: `fork with expression-like upstream ${e}`,
      inputs: { mode: 'fork', upstream: e },
      input: 'upstream',
      says: 'neither owner/name nor a clone URL',
    })),
    {
      what: 'unknown fork-method',
      inputs: { mode: 'fork', upstream: 'ThePorgs/Exegol', 'fork-method': 'rest' },
      input: 'fork-method',
      says: 'Use one of: auto, api, git',
    },
    {
      what: 'upstream-branch not a branch name',
      inputs: { mode: 'fork', upstream: 'ThePorgs/Exegol', 'upstream-branch': 'dev~1' },
      input: 'upstream-branch',
      says: 'not a valid branch name',
    },
    {
      what: 'unknown fork-strategy',
      inputs: { mode: 'fork', upstream: 'ThePorgs/Exegol', 'fork-strategy': 'rebase' },
      input: 'fork-strategy',
      says: 'Use one of: merge, ff-only',
    },
    {
      what: 'include-work-tree in check mode',
      inputs: { mode: 'check', 'include-work-tree': 'true' },
      input: 'include-work-tree',
      says: 'applies to the update and pull-request modes, not check',
    },
    {
      what: 'include-work-tree not a boolean',
      inputs: { mode: 'pull-request', 'include-work-tree': 'all' },
      input: 'include-work-tree',
      says: 'is not a boolean',
    },
    {
      what: 'unknown placeholder in the title',
      inputs: { mode: 'pull-request', 'pull-request-title': 'Update {month}' },
      input: 'pull-request-title',
      says: 'unknown placeholder {month}',
    },
    {
      what: 'unknown placeholder in the branch',
      inputs: { mode: 'pull-request', 'pull-request-branch': 'update/{stamp}' },
      input: 'pull-request-branch',
      says: 'unknown placeholder {stamp}',
    },
    {
      what: 'pull request branch not a branch name',
      inputs: { mode: 'pull-request', 'pull-request-branch': 'update {date}' },
      input: 'pull-request-branch',
      says: 'not a valid branch name',
    },
    {
      what: 'working directory outside the workspace',
      inputs: { 'working-directory': '../..' },
      input: 'working-directory',
      says: 'outside the workspace',
    },
  ],
  'create-release': [
    {
      what: 'a version that is not a version',
      inputs: { version: '4.0-dev' },
      input: 'version',
      says: 'not a valid version',
    },
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like version ${e}`,
      inputs: { version: e },
      input: 'version',
      says: 'not a valid version',
    })),
    {
      what: 'a pushed tag that is not a version',
      inputs: {},
      ref: 'refs/tags/nightly',
      input: 'version',
      says: 'is not a version',
    },
    {
      what: 'unknown prerelease',
      inputs: { prerelease: 'sometimes' },
      input: 'prerelease',
      says: 'Use one of: auto, true, false',
    },
    {
      what: 'unknown make-latest',
      inputs: { 'make-latest': 'legacy' },
      input: 'make-latest',
      says: 'Use one of: auto, true, false',
    },
    {
      what: 'unknown existing-release',
      inputs: { 'existing-release': 'replace' },
      input: 'existing-release',
      says: 'Use one of: update, keep',
    },
    {
      what: 'non-boolean require-signed-tag',
      inputs: { 'require-signed-tag': 'yes' },
      input: 'require-signed-tag',
      says: 'Use true or false',
    },
    { what: 'non-boolean dry-run', inputs: { 'dry-run': 'perhaps' }, input: 'dry-run', says: 'Use true or false' },
    {
      what: 'a tagger that is not "Name <email>"',
      inputs: { identity: 'release-bot' },
      input: 'identity',
      says: 'Name <email>',
    },
    {
      what: 'a signing key that is no key',
      inputs: { 'signing-key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 public-half' },
      input: 'signing-key',
      says: 'neither an SSH private key',
    },
    {
      what: 'a passphrase without a key',
      inputs: { 'signing-key-passphrase': 'lonely passphrase' },
      input: 'signing-key-passphrase',
      says: 'signing-key is empty',
    },
    {
      what: 'an asset glob matching nothing',
      inputs: { assets: 'dist/*.tar.gz' },
      input: 'assets',
      says: 'matches no file',
    },
    {
      what: 'a commit not in the checkout',
      inputs: { commit: 'deadbeef' },
      input: 'commit',
      says: 'is not a commit of the checkout',
    },
    {
      what: 'notes since a tag that does not exist',
      inputs: { 'notes-since': '0.0.1' },
      input: 'notes-since',
      says: 'does not exist',
    },
    { what: 'a missing body file', inputs: { 'body-file': 'NOTES.md' }, input: 'body-file', says: 'does not exist' },
    {
      what: 'working directory outside the workspace',
      inputs: { 'working-directory': '../..' },
      input: 'working-directory',
      says: 'outside the workspace',
    },
    {
      what: 'require-signed-tag without a tag or a key',
      inputs: { 'require-signed-tag': 'true' },
      input: 'require-signed-tag',
      says: 'does not exist',
    },
  ],
  'bump-next-beta': [
    { what: 'unknown bump', inputs: { bump: 'huge' }, input: 'bump', says: 'Use one of: patch, minor, major' },
    { what: 'unknown pre', inputs: { pre: 'beta' }, input: 'pre', says: 'Use one of: a, b, rc' },
    { what: 'unknown version-format', inputs: { 'version-format': 'calver' }, input: 'version-format' },
    {
      what: 'unknown stable-marker',
      inputs: { 'stable-marker': 'drop' },
      input: 'stable-marker',
      says: 'Use one of: keep, beta',
    },
    { what: 'unknown mode', inputs: { mode: 'force-push' }, input: 'mode', says: 'Use one of: push, pull-request' },
    { what: 'non-boolean force', inputs: { force: 'y' }, input: 'force', says: 'Use true or false' },
    {
      what: 'push-attempts out of range',
      inputs: { 'push-attempts': '50' },
      input: 'push-attempts',
      says: 'at most 10',
    },
    {
      what: 'an identity that is not "Name <email>"',
      inputs: { identity: 'Github Actions' },
      input: 'identity',
      says: 'Name <email>',
    },
    {
      what: 'a version that is not a version',
      inputs: { version: '4.0-dev' },
      input: 'version',
      says: 'not a valid version',
    },
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like version ${e}`,
      inputs: { version: e },
      input: 'version',
      says: 'not a valid version',
    })),
    {
      what: 'a dev branch that does not exist',
      inputs: { 'dev-branch': 'develop' },
      input: 'dev-branch',
      says: 'does not exist on origin',
    },
    {
      what: 'a release branch that does not exist',
      inputs: { 'fast-forward-from': 'mastre' },
      input: 'fast-forward-from',
      says: 'does not exist on origin',
    },
    {
      what: 'fast-forward from dev itself',
      inputs: { 'fast-forward-from': 'dev' },
      input: 'fast-forward-from',
      says: 'dev branch itself',
    },
    { what: 'rules that are not YAML', inputs: { rules: '- file: [' }, input: 'rules', says: 'not valid YAML' },
    {
      what: 'working directory outside the workspace',
      inputs: { 'working-directory': '/tmp' },
      input: 'working-directory',
      says: 'outside the workspace',
    },
  ],
  'export-tool-list': [
    { what: 'non-boolean dry-run', inputs: { 'dry-run': 'sometimes' }, input: 'dry-run', says: 'Use true or false' },
    {
      what: 'non-boolean allow-empty-links',
      inputs: { 'allow-empty-links': 'no' },
      input: 'allow-empty-links',
      says: 'Use true or false',
    },
    {
      what: 'push-attempts not a number',
      inputs: { 'push-attempts': 'three' },
      input: 'push-attempts',
      says: 'not a whole number',
    },
    {
      what: 'unknown invalid-rows',
      inputs: { 'invalid-rows': 'skip' },
      input: 'invalid-rows',
      says: 'Use one of: fail, drop',
    },
    {
      what: 'unknown publish',
      inputs: { publish: 'force-push' },
      input: 'publish',
      says: 'Use one of: push, pull-request, none',
    },
    { what: 'unknown channel', inputs: { channel: 'stable' }, input: 'channel', says: 'Use one of: nightly, release' },
    {
      what: 'no list given at all',
      inputs: { 'tools-csv': '' },
      input: 'tools-csv',
      says: 'and so are image and resources-csv',
    },
    { what: 'missing channel', inputs: { channel: '' }, input: 'channel', says: 'is required but empty' },
    { what: 'missing arch', inputs: { arch: '' }, input: 'arch', says: 'is required but empty' },
    {
      what: 'missing profile on the release channel',
      inputs: { profile: '' },
      input: 'profile',
      says: 'is required on the release channel',
    },
    {
      what: 'a list outside the workspace',
      inputs: { 'tools-csv': '../../../../etc/passwd' },
      input: 'tools-csv',
      says: 'outside the workspace',
    },
    {
      what: 'a docs path outside the workspace',
      inputs: { 'docs-path': '/tmp' },
      input: 'docs-path',
      says: 'outside the workspace',
    },
    {
      what: 'a tools folder outside the docs',
      inputs: { 'tools-dir': '../../elsewhere' },
      input: 'tools-dir',
      says: 'not a path inside the docs checkout',
    },
    {
      what: 'a list file template leaving the tools folder',
      inputs: { 'list-file': '../../../../{profile}.csv' },
      input: 'list-file',
      says: 'Give a relative path to a .csv file inside the tools folder',
    },
    {
      what: 'a list that does not exist',
      inputs: { 'tools-csv': 'tools/missing.csv' },
      input: 'tools-csv',
      says: 'does not exist',
    },
    { what: 'a version with a v prefix', inputs: { version: 'v3.1.18' }, input: 'version', says: 'no v prefix' },
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like version ${e}`,
      inputs: { version: e },
      input: 'version',
      says: 'not a valid version',
    })),
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like profile ${e}`,
      inputs: { profile: e },
      input: 'profile',
      says: 'is not an image profile',
    })),
    {
      what: 'a nightly version that is a branch, not a commit',
      inputs: { channel: 'nightly', profile: '', version: 'main' },
      input: 'version',
      says: 'is not a commit',
    },
    {
      what: 'a build date that does not exist',
      inputs: { 'build-date': '2026-02-31T10:00:00Z' },
      input: 'build-date',
      says: 'not an ISO-8601 date-time',
    },
    {
      what: 'a row whose link is not a web URL',
      inputs: { 'tools-csv': 'tools/bad-link.csv' },
      input: 'tools-csv',
      says: 'line 2 the link "javascript:alert(1)" is not an http(s) URL',
    },
    {
      what: 'a row with an unclosed quote',
      inputs: { 'tools-csv': 'tools/unclosed-quote.csv' },
      input: 'tools-csv',
      says: 'line 2',
    },
    {
      what: 'a row without a name',
      inputs: { 'tools-csv': 'tools/no-name.csv' },
      input: 'tools-csv',
      says: 'line 2 the name (column 1) is empty',
    },
    {
      what: 'a file with the wrong header',
      inputs: { 'tools-csv': 'tools/wrong-header.csv' },
      input: 'tools-csv',
      says: 'has the header "Name,URL,Description"',
    },
    {
      what: 'a file that is not UTF-8',
      inputs: { 'tools-csv': 'tools/latin1.csv' },
      input: 'tools-csv',
      says: 'is not UTF-8',
    },
    {
      what: 'the resources list as a tools list',
      inputs: { 'tools-csv': 'tools/resources.csv' },
      input: 'tools-csv',
      says: 'expected "Tool,Link,Description"',
    },
    {
      what: 'a branch the docs do not have',
      inputs: { branch: 'release/3.1.18' },
      input: 'branch',
      says: 'has no branch "release/3.1.18"',
    },
    {
      what: 'a branch name git refuses',
      inputs: { branch: 'dev..main' },
      input: 'branch',
      says: 'not a valid branch name',
    },
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like docs-repository ${e}`,
      inputs: { publish: 'pull-request', 'docs-repository': e },
      input: 'docs-repository',
      says: 'expected "owner/name"',
    })),
    {
      what: 'a pull request branch prefix git refuses',
      inputs: {
        publish: 'pull-request',
        'docs-repository': 'ThePorgs/Exegol-docs',
        'pull-request-branch-prefix': 'pipeline bot/',
      },
      input: 'pull-request-branch-prefix',
      says: 'which git refuses',
    },
    {
      what: 'an image reference that is not one',
      inputs: { 'tools-csv': '', image: '$(id)' },
      input: 'image',
      says: 'is not a valid image reference',
    },
    {
      what: 'an image that does not exist',
      inputs: { 'tools-csv': '', image: `${IMAGE}:never-built` },
      input: 'image',
      says: 'cannot be used',
      docker: true,
    },
  ],
  'multi-arch-image-build': [
    { what: 'retries not a number', inputs: { retries: 'many' }, input: 'retries', says: 'not a whole number' },
    { what: 'non-boolean no-cache', inputs: { 'no-cache': 'yes' }, input: 'no-cache', says: 'Use true or false' },
    {
      what: 'test-concurrency zero',
      inputs: { 'test-concurrency': '0' },
      input: 'test-concurrency',
      says: 'at least 1',
    },
    {
      what: 'unknown builder',
      inputs: { builder: 'kaniko' },
      input: 'builder',
      says: 'Use one of: auto, buildx, buildkit, legacy',
    },
    {
      what: 'unknown emulation',
      inputs: { emulation: 'rosetta' },
      input: 'emulation',
      says: 'Use one of: auto, qemu, native',
    },
    {
      what: 'unknown test-failures',
      inputs: { 'test-failures': 'ignore' },
      input: 'test-failures',
      says: 'Use one of: fail, report',
    },
    {
      what: 'unknown test-file-missing',
      inputs: { 'test-file-missing': 'warn' },
      input: 'test-file-missing',
      says: 'Use one of: fail, skip',
    },
    { what: 'missing step', inputs: { step: '' }, input: 'step', says: 'is required but empty' },
    { what: 'missing image', inputs: { image: '' }, input: 'image', says: 'is required but empty' },
    { what: 'a build without a platform', inputs: { platform: '' }, input: 'platform', says: 'is required but empty' },
    {
      what: 'a merge without final tags',
      inputs: { step: 'merge', sources: 'full-1.0.0-amd64' },
      input: 'tags',
      says: 'is empty',
    },
    {
      what: 'a Dockerfile outside the workspace',
      inputs: { dockerfile: '../../../../etc/passwd' },
      input: 'dockerfile',
      says: 'outside the workspace',
    },
    {
      what: 'a build context outside the workspace',
      inputs: { context: '/' },
      input: 'context',
      says: 'outside the workspace',
    },
    {
      what: 'a version with a space',
      inputs: { version: '3.1.5 beta' },
      input: 'version',
      says: 'cannot be part of a tag',
    },
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like version ${e}`,
      inputs: { version: e },
      input: 'version',
      says: 'cannot be part of a tag',
    })),
    {
      what: 'expression-like profile `id`',
      inputs: { profile: '`id`' },
      input: 'profile',
      says: 'cannot be part of a tag',
    },
    ...EXPRESSIONS.map((e) => ({
      what: `expression-like final tag ${e}`,
      inputs: { step: 'merge', sources: 'full-1.0.0-amd64', tags: e },
      input: 'tags',
      says: 'is not a valid tag',
    })),
    {
      what: 'expression-like prune label $(id)',
      inputs: { 'prune-label': '$(id)' },
      input: 'prune-label',
      says: 'is not a label filter',
    },
    { what: 'a build arg without =', inputs: { 'build-args': 'ARCH' }, input: 'build-args', says: 'is not KEY=VALUE' },
    {
      what: 'a size that is not one',
      inputs: { 'min-free-space': 'lots' },
      input: 'min-free-space',
      says: 'is not a size',
    },
    {
      what: 'a cache source that is not an image',
      inputs: { 'cache-from': 'Not An Image' },
      input: 'cache-from',
      says: 'is not a valid image reference',
    },
    {
      what: 'a test file path inside the image that is relative',
      inputs: { 'test-file': 'unit_tests.txt' },
      input: 'test-file',
      says: 'is not an absolute path in the image',
    },
    {
      what: 'an arch tag with an unknown placeholder',
      inputs: { 'arch-tag': '{profile}-{flavour}-{arch}' },
      input: 'arch-tag',
      says: 'uses {flavour}, which is not known',
    },
    {
      what: 'a promote source without tag or digest',
      inputs: { step: 'promote', image: PROD, source: `${IMAGE}`, tags: 'full' },
      input: 'source',
      says: 'has no tag or digest',
    },
    {
      what: 'a registry that is no host',
      inputs: { registry: 'not a host!' },
      input: 'registry',
      says: 'is not a valid image reference',
    },
    {
      what: 'merge sources that do not exist',
      inputs: { step: 'merge', sources: 'full-0.0.0-amd64\nfull-0.0.0-arm64', tags: 'never' },
      input: 'sources',
      says: 'does not exist on the registry',
      docker: true,
    },
    {
      what: 'a merge source digest that does not exist',
      inputs: { step: 'merge', sources: `sha256:${'0'.repeat(64)}`, tags: 'never' },
      input: 'sources',
      says: 'does not exist on the registry',
      docker: true,
    },
    {
      what: 'a promote source that does not exist',
      inputs: { step: 'promote', image: PROD, source: `${IMAGE}:never-merged`, tags: 'full' },
      input: 'source',
      says: 'does not exist on the registry',
      docker: true,
    },
  ],
};

// ---- Hostile paths, injected commands, a world that cannot be written (issue 15) ----
//
// Links out of the workspace (to a file holding SECRET, which must never be printed), runner
// files that cannot be written and broken event payloads (each action must stop before its first
// change: the world snapshot proves it), inputs that carry a workflow command, and the branch and
// path inputs whose cause used to go unnamed.

const SECRET = 'root:x:0:0:TOP-SECRET-outside-the-workspace';
const PWNED = 'x\n::warning::PWNED';
let outside: { dir: string; secret: string; runner: string };

/** Links leading out of each workspace, kept out of git's view (.git/info/exclude). */
function hostileFixtures(): void {
  const dir = path.join(sandbox.root, 'outside');
  fs.mkdirSync(path.join(dir, 'dir'), { recursive: true });
  const secret = path.join(dir, 'secret.txt');
  fs.writeFileSync(secret, `${SECRET}\nsecond line\n`);
  const runner = path.join(sandbox.root, 'runner-files');
  fs.mkdirSync(path.join(runner, 'a-folder'), { recursive: true });
  fs.writeFileSync(path.join(runner, 'broken-event.json'), '{"ref": "refs/heads/main", ');
  fs.writeFileSync(path.join(runner, 'array-event.json'), '[]');
  outside = { dir, secret, runner };
  const links = (root: string, entries: Record<string, string>) => {
    for (const [rel, target] of Object.entries(entries)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.symlinkSync(target, path.join(root, rel));
    }
    fs.appendFileSync(path.join(root, '.git/info/exclude'), `${Object.keys(entries).join('\n')}\n`);
  };
  links(wrapper.checkout.dir, { 'leak.txt': secret, 'out-dir': path.join(dir, 'dir'), 'hostile/passwd.txt': secret });
  fs.writeFileSync(
    path.join(wrapper.checkout.dir, 'hostile-rules.yml'),
    '- name: leak\n  file: leak.txt\n  pattern: "(.+)"\n',
  );
  fs.appendFileSync(path.join(wrapper.checkout.dir, '.git/info/exclude'), 'hostile-rules.yml\n');
  links(docs.workspace, { 'tools/leak.csv': secret, 'docs-out': path.join(dir, 'dir') });
  links(docs.checkout, { [`${TOOLS}/lists/light_3.1.99_amd64.csv`]: secret });
  links(images.workspace, { 'Dockerfile.lnk': secret, 'ctx-out': path.join(dir, 'dir') });
}

const runnerEnv = (name: string, file: string) => () => ({ [name]: path.join(outside.runner, file) });
/** The cases every action gets: its runner files and its event payload are checked before any change. */
const preflightCases = (): BadInputCase[] => [
  {
    what: 'GITHUB_OUTPUT that is a folder',
    inputs: {},
    env: runnerEnv('GITHUB_OUTPUT', 'a-folder'),
    input: 'GITHUB_OUTPUT',
    runner: true,
    says: 'cannot be written: it is a folder. Nothing was changed.',
  },
  {
    what: 'GITHUB_STEP_SUMMARY in a folder that does not exist',
    inputs: {},
    env: runnerEnv('GITHUB_STEP_SUMMARY', 'gone/summary.md'),
    input: 'GITHUB_STEP_SUMMARY',
    runner: true,
    says: 'its folder does not exist',
  },
  {
    what: 'an event payload that is not JSON',
    inputs: {},
    env: runnerEnv('GITHUB_EVENT_PATH', 'broken-event.json'),
    input: 'GITHUB_EVENT_PATH',
    runner: true,
    says: 'is not valid JSON',
  },
  {
    what: 'an event payload that is not an object',
    inputs: {},
    env: runnerEnv('GITHUB_EVENT_PATH', 'array-event.json'),
    input: 'GITHUB_EVENT_PATH',
    runner: true,
    says: 'is not a JSON object',
  },
];
const workingDirectoryCases = (): BadInputCase[] => [
  {
    what: 'working directory that is a link out of the workspace',
    inputs: { 'working-directory': 'out-dir' },
    input: 'working-directory',
    says: 'leads outside the workspace',
  },
  {
    what: 'working directory that is a file',
    inputs: { 'working-directory': 'README.md' },
    input: 'working-directory',
    says: 'is not a folder',
  },
];
const LEAK_RULE = '- file: leak.txt\n  pattern: "(.+)"';

const HOSTILE: Record<string, BadInputCase[]> = {
  'verify-version': [
    ...workingDirectoryCases(),
    ...preflightCases(),
    {
      what: 'a rule file that is a link out of the workspace',
      inputs: { rules: LEAK_RULE },
      input: 'rules',
      says: 'rule "leak.txt" file "leak.txt" (line 1 of the input) leads outside the workspace',
    },
    {
      what: 'a rule file outside the workspace',
      inputs: { rules: '- file: ../../../../../etc/passwd\n  pattern: "(.+)"' },
      input: 'rules',
      says: 'is outside the workspace',
    },
    {
      what: 'a config file whose rule reads a link out',
      inputs: { 'config-file': 'hostile-rules.yml' },
      input: 'config-file',
      says: 'file "leak.txt" (hostile-rules.yml line 1) leads outside the workspace',
    },
    {
      what: 'a config file that is a link out',
      inputs: { 'config-file': 'leak.txt' },
      input: 'config-file',
      says: 'leads outside the workspace',
    },
    {
      what: 'a dev branch with only refs/heads/',
      inputs: { 'dev-branch': 'refs/heads/' },
      input: 'dev-branch',
      says: 'not a valid branch name',
    },
    {
      what: 'a release branch with a line break',
      inputs: { 'release-branch': PWNED },
      input: 'release-branch',
      says: 'not a valid branch name',
      hostile: true,
    },
    {
      what: 'a tag holding a workflow command',
      inputs: { tag: PWNED },
      input: 'tag',
      says: 'is not a version',
      hostile: true,
    },
  ],
  'sync-submodules': [
    ...workingDirectoryCases(),
    ...preflightCases(),
    {
      what: 'submodule-branch with refs/heads/ and a space',
      inputs: { 'submodule-branch': 'exegol-images=refs/heads/a b' },
      input: 'submodule-branch',
      says: '"refs/heads/a b" is not a valid branch name',
    },
    {
      what: 'pull request branch with ..',
      inputs: { mode: 'pull-request', 'pull-request-branch': 'update/..{date}' },
      input: 'pull-request-branch',
      says: 'not a valid branch name',
    },
    {
      what: 'pull request branch with a line break',
      inputs: { mode: 'pull-request', 'pull-request-branch': 'update/\n{date}' },
      input: 'pull-request-branch',
      says: 'not a valid branch name',
    },
    {
      what: 'a branch holding a workflow command',
      inputs: { branch: PWNED },
      input: 'branch',
      says: 'not a valid branch name',
      hostile: true,
    },
  ],
  'create-release': [
    ...workingDirectoryCases(),
    ...preflightCases(),
    {
      what: 'an asset that is a link out of the workspace',
      inputs: { assets: 'hostile/*.txt' },
      input: 'assets',
      says: '"hostile/*.txt" matches "hostile/passwd.txt", which leads outside the workspace',
    },
    {
      what: 'a body file that is a link out of the workspace',
      inputs: { 'body-file': 'leak.txt', 'dry-run': 'true' },
      input: 'body-file',
      says: 'leads outside the workspace',
    },
    {
      what: 'a version file that is a link out',
      inputs: { rules: LEAK_RULE },
      input: 'rules',
      says: 'leads outside the workspace',
    },
    {
      what: 'notes since a tag holding a workflow command',
      inputs: { 'notes-since': PWNED },
      input: 'notes-since',
      says: 'does not exist',
      hostile: true,
    },
  ],
  'bump-next-beta': [
    ...workingDirectoryCases(),
    ...preflightCases(),
    {
      what: 'a version file that is a link out',
      inputs: { rules: LEAK_RULE },
      input: 'rules',
      says: 'leads outside the workspace',
    },
    {
      what: 'a dev branch with only refs/heads/',
      inputs: { 'dev-branch': 'refs/heads/' },
      input: 'dev-branch',
      says: 'not a valid branch name',
    },
    {
      what: 'pull request branch with ..',
      inputs: { mode: 'pull-request', 'pull-request-branch': 'bump/..{version}' },
      input: 'pull-request-branch',
      says: 'not a valid branch name',
    },
    {
      what: 'pull request branch with a line break',
      inputs: { mode: 'pull-request', 'pull-request-branch': 'bump/\n{version}' },
      input: 'pull-request-branch',
      says: 'not a valid branch name',
    },
    {
      what: 'fast-forward-from holding a workflow command',
      inputs: { 'fast-forward-from': PWNED },
      input: 'fast-forward-from',
      says: 'not a valid branch name',
      hostile: true,
    },
  ],
  'export-tool-list': [
    ...preflightCases(),
    {
      what: 'a tools list that is a link out of the workspace',
      inputs: { 'tools-csv': 'tools/leak.csv' },
      input: 'tools-csv',
      says: 'leads outside the workspace',
    },
    {
      what: 'a docs path that is a link out of the workspace',
      inputs: { 'docs-path': 'docs-out' },
      input: 'docs-path',
      says: 'leads outside the workspace',
    },
    {
      what: 'a docs path that is a file',
      inputs: { 'docs-path': 'tools/installed_tools.csv' },
      input: 'docs-path',
      says: 'is not a folder',
    },
    {
      what: 'a list file in the docs that is a link out',
      inputs: { version: '3.1.99' },
      input: 'docs-path',
      says: 'light_3.1.99_amd64.csv" in docs-path leads outside the workspace',
    },
    {
      what: 'a header with a line break',
      inputs: { header: `Tool,Link,Description${PWNED}` },
      input: 'header',
      says: 'holds a line break',
      hostile: true,
    },
  ],
  'multi-arch-image-build': [
    ...preflightCases(),
    {
      what: 'a Dockerfile that is a link out of the workspace',
      inputs: { dockerfile: 'Dockerfile.lnk' },
      input: 'dockerfile',
      says: 'leads outside the workspace',
    },
    {
      what: 'a build context that is a link out of the workspace',
      inputs: { context: 'ctx-out' },
      input: 'context',
      says: 'leads outside the workspace',
    },
    {
      what: 'a build context that is a file',
      inputs: { context: 'Dockerfile' },
      input: 'context',
      says: 'is not a folder',
    },
    {
      what: 'a docker client path that points nowhere',
      inputs: { docker: '/nonexistent/bin/docker' },
      input: 'docker',
      says: 'is not there',
    },
    {
      what: 'a docker client name not on PATH',
      inputs: { docker: 'docker-from-nowhere' },
      input: 'docker',
      says: 'is not a program on PATH',
    },
    {
      what: 'a profile holding a workflow command',
      inputs: { profile: PWNED },
      input: 'profile',
      says: 'cannot be part of a tag',
      hostile: true,
    },
  ],
};
for (const [action, list] of Object.entries(HOSTILE)) MATRIX[action]!.push(...list);

// Issue 15, classes 3 and 5: every action talks to the network and takes one stall limit
// (network-timeout, in seconds); the three that read versions refuse a spelling no tag may have
// (leading zeros) and a pre-release kind that would sort backwards after a release candidate.
const NETWORK_TIMEOUT_CASES: BadInputCase[] = [
  {
    what: 'a network-timeout that is not a number',
    inputs: { 'network-timeout': 'abc' },
    input: 'network-timeout',
    says: 'not a whole number at least 1',
  },
  {
    what: 'a network-timeout of zero',
    inputs: { 'network-timeout': '0' },
    input: 'network-timeout',
    says: 'at least 1',
  },
  {
    what: 'a negative network-timeout',
    inputs: { 'network-timeout': '-5' },
    input: 'network-timeout',
    says: 'at least 1',
  },
];
for (const list of Object.values(MATRIX)) list.push(...NETWORK_TIMEOUT_CASES);
MATRIX['verify-version']!.push({
  what: 'a version with a leading zero',
  inputs: { version: '05.1.4' },
  input: 'version',
  says: 'leading zero. Write it as PEP 440 reads it: 5.1.4',
});
MATRIX['create-release']!.push({
  what: 'a version with a leading zero (never tagged)',
  inputs: { version: '05.1.4' },
  input: 'version',
  says: 'leading zero. Write it as PEP 440 reads it: 5.1.4',
});
MATRIX['bump-next-beta']!.push(
  {
    what: 'a released version with a leading zero',
    inputs: { version: '05.1.4' },
    input: 'version',
    says: 'leading zero. Write it as PEP 440 reads it: 5.1.4',
  },
  {
    what: 'a beta after a release candidate',
    inputs: { version: '5.1.5rc1' },
    input: 'pre',
    says: 'the next "rc" is 5.1.5rc2, or release 5.1.5 first',
  },
);

/** Every case, expanded: the count the issue's goal is about. */
const cases = Object.entries(MATRIX).flatMap(([action, list]) => list.map((c) => ({ action, ...c })));

describe.each(Object.keys(MATRIX))('%s', (action) => {
  const setting = SETTINGS[action]!;
  // Without an engine the Docker cases are skipped (the banner above says why); under CI=true they run, and fail.
  const runnable = (c: BadInputCase) => !c.docker || docker.ok || dockerTestsMustRun();
  const skipped = MATRIX[action]!.filter((c) => !runnable(c));
  if (skipped.length) test.skip.each(skipped.map((c) => [c.what] as const))('%s (needs Docker)', () => {});
  test.each(MATRIX[action]!.filter(runnable).map((c) => [c.what, c] as const))('%s', async (what, c) => {
    if (c.docker && !docker.ok)
      throw new Error(`"${what}" needs the Docker engine and the registry, and CI=true: ${docker.reason}`);
    const world = setting.world();
    const before = await snapshot(world);
    const run = await runAction({
      action,
      workspace: setting.workspace(),
      inputs: { ...setting.base, ...c.inputs },
      apiUrl: double.url,
      token: TOKEN,
      env: { ...sandbox.env(), ...c.env?.() },
      ...setting.run(),
      ...(c.ref ? { ref: c.ref } : {}),
      event: c.event,
    });
    if (run.errors.length !== 1) console.log(run.stdout, run.stderr);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    const message = run.errors[0]!.message;
    expect(message).toMatch(
      c.runner ? new RegExp(`^(The event payload )?${c.input} \\(`) : new RegExp(`^Input "${c.input}"`),
    );
    if (c.says) expect(message).toContain(c.says);
    expect(run.log).not.toMatch(/uid=\d+/); // `id` never ran
    // A file outside the workspace is refused unread: not a line of it is shown.
    expect(`${run.log}\n${run.summary}`).not.toContain('TOP-SECRET');
    if (c.hostile) {
      expect(run.annotations).toEqual([run.errors[0]]);
      expect(
        run.stdout
          .split(/\r\n|\r|\n/)
          .filter((l) => /^\s*::/.test(l) && !/^::(error|add-mask|debug|group|endgroup)\b/.test(l)),
      ).toEqual([]);
    }
    expect(await snapshot(world)).toEqual(before);
    double.assertNoViolations();
  });
});

test('the matrix holds at least 80 cases over the six actions, at least 12 each, 80 of them without Docker', () => {
  const per = Object.fromEntries(Object.entries(MATRIX).map(([action, list]) => [action, list.length]));
  expect(Object.keys(per).sort()).toEqual([
    'bump-next-beta',
    'create-release',
    'export-tool-list',
    'multi-arch-image-build',
    'sync-submodules',
    'verify-version',
  ]);
  for (const [action, n] of Object.entries(per)) expect([action, n >= 12]).toEqual([action, true]);
  expect(cases.length).toBeGreaterThanOrEqual(80);
  expect(cases.filter((c) => !c.docker).length).toBeGreaterThanOrEqual(80);
  console.log(
    `bad-input matrix: ${cases.length} cases (${Object.entries(per)
      .map(([a, n]) => `${a} ${n}`)
      .join(', ')}); ${cases.filter((c) => c.docker).length} need Docker`,
  );
});

test('issue 15: the stall limit is refused when bad in every action, and versions no tag may have in the three that read versions', () => {
  for (const [action, list] of Object.entries(MATRIX)) {
    expect([action, list.filter((c) => c.input === 'network-timeout').length]).toEqual([
      action,
      NETWORK_TIMEOUT_CASES.length,
    ]);
  }
  for (const action of ['verify-version', 'create-release', 'bump-next-beta']) {
    expect([action, MATRIX[action]!.some((c) => c.inputs.version === '05.1.4')]).toEqual([action, true]);
  }
});

test('the matrix holds every class of issue 15 for every action: links out, injected commands, runner files and payload, named causes', () => {
  const classes: Record<string, (c: BadInputCase) => boolean> = {
    'link out of the workspace': (c) => Boolean(c.says?.includes('leads outside')),
    'workflow command in an input': (c) => Boolean(c.hostile),
    'runner file or event payload checked first': (c) => Boolean(c.runner),
    'cause named (branch, path kind, docker, header)': (c) =>
      !c.hostile && !c.runner && !c.says?.includes('leads outside'),
  };
  const counts = Object.fromEntries(
    Object.keys(MATRIX).map((action) => [
      action,
      Object.fromEntries(Object.entries(classes).map(([name, is]) => [name, HOSTILE[action]!.filter(is).length])),
    ]),
  );
  for (const [action, perClass] of Object.entries(counts)) {
    for (const [name, n] of Object.entries(perClass)) expect([action, name, n >= 1]).toEqual([action, name, true]);
  }
  const total = Object.values(HOSTILE).reduce((n, list) => n + list.length, 0);
  console.log(
    `bad-input matrix, issue 15 classes: ${total} cases (${Object.entries(HOSTILE)
      .map(([a, l]) => `${a} ${l.length}`)
      .join(', ')})`,
  );
});
