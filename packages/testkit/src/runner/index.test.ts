// The runner helper's own parsing and its leak check.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from '@jest/globals';
import { parseFileCommands, parseWorkflowCommands, runAction } from './index.ts';

test('parses file commands in both forms', () => {
  const text = 'a=1\nmulti<<ghadelimiter_x\nline 1\nline 2\nghadelimiter_x\nempty=\n';
  expect(parseFileCommands(text)).toEqual({ a: '1', multi: 'line 1\nline 2', empty: '' });
  expect(() => parseFileCommands('x<<EOF\nno end\n')).toThrow(/no closing delimiter/);
});

test('parses annotations with escaped properties and data', () => {
  const { annotations, masks } = parseWorkflowCommands(
    '::error file=a%2Cb.py,line=3,col=7,title=t%3A x::first%0Asecond\n::add-mask::s3cr3t\nplain\n::warning::w\n',
  );
  expect(annotations).toEqual([
    { level: 'error', file: 'a,b.py', line: 3, col: 7, title: 't: x', message: 'first\nsecond' },
    { level: 'warning', message: 'w' },
  ]);
  expect(masks).toEqual(['s3cr3t']);
});

test('a token input that reaches the log fails the run', async () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-leak-'));
  // verify-version echoes a bad preset value into its error: a stand-in for any leak.
  const secret = 'ghp_leakcheck123456789';
  await expect(
    runAction({ action: 'verify-version', workspace, inputs: { preset: secret }, secrets: [secret] }),
  ).rejects.toThrow(/leaked 1 secret/);
  const ok = await runAction({
    action: 'verify-version',
    workspace,
    inputs: { preset: 'bogus', 'github-token': secret },
  });
  expect(ok.errors).toHaveLength(1);
  fs.rmSync(workspace, { recursive: true, force: true });
});
