// The parts of create-release that need neither a remote nor the API.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { parseVersion } from '../version/index.ts';
import { findPreviousTag, resolveAssets } from './index.ts';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('create-release-');
});
afterAll(() => sandbox.cleanup());

test('the previous tag: stable for a stable release, any for a pre-release, or the one asked for', async () => {
  const repo = await sandbox.repo('previous');
  for (const t of ['4.3.3', '4.3.4', '4.3.5b1', '4.3.5b2', 'nightly', '4.3.5', '5.0.0b1']) {
    await repo.commit(t, { allowEmpty: true });
    await repo.tag(t);
  }
  const prev = (version: string, notesSince: Parameters<typeof findPreviousTag>[0]['notesSince'] = 'auto') =>
    findPreviousTag({ git: repo.git, version: parseVersion(version), tagPrefix: '', notesSince }, version);
  expect(await prev('4.3.5')).toBe('4.3.4');
  expect(await prev('4.3.5', 'any')).toBe('4.3.5b2');
  expect(await prev('4.3.6b1')).toBe('4.3.5');
  expect(await prev('5.0.0b2')).toBe('5.0.0b1');
  expect(await prev('5.0.0b2', 'stable')).toBe('4.3.5');
  // A hotfix of an older line starts from its own predecessor, not from the newest tag.
  expect(await prev('4.3.4')).toBe('4.3.3');
  expect(await prev('4.3.3')).toBeNull();
  expect(await prev('4.3.6', { tag: '4.3.3' })).toBe('4.3.3');
  await expect(prev('4.3.6', { tag: '9.9.9' })).rejects.toThrow('Input "notes-since": tag "9.9.9" does not exist');
});

test('assets: globs inside the workspace, hashed; nothing matched is an error only when required', () => {
  const ws = fs.mkdtempSync(path.join(sandbox.root, 'ws-'));
  fs.mkdirSync(path.join(ws, 'dist'));
  fs.writeFileSync(path.join(ws, 'dist', 'exegol-4.3.5.tar.gz'), 'sdist');
  fs.writeFileSync(path.join(ws, 'dist', 'exegol-4.3.5-py3-none-any.whl'), 'wheel');
  const assets = resolveAssets(ws, ['dist/*.tar.gz', 'dist/*'], true);
  expect(assets.map((a) => a.name)).toEqual(['exegol-4.3.5.tar.gz', 'exegol-4.3.5-py3-none-any.whl']);
  expect(assets[0]).toEqual({
    path: path.join(ws, 'dist', 'exegol-4.3.5.tar.gz'),
    name: 'exegol-4.3.5.tar.gz',
    size: 5,
    sha256: createHash('sha256').update('sdist').digest('hex'),
  });
  expect(() => resolveAssets(ws, ['build/*.zip'], true)).toThrow('Input "assets": "build/*.zip" matches no file');
  expect(resolveAssets(ws, ['build/*.zip'], false)).toEqual([]);
  fs.writeFileSync(path.join(ws, '..', 'outside.txt'), 'x');
  expect(() => resolveAssets(ws, ['../outside.txt'], true)).toThrow('Input "assets": "../outside.txt" matches');
  expect(() => resolveAssets(ws, ['../outside.txt'], true)).toThrow('outside the workspace');
});
