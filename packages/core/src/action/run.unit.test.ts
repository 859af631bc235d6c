// How a failure reaches the user: a foreseen one as it is, anything else as a bug with the stack
// kept for the debug log.
import { afterAll, afterEach, expect, jest, test } from '@jest/globals';
import { CommandError } from '../exec/index.ts';
import { ActionError } from './errors.ts';
import { ISSUES_URL, reportError } from './run.ts';

let written: string[] = [];
const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
  written.push(String(chunk));
  return true;
});
afterEach(() => {
  written = [];
});
afterAll(() => spy.mockRestore());

test('a foreseen failure is reported as it is: one error, nothing about bugs', () => {
  reportError(new ActionError('Set fetch-depth: 0 on the actions/checkout step.'), 'verify-version');
  expect(written.join('')).toBe('::error title=verify-version::Set fetch-depth: 0 on the actions/checkout step.\n');
});

test('an unexpected exception says it is a bug and where to report it; the stack goes to debug', () => {
  reportError(new TypeError("Cannot read properties of undefined (reading 'x')"), 'create-release');
  const lines = written.join('').split('\n').filter(Boolean);
  expect(lines[0]).toMatch(/^::debug::TypeError: Cannot read properties of undefined \(reading 'x'\)%0A\s+at /);
  expect(lines[1]).toBe(
    `::error title=create-release::Unexpected error: Cannot read properties of undefined (reading 'x'). This is a bug in the action: please report it at ${ISSUES_URL} with this log (re-run the job with debug logging for the stack trace).`,
  );
  expect(lines).toHaveLength(2);
});

test("an unforeseen command failure names the command and git's own line", () => {
  const error = new CommandError('git fetch --unshallow', {
    code: 1,
    stdout: '',
    stderr: 'From x\n ! [rejected]   1.0.1 -> 1.0.1  (would clobber existing tag)\n',
  });
  reportError(error, 'bump-next-beta');
  const annotation = written
    .join('')
    .split('\n')
    .find((l) => l.startsWith('::error'));
  expect(annotation).toMatch(
    /^::error title=bump-next-beta::Unexpected error: git fetch --unshallow failed: ! \[rejected\] {3}1\.0\.1 -> 1\.0\.1 {2}\(would clobber existing tag\)\. This is a bug in the action: please report it at https:\/\/github\.com\/exegol\/actions\/issues/,
  );
});
