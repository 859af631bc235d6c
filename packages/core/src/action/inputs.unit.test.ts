// The one rule for branch inputs: refs/heads/ is accepted and dropped; the rest must be a name git takes.
// And the generated readers' rule: action.yml's default fills an empty input, as the runner does.
import { afterEach, describe, expect, test } from '@jest/globals';
import { branchName, inputReader } from './inputs.ts';

test('refs/heads/ is dropped wherever a branch name is asked for', () => {
  expect(branchName('dev-branch', 'refs/heads/dev')).toBe('dev');
  expect(branchName('submodule-branch', 'refs/heads/release/3.1')).toBe('release/3.1');
  expect(branchName('dev-branch', 'dev')).toBe('dev');
});

test('what is left must be a branch name; the error names the input and shows the value escaped', () => {
  expect(() => branchName('dev-branch', 'refs/heads/')).toThrow(
    'Input "dev-branch": "refs/heads/" is not a valid branch name. Give a branch name such as main or dev (a refs/heads/ prefix is dropped).',
  );
  expect(() => branchName('pull-request-branch', 'update/..x')).toThrow('Input "pull-request-branch"');
  expect(() => branchName('release-branch', 'main\n::warning::x')).toThrow(
    '"main\\n::warning::x" is not a valid branch name',
  );
  expect(() => branchName('branch', 'refs/tags/v1..')).toThrow('not a valid branch name');
});

describe('inputReader', () => {
  const inputs = inputReader({
    mode: { default: 'push' },
    attempts: { default: '3' },
    'dry-run': {},
    branch: {},
    token: {},
  });
  const env = (values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  };
  afterEach(() => {
    for (const name of ['MODE', 'ATTEMPTS', 'DRY-RUN', 'BRANCH', 'TOKEN']) delete process.env[`INPUT_${name}`];
  });

  test('without INPUT_* variables each input reads as its action.yml default', () => {
    expect(inputs.choice('mode', ['push', 'pull-request'])).toBe('push');
    expect(inputs.integer('attempts', { min: 1, max: 10 })).toBe(3);
    expect(inputs.text('token')).toBe('');
    expect(inputs.boolean('dry-run')).toBe(false);
  });

  test('a given value wins, an empty one falls back to the default, and each is held to its kind', () => {
    env({ mode: 'pull-request', attempts: '' });
    expect(inputs.choice('mode', ['push', 'pull-request'])).toBe('pull-request');
    expect(inputs.integer('attempts')).toBe(3);
    env({ mode: 'merge', attempts: '0' });
    expect(() => inputs.choice('mode', ['push', 'pull-request'])).toThrow(
      'Input "mode": unknown value "merge". Use one of: push, pull-request.',
    );
    expect(() => inputs.integer('attempts', { min: 1 })).toThrow(
      'Input "attempts": "0" is not a whole number at least 1',
    );
  });

  test('a fallback computed at run time applies only when the input and its default are empty', () => {
    expect(inputs.booleanOr('dry-run', true)).toBe(true);
    expect(inputs.branchOr('branch', 'dev')).toBe('dev');
    env({ 'dry-run': 'false', branch: 'refs/heads/main' });
    expect(inputs.booleanOr('dry-run', true)).toBe(false);
    expect(inputs.branchOr('branch', 'dev')).toBe('main');
  });
});

test('textAsGiven keeps an empty value the runner passed, and takes the default only when none was passed', () => {
  const inputs = inputReader({ 'prune-label': { default: 'org.exegol.app=Exegol' } });
  expect(inputs.textAsGiven('prune-label')).toBe('org.exegol.app=Exegol');
  process.env['INPUT_PRUNE-LABEL'] = '';
  try {
    expect(inputs.textAsGiven('prune-label')).toBe('');
    expect(inputs.text('prune-label')).toBe('org.exegol.app=Exegol');
  } finally {
    delete process.env['INPUT_PRUNE-LABEL'];
  }
});
