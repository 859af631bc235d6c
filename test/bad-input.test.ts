// The bad-input matrix: every case feeds one action one bad input and asserts exit code 1,
// exactly one `::error` naming that input, no command run from an expression-like string, and
// nothing changed — remote and checkout refs, work tree files, the API double's state.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { runAction, type RunActionOptions } from '@exegol-actions/testkit/runner';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { snapshot } from '@exegol-actions/testkit/snapshot';
import { wrapperTree } from '@exegol-actions/testkit/fixtures';

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
}

const TOKEN = 'ghs_badinputmatrixtoken000001';
const EXPRESSIONS = ['$(id)', '`id`', '${{ secrets.GITHUB_TOKEN }}'];

let sandbox: GitSandbox;
let double: GitHubDouble;
let wrapper: { remote: string; checkout: TestRepo; sha: string };

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
});
afterAll(async () => {
  await double.stop();
  sandbox.cleanup();
});

/** The actions' matrices; each action's cases live with the others so the count is in one place. */
const MATRIX: Record<string, BadInputCase[]> = {
  'verify-version': [
    { what: 'unknown preset', inputs: { preset: 'exegol' }, input: 'preset', says: 'Use one of' },
    { what: 'unknown require-stable', inputs: { 'require-stable': 'always' }, input: 'require-stable' },
    { what: 'non-boolean compare-previous', inputs: { 'compare-previous': 'yes' }, input: 'compare-previous', says: 'Use true or false' },
    { what: 'non-boolean check-release-pr', inputs: { 'check-release-pr': '1' }, input: 'check-release-pr' },
    { what: 'unknown test-file-mismatch', inputs: { 'test-file-mismatch': 'fatal' }, input: 'test-file-mismatch' },
    { what: 'working directory outside the workspace', inputs: { 'working-directory': '../../etc' }, input: 'working-directory', says: 'outside the workspace' },
    { what: 'absolute working directory outside', inputs: { 'working-directory': '/tmp' }, input: 'working-directory', says: 'outside the workspace' },
    { what: 'missing working directory', inputs: { 'working-directory': 'nope' }, input: 'working-directory', says: 'does not exist' },
    { what: 'missing config file', inputs: { 'config-file': 'rules.yml' }, input: 'config-file', says: 'does not exist' },
    { what: 'rules and config-file together', inputs: { rules: '- file: a\n  pattern: (x)', 'config-file': 'README.md' }, input: 'rules', says: 'Use one of the two' },
    { what: 'rules not YAML', inputs: { rules: '- file: [' }, input: 'rules', says: 'not valid YAML' },
    { what: 'rules not a list', inputs: { rules: 'file: a' }, input: 'rules', says: 'must be a list' },
    { what: 'rule file missing', inputs: { rules: '- file: setup.py\n  pattern: "version=(.+)"' }, input: 'rules', says: 'setup.py does not exist' },
    { what: 'rule pattern matching nothing', inputs: { rules: '- file: README.md\n  pattern: "version: (.+)"' }, input: 'rules', says: 'matches nothing' },
    { what: 'rule pattern matching twice', inputs: { rules: '- file: exegol/utils/imgsync/spawn.sh\n  pattern: "(#)"' }, input: 'rules', says: 'must match once' },
    { what: 'rule pattern without a group', inputs: { rules: '- file: README.md\n  pattern: Exegol' }, input: 'rules', says: 'one capture group' },
    { what: 'rule pattern not a regex', inputs: { rules: '- file: README.md\n  pattern: "(["' }, input: 'rules', says: 'not a valid regular expression' },
    { what: 'rule with an unknown role', inputs: { rules: '- file: README.md\n  pattern: "(E)"\n  role: main' }, input: 'rules', says: 'unknown role' },
    { what: 'rule with an unknown severity', inputs: { rules: '- file: README.md\n  pattern: "(E)"\n  severity: fatal' }, input: 'rules', says: 'unknown severity' },
    { what: 'release-pr-title without placeholder', inputs: { 'release-pr-title': 'Release' }, input: 'release-pr-title', says: '{version}' },
    { what: 'no version source', inputs: { preset: 'none' }, input: 'preset', says: 'no version to check' },
    { what: 'a version that is not a version', inputs: { version: '4.0-dev' }, input: 'version', says: 'not a valid version' },
    ...EXPRESSIONS.map((e) => ({ what: `expression-like version ${e}`, inputs: { version: e }, input: 'version', says: 'not a valid version' })),
    ...EXPRESSIONS.map((e) => ({ what: `expression-like tag ${e}`, inputs: { tag: e }, input: 'tag', says: 'is not a version' })),
    { what: 'a tag that is not a version', inputs: { tag: 'latest' }, input: 'tag', says: 'is not a version' },
    { what: 'a tag with the wrong prefix', inputs: { tag: 'v5.1.4' }, input: 'tag', says: 'is not a version' },
  ],
  'sync-submodules': [
    { what: 'unknown mode', inputs: { mode: 'sync' }, input: 'mode', says: 'Use one of: update, pull-request, check, fork' },
    { what: 'non-boolean recursive', inputs: { recursive: 'deep' }, input: 'recursive', says: 'Use true or false' },
    { what: 'non-boolean dry-run', inputs: { 'dry-run': 'maybe' }, input: 'dry-run', says: 'Use true or false' },
    { what: 'unknown on-behind in check mode', inputs: { mode: 'check', 'on-behind': 'ignore' }, input: 'on-behind', says: 'Use one of: fail, warn' },
    { what: 'a path where there are no submodules', inputs: { paths: 'exegol-images' }, input: 'paths', says: 'is not a submodule' },
    ...EXPRESSIONS.map((e) => ({ what: `expression-like path ${e}`, inputs: { paths: e }, input: 'paths', says: 'is not a submodule' })),
    { what: 'one branch for all mixed with path=branch', inputs: { 'submodule-branch': 'main\nexegol-images=dev' }, input: 'submodule-branch', says: 'mixes a branch for all' },
    { what: 'submodule-branch without a path', inputs: { 'submodule-branch': '=dev' }, input: 'submodule-branch', says: 'is not path=branch' },
    { what: 'submodule-branch not a branch name', inputs: { 'submodule-branch': 'exegol-images=a b' }, input: 'submodule-branch', says: 'not a valid branch name' },
    { what: 'branch not a branch name', inputs: { branch: 'bad..name' }, input: 'branch', says: 'not a valid branch name' },
    { what: 'author without an email', inputs: { author: 'Github Actions' }, input: 'author', says: 'Name <email>' },
    { what: 'multi-line commit message', inputs: { 'commit-message': 'update\n\nbody' }, input: 'commit-message', says: 'first line only' },
    { what: 'push-attempts zero', inputs: { 'push-attempts': '0' }, input: 'push-attempts', says: 'at least 1' },
    { what: 'push-attempts not a number', inputs: { 'push-attempts': 'three' }, input: 'push-attempts', says: 'not a whole number' },
    { what: 'an SSH key that is not a key', inputs: { 'fetch-ssh-key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 public@key' }, input: 'fetch-ssh-key', says: 'not a private key' },
    { what: 'fork without upstream', inputs: { mode: 'fork' }, input: 'upstream', says: 'required in fork mode' },
    ...EXPRESSIONS.map((e) => ({ what: `fork with expression-like upstream ${e}`, inputs: { mode: 'fork', upstream: e }, input: 'upstream', says: 'neither owner/name nor a clone URL' })),
    { what: 'unknown fork-method', inputs: { mode: 'fork', upstream: 'ThePorgs/Exegol', 'fork-method': 'rest' }, input: 'fork-method', says: 'Use one of: auto, api, git' },
    { what: 'upstream-branch not a branch name', inputs: { mode: 'fork', upstream: 'ThePorgs/Exegol', 'upstream-branch': 'dev~1' }, input: 'upstream-branch', says: 'not a valid branch name' },
    { what: 'unknown placeholder in the title', inputs: { mode: 'pull-request', 'pull-request-title': 'Update {month}' }, input: 'pull-request-title', says: 'unknown placeholder {month}' },
    { what: 'unknown placeholder in the branch', inputs: { mode: 'pull-request', 'pull-request-branch': 'update/{stamp}' }, input: 'pull-request-branch', says: 'unknown placeholder {stamp}' },
    { what: 'pull request branch not a branch name', inputs: { mode: 'pull-request', 'pull-request-branch': 'update {date}' }, input: 'pull-request-branch', says: 'not a valid branch name' },
    { what: 'working directory outside the workspace', inputs: { 'working-directory': '../..' }, input: 'working-directory', says: 'outside the workspace' },
  ],
  'create-release': [
    { what: 'a version that is not a version', inputs: { version: '4.0-dev' }, input: 'version', says: 'not a valid version' },
    ...EXPRESSIONS.map((e) => ({ what: `expression-like version ${e}`, inputs: { version: e }, input: 'version', says: 'not a valid version' })),
    { what: 'a pushed tag that is not a version', inputs: {}, ref: 'refs/tags/nightly', input: 'version', says: 'is not a version' },
    { what: 'unknown prerelease', inputs: { prerelease: 'sometimes' }, input: 'prerelease', says: 'Use one of: auto, true, false' },
    { what: 'unknown make-latest', inputs: { 'make-latest': 'legacy' }, input: 'make-latest', says: 'Use one of: auto, true, false' },
    { what: 'unknown existing-release', inputs: { 'existing-release': 'replace' }, input: 'existing-release', says: 'Use one of: update, keep' },
    { what: 'non-boolean require-signed-tag', inputs: { 'require-signed-tag': 'yes' }, input: 'require-signed-tag', says: 'Use true or false' },
    { what: 'non-boolean dry-run', inputs: { 'dry-run': 'perhaps' }, input: 'dry-run', says: 'Use true or false' },
    { what: 'a tagger that is not "Name <email>"', inputs: { identity: 'release-bot' }, input: 'identity', says: 'Name <email>' },
    { what: 'a signing key that is no key', inputs: { 'signing-key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 public-half' }, input: 'signing-key', says: 'neither an SSH private key' },
    { what: 'a passphrase without a key', inputs: { 'signing-key-passphrase': 'lonely passphrase' }, input: 'signing-key-passphrase', says: 'signing-key is empty' },
    { what: 'an asset glob matching nothing', inputs: { assets: 'dist/*.tar.gz' }, input: 'assets', says: 'matches no file' },
    { what: 'a commit not in the checkout', inputs: { commit: 'deadbeef' }, input: 'commit', says: 'is not a commit of the checkout' },
    { what: 'notes since a tag that does not exist', inputs: { 'notes-since': '0.0.1' }, input: 'notes-since', says: 'does not exist' },
    { what: 'a missing body file', inputs: { 'body-file': 'NOTES.md' }, input: 'body-file', says: 'does not exist' },
    { what: 'working directory outside the workspace', inputs: { 'working-directory': '../..' }, input: 'working-directory', says: 'outside the workspace' },
    { what: 'require-signed-tag without a tag or a key', inputs: { 'require-signed-tag': 'true' }, input: 'require-signed-tag', says: 'does not exist' },
  ],
  'bump-next-beta': [
    { what: 'unknown bump', inputs: { bump: 'huge' }, input: 'bump', says: 'Use one of: patch, minor, major' },
    { what: 'unknown pre', inputs: { pre: 'beta' }, input: 'pre', says: 'Use one of: a, b, rc' },
    { what: 'unknown version-format', inputs: { 'version-format': 'calver' }, input: 'version-format' },
    { what: 'unknown stable-marker', inputs: { 'stable-marker': 'drop' }, input: 'stable-marker', says: 'Use one of: keep, beta' },
    { what: 'unknown mode', inputs: { mode: 'force-push' }, input: 'mode', says: 'Use one of: push, pull-request' },
    { what: 'non-boolean force', inputs: { force: 'y' }, input: 'force', says: 'Use true or false' },
    { what: 'push-attempts out of range', inputs: { 'push-attempts': '50' }, input: 'push-attempts', says: 'at most 10' },
    { what: 'an identity that is not "Name <email>"', inputs: { identity: 'Github Actions' }, input: 'identity', says: 'Name <email>' },
    { what: 'a version that is not a version', inputs: { version: '4.0-dev' }, input: 'version', says: 'not a valid version' },
    ...EXPRESSIONS.map((e) => ({ what: `expression-like version ${e}`, inputs: { version: e }, input: 'version', says: 'not a valid version' })),
    { what: 'a dev branch that does not exist', inputs: { 'dev-branch': 'develop' }, input: 'dev-branch', says: 'does not exist on origin' },
    { what: 'a release branch that does not exist', inputs: { 'fast-forward-from': 'mastre' }, input: 'fast-forward-from', says: 'does not exist on origin' },
    { what: 'fast-forward from dev itself', inputs: { 'fast-forward-from': 'dev' }, input: 'fast-forward-from', says: 'dev branch itself' },
    { what: 'rules that are not YAML', inputs: { rules: '- file: [' }, input: 'rules', says: 'not valid YAML' },
    { what: 'working directory outside the workspace', inputs: { 'working-directory': '/tmp' }, input: 'working-directory', says: 'outside the workspace' },
  ],
};

const cases = Object.entries(MATRIX).flatMap(([action, list]) => list.map((c) => [action, c.what, c] as const));

describe.each(Object.keys(MATRIX))('%s', (action) => {
  test.each(MATRIX[action]!.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    const world = { repos: [wrapper.remote, wrapper.checkout.dir], env: sandbox.env(), double, apiRepos: ['ThePorgs/Exegol'] };
    const before = await snapshot(world);
    const run = await runAction({
      action,
      workspace: wrapper.checkout.dir,
      inputs: { ...c.inputs, 'github-token': TOKEN },
      ref: c.ref ?? 'refs/heads/master',
      sha: wrapper.sha,
      repository: 'ThePorgs/Exegol',
      apiUrl: double.url,
      token: TOKEN,
      env: sandbox.env(),
      event: c.event,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    const message = run.errors[0]!.message;
    expect(message).toMatch(new RegExp(`^Input "${c.input}"`));
    if (c.says) expect(message).toContain(c.says);
    expect(run.log).not.toMatch(/uid=\d+/); // `id` never ran
    expect(await snapshot(world)).toEqual(before);
    double.assertNoViolations();
  });
});
