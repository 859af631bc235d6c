// checkCheckout: a checkout is found where git would find it, without running git.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { checkCheckout } from './preflight.ts';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
  fs.mkdirSync(path.join(root, 'repo', '.git'), { recursive: true });
  fs.mkdirSync(path.join(root, 'repo', 'sub', 'deeper'), { recursive: true });
  // A submodule's or a worktree's checkout has a .git file that points at the real folder.
  fs.mkdirSync(path.join(root, 'worktree'));
  fs.writeFileSync(path.join(root, 'worktree', '.git'), 'gitdir: ../repo/.git/worktrees/w\n');
  fs.mkdirSync(path.join(root, 'empty'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test('a checkout, a folder inside one, and a .git file pass', () => {
  expect(() => checkCheckout(path.join(root, 'repo'), {})).not.toThrow();
  expect(() => checkCheckout(path.join(root, 'repo', 'sub', 'deeper'), {})).not.toThrow();
  expect(() => checkCheckout(path.join(root, 'worktree'), {})).not.toThrow();
});

test('an empty workspace fails with the folder named and actions/checkout as the fix', () => {
  const dir = path.join(root, 'empty');
  expect(() => checkCheckout(dir, {})).toThrow(
    `${dir} is not a git work tree (no .git in it or in any folder above it). Add an actions/checkout step before this one`,
  );
});

test('with GIT_DIR set, git needs no .git, and the check leaves it to git', () => {
  expect(() => checkCheckout(path.join(root, 'empty'), { GIT_DIR: path.join(root, 'repo', '.git') })).not.toThrow();
});
