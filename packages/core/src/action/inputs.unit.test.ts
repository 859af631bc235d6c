// The one rule for branch inputs: refs/heads/ is accepted and dropped; the rest must be a name git takes.
import { expect, test } from '@jest/globals';
import { branchName } from './inputs.ts';

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
