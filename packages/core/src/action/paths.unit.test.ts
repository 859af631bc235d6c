// The containment rule: where a path leads, not how it is spelled.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { globInside, outsideProblem, realPath, resolveInside } from './paths.ts';

let root: string;
let ws: string;
let temp: string;
const saved = { ws: process.env.GITHUB_WORKSPACE, temp: process.env.RUNNER_TEMP };
beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'paths-')));
  ws = path.join(root, 'ws');
  temp = path.join(root, 'runner-temp');
  fs.mkdirSync(path.join(ws, 'dist'), { recursive: true });
  fs.mkdirSync(temp);
  fs.mkdirSync(path.join(root, 'outside'));
  fs.writeFileSync(path.join(root, 'outside', 'secret.txt'), 'secret');
  fs.writeFileSync(path.join(ws, 'README.md'), 'readme');
  fs.writeFileSync(path.join(temp, 'notes.md'), 'notes');
  fs.symlinkSync(path.join(root, 'outside', 'secret.txt'), path.join(ws, 'dist', 'passwd.txt'));
  fs.symlinkSync('../README.md', path.join(ws, 'dist', 'readme-link.md'));
  fs.symlinkSync(path.join(root, 'outside'), path.join(ws, 'out'));
  fs.symlinkSync(path.join(root, 'outside', 'nothing-yet'), path.join(ws, 'dangling'));
  fs.symlinkSync('loop-b', path.join(ws, 'loop-a'));
  fs.symlinkSync('loop-a', path.join(ws, 'loop-b'));
  process.env.GITHUB_WORKSPACE = ws;
  process.env.RUNNER_TEMP = temp;
});
afterAll(() => {
  process.env.GITHUB_WORKSPACE = saved.ws;
  process.env.RUNNER_TEMP = saved.temp;
  fs.rmSync(root, { recursive: true, force: true });
});

test('a link that stays inside is fine; one that leads out is refused, naming the input and where it leads', () => {
  expect(resolveInside('body-file', 'dist/readme-link.md', { mustExist: true, kind: 'file' })).toBe(
    path.join(ws, 'dist/readme-link.md'),
  );
  expect(() => resolveInside('body-file', 'dist/passwd.txt')).toThrow(
    `Input "body-file": "dist/passwd.txt" leads outside the workspace: it is, or goes through, a symbolic link to ${root}/outside/secret.txt`,
  );
  expect(() => resolveInside('tools-csv', 'out/secret.txt')).toThrow('goes through, a symbolic link');
  expect(() => resolveInside('tools-csv', '../outside/secret.txt')).toThrow(
    `is outside the workspace (${root}/outside/secret.txt)`,
  );
});

test('paths that do not exist yet are judged by their nearest existing folder, dangling links by their target', () => {
  expect(resolveInside('docs-path', 'new/folder/file.csv')).toBe(path.join(ws, 'new/folder/file.csv'));
  expect(() => resolveInside('docs-path', 'out/new/file.csv')).toThrow('leads outside');
  expect(() => resolveInside('docs-path', 'dangling')).toThrow('leads outside');
  expect(realPath(path.join(ws, 'dangling'))).toBe(path.join(root, 'outside', 'nothing-yet'));
  expect(outsideProblem(path.join(ws, 'loop-a'))).toMatch(/cannot be followed to a real path \(ELOOP\)/);
});

test('RUNNER_TEMP only where allowed; kinds and existence checked', () => {
  expect(() => resolveInside('body-file', path.join(temp, 'notes.md'))).toThrow('is outside the workspace');
  expect(resolveInside('body-file', path.join(temp, 'notes.md'), { allowRunnerTemp: true, kind: 'file' })).toBe(
    path.join(temp, 'notes.md'),
  );
  expect(() => resolveInside('working-directory', 'README.md', { kind: 'dir' })).toThrow(
    'Input "working-directory": "README.md" is not a folder',
  );
  expect(() => resolveInside('config-file', 'nope.yml', { mustExist: true })).toThrow('"nope.yml" does not exist');
});

test('a glob is checked per matched file; a config file location is named', () => {
  expect(() => globInside('assets', 'dist/*', { base: ws })).toThrow(
    'Input "assets": "dist/*" matches "dist/passwd.txt", which leads outside the workspace',
  );
  expect(globInside('assets', 'dist/*.md', { base: ws })).toEqual([path.join(ws, 'dist/readme-link.md')]);
  expect(() =>
    resolveInside('config-file', 'dist/passwd.txt', {
      label: 'rule "x" file "dist/passwd.txt"',
      location: { file: path.join(ws, 'rules.yml'), line: 3 },
    }),
  ).toThrow('Input "config-file": rule "x" file "dist/passwd.txt" (rules.yml line 3) leads outside the workspace');
});
