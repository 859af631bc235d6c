import { describe, expect, test } from '@jest/globals';
import { InputError } from '../action/errors.ts';
import {
  checkTag,
  expandTemplate,
  fillTag,
  formatReference,
  isLoopbackRegistry,
  parseDuration,
  parsePlatform,
  parseReference,
  parseSize,
  platformOfMachine,
  platformSuffix,
} from './reference.ts';

describe('parseReference', () => {
  test.each([
    ['nwodtuhs/exegol', { registry: 'docker.io', repository: 'nwodtuhs/exegol' }],
    ['busybox', { registry: 'docker.io', repository: 'library/busybox' }],
    [
      'nwodtuhs/exegol:full-3.1.5-arm64',
      { registry: 'docker.io', repository: 'nwodtuhs/exegol', tag: 'full-3.1.5-arm64' },
    ],
    ['ghcr.io/thePorgs/x', undefined],
    ['127.0.0.1:5000/e2e/exegol:nightly', { registry: '127.0.0.1:5000', repository: 'e2e/exegol', tag: 'nightly' }],
    ['localhost/exegol', { registry: 'localhost', repository: 'exegol' }],
    [
      `r.example/a@sha256:${'a'.repeat(64)}`,
      { registry: 'r.example', repository: 'a', digest: `sha256:${'a'.repeat(64)}` },
    ],
  ])('%s', (text, expected) => {
    if (expected) expect(parseReference(text, 'image')).toEqual(expected);
    else
      expect(() => parseReference(text, 'image')).toThrow(
        /Input "image": "ghcr.io\/thePorgs\/x" is not a valid image reference: "thePorgs" has upper-case letters/,
      );
  });

  test.each([
    '',
    'a:b:c',
    'x/Y',
    'nwodtuhs/exegol:bad tag',
    'nwodtuhs/exegol:.dot',
    'a//b',
    'a@sha256:123',
    `x:${'t'.repeat(129)}`,
  ])('refuses %j', (text) => {
    expect(() => parseReference(text, 'image')).toThrow(InputError);
  });

  test('requirements on tags', () => {
    expect(() => parseReference('a/b:t', 'image', { require: 'repository' })).toThrow(
      /Input "image": "a\/b:t" names a tag or digest/,
    );
    expect(() => parseReference('a/b', 'source', { require: 'tag-or-digest' })).toThrow(
      /Input "source": "a\/b" has no tag or digest/,
    );
  });

  test('formats as Docker does', () => {
    expect(formatReference(parseReference('busybox:1', 'x'))).toBe('busybox:1');
    expect(formatReference(parseReference('127.0.0.1:5000/a/b:c', 'x'))).toBe('127.0.0.1:5000/a/b:c');
    expect(isLoopbackRegistry('127.0.0.1:5000')).toBe(true);
    expect(isLoopbackRegistry('localhost:5001')).toBe(true);
    expect(isLoopbackRegistry('ghcr.io')).toBe(false);
  });

  test('tags', () => {
    expect(checkTag('full-3.1.5-arm64', 'tags')).toBe('full-3.1.5-arm64');
    expect(() => checkTag('-x', 'tags')).toThrow(/Input "tags": "-x" is not a valid tag/);
  });
});

describe('platforms', () => {
  test('known platforms and their names', () => {
    expect(parsePlatform('linux/arm64', 'platform')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(parsePlatform('linux/arm/v7', 'platform')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(platformSuffix(parsePlatform('linux/arm64/v8', 'platform'))).toBe('arm64');
    expect(platformSuffix(parsePlatform('linux/arm/v7', 'platform'))).toBe('armv7');
    expect(platformOfMachine('x86_64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(platformOfMachine('aarch64')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(() => parsePlatform('linux/sparc', 'platform')).toThrow(
      /Input "platform": unknown platform "linux\/sparc"\. Use one of: linux\/amd64, linux\/arm64/,
    );
  });
});

describe('durations, sizes, templates', () => {
  test('durations', () => {
    expect(parseDuration('30s', 't')).toBe(30_000);
    expect(parseDuration('500ms', 't')).toBe(500);
    expect(parseDuration('2m', 't')).toBe(120_000);
    expect(parseDuration('1.5', 't')).toBe(1500);
    expect(() => parseDuration('soon', 'test-timeout')).toThrow(/Input "test-timeout": "soon" is not a duration/);
  });
  test('sizes', () => {
    expect(parseSize('20GB', 's')).toBe(20e9);
    expect(parseSize('1.5GiB', 's')).toBe(1.5 * 2 ** 30);
    expect(parseSize('12.5MB', 's')).toBe(12.5e6);
    expect(parseSize('0', 's')).toBe(0);
    expect(() => parseSize('lots', 'min-free-space')).toThrow(/Input "min-free-space"/);
  });
  test('templates', () => {
    expect(
      expandTemplate('{profile}-{version}-{arch}', { profile: 'full', version: '3.1.5', arch: 'arm64' }, 'arch-tag'),
    ).toBe('full-3.1.5-arm64');
    expect(() => expandTemplate('{profile}-{nope}', { profile: 'full' }, 'arch-tag')).toThrow(
      /uses \{nope\}, which is not known/,
    );
    expect(() => expandTemplate('{profile}-{version}', { profile: 'full', version: '' }, 'tags')).toThrow(
      /Input "tags": .*uses \{version\}, which is empty\. Set the input "version"/,
    );
  });
  test('a tag from a template blames the value that spoils it, else the template', () => {
    const inputs = { profile: 'profile', version: 'version' };
    expect(
      fillTag('{profile}-{version}-{arch}', { profile: 'full', version: '3.1.5', arch: 'arm64' }, 'arch-tag', inputs),
    ).toBe('full-3.1.5-arm64');
    expect(() =>
      fillTag(
        '{profile}-{version}-{arch}',
        { profile: 'full', version: '3.1.5 beta', arch: 'amd64' },
        'arch-tag',
        inputs,
      ),
    ).toThrow(
      /^Input "version": "3\.1\.5 beta" cannot be part of a tag \(arch-tag "\{profile\}-\{version\}-\{arch\}" gives "full-3\.1\.5 beta-amd64"\)/,
    );
    expect(() => fillTag('{version}', { profile: '$(id)', version: '1.0.0' }, 'tags', inputs)).not.toThrow();
    expect(() => fillTag('bad tag!', { profile: 'full' }, 'tags', inputs)).toThrow(
      /^Input "tags": "bad tag!" is not a valid tag/,
    );
  });
});
