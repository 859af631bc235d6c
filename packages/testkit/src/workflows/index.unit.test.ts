import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  checkActionCalls,
  checkActionRuntimes,
  checkConcurrency,
  checkPermissions,
  checkPinnedActions,
  checkRunExpressions,
  checkTemplateMetadata,
  loadCatalog,
  loadYamlFile,
  type Catalog,
  type YamlFile,
} from './index.ts';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'workflows-'));
  // A repository offering one action and one reusable workflow.
  fs.mkdirSync(path.join(root, 'greet'));
  fs.writeFileSync(
    path.join(root, 'greet/action.yml'),
    'name: Greet\ndescription: d\ninputs:\n  who:\n    description: d\n    required: true\n  loud:\n    description: d\n    default: "false"\nruns:\n  using: node24\n  main: x.js\n',
  );
  fs.mkdirSync(path.join(root, '.github/workflows'), { recursive: true });
  fs.writeFileSync(
    path.join(root, '.github/workflows/reusable-x.yml'),
    'on:\n  workflow_call:\n    inputs:\n      branch:\n        type: string\n        required: true\n    secrets:\n      TOKEN:\n        required: true\n      OPTIONAL:\n        required: false\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    permissions: {}\n    steps:\n      - run: echo\n',
  );
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function file(text: string, rel = 'workflows-templates/t.yml'): YamlFile {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
  return loadYamlFile(abs, root);
}

describe('checkActionCalls', () => {
  let catalog: Catalog;
  beforeAll(() => {
    catalog = loadCatalog(root);
  });

  test('reads the actions and the reusable workflows a repository offers', () => {
    expect([...catalog.actions.keys()]).toEqual(['greet']);
    expect([...catalog.reusable.keys()]).toEqual(['reusable-x.yml']);
  });

  test('step calls: unknown action, unknown input, missing required input, with positions', () => {
    const f = file(
      'jobs:\n  j:\n    steps:\n      - uses: exegol/actions/greet@v1\n        with:\n          loud: "true"\n          shout: 1\n      - uses: ./nope\n      - uses: ./greet\n        with:\n          who: me\n',
    );
    const { findings, calls } = checkActionCalls(f, catalog);
    expect(calls).toBe(3);
    expect(findings.map((x) => [x.line, x.message])).toEqual([
      [7, 'job j: greet has no input "shout"'],
      [4, 'job j: greet requires input "who"'],
      [8, 'job j: uses ./nope, but there is no nope/action.yml'],
    ]);
  });

  test('reusable workflow calls: inputs and secrets, `secrets: inherit` passes all', () => {
    const f = file(
      'jobs:\n  a:\n    uses: exegol/actions/.github/workflows/reusable-x.yml@v1\n    with:\n      brnach: main\n    secrets:\n      OPTIONAL: x\n      OTHER: y\n  b:\n    uses: ./.github/workflows/reusable-x.yml\n    with:\n      branch: main\n    secrets: inherit\n  c:\n    uses: exegol/actions/.github/workflows/missing.yml@v1\n',
    );
    const { findings, calls } = checkActionCalls(f, catalog);
    expect(calls).toBe(3);
    expect(findings.map((x) => x.message)).toEqual([
      'job a: reusable-x.yml has no input "brnach" (it declares: branch)',
      'job a: reusable-x.yml requires input "branch"',
      'job a: reusable-x.yml has no secret "OTHER" (it declares: TOKEN, OPTIONAL)',
      'job a: reusable-x.yml requires secret "TOKEN"',
      'job c: uses exegol/actions/.github/workflows/missing.yml@v1, but there is no reusable workflow .github/workflows/missing.yml (on: workflow_call)',
    ]);
  });
});

test('checkRunExpressions: every ${{ }} in run:, untrusted ones named so, env: left alone', () => {
  const f = file(
    'jobs:\n  j:\n    steps:\n      - env:\n          T: ${{ github.event.pull_request.title }}\n        run: echo "$T"\n      - run: |\n          echo ok\n          echo ${{ github.head_ref }} ${{ runner.temp }}\n',
  );
  const found = checkRunExpressions(f);
  expect(found.map((x) => [x.line, x.col])).toEqual([
    [9, 16],
    [9, 39],
  ]);
  expect(found[0]!.message).toContain('untrusted value');
  expect(found[1]!.message).not.toContain('untrusted');
});

test('checkPinnedActions: a SHA with a version comment; our actions, local ones and docker:// exempt', () => {
  const sha = 'a'.repeat(40);
  const f = file(
    `jobs:\n  j:\n    steps:\n      - uses: actions/checkout@${sha} # v4.2.2\n      - uses: actions/cache@${sha}\n      - uses: actions/cache@v4\n      - uses: exegol/actions/greet@v1\n      - uses: ./greet\n      - uses: docker://alpine:3\n  k:\n    uses: org/repo/.github/workflows/x.yml@main\n`,
  );
  expect(checkPinnedActions(f).map((x) => [x.line, x.message])).toEqual([
    [5, `job j: actions/cache@${sha} has no version comment after the SHA (# vX.Y.Z)`],
    [6, 'job j: actions/cache@v4 is not pinned to a full commit SHA (owner/repo@<40 hex> # vX.Y.Z)'],
    [
      11,
      'job k: org/repo/.github/workflows/x.yml@main is not pinned to a full commit SHA (owner/repo@<40 hex> # vX.Y.Z)',
    ],
  ]);
});

test('checkActionRuntimes: a node20 commit, an unknown commit, a commit of another action and a wrong comment fail; current pins pass', () => {
  const f = file(
    [
      'jobs:',
      '  j:',
      '    steps:',
      '      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      '      - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5',
      `      - uses: actions/cache@${'b'.repeat(40)} # v4.2.0`,
      '      - uses: actions/setup-node@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
      '      - uses: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v5.6.0',
      '      - uses: pypa/gh-action-pypi-publish@ed0c53931b1dc9bd32cbe73a98c7f6766f8a527e # v1.13.0',
      '      - uses: actions/checkout@v4',
      '      - uses: exegol/actions/greet@v1',
      '',
    ].join('\n'),
  );
  expect(checkActionRuntimes(f).map((x) => [x.line, x.message])).toEqual([
    [
      5,
      "job j: actions/checkout v4.2.2 runs on node20, deprecated on GitHub's runners. Pin actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1.",
    ],
    [
      6,
      "job j: actions/checkout v4 (as Exegol pins it) runs on node20, deprecated on GitHub's runners. Pin actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1.",
    ],
    [
      7,
      `job j: actions/cache@${'b'.repeat(40)} is not in the table of known third-party commits (packages/testkit/src/workflows/runtimes.ts): read that commit's action.yml (runs.using) and add it there.`,
    ],
    [
      8,
      'job j: commit 3d3c42e5aac5ba805825da76410c181273ba90b1 is actions/checkout v7.0.1, not actions/setup-node. Pin actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0.',
    ],
    [
      9,
      'job j: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 is actions/setup-python v7.0.0, but the comment says v5.6.0',
    ],
  ]);
});

test('checkPermissions and checkConcurrency', () => {
  const f = file('permissions:\n  contents: write\njobs:\n  a:\n    permissions: {}\n  b:\n    runs-on: x\n');
  expect(checkPermissions(f, { perJob: false })).toEqual([]);
  expect(checkPermissions(f, { perJob: true }).map((x) => x.message)).toEqual([
    'job b has no permissions: block (templates and reusable workflows state least-privilege permissions per job)',
    "workflow-level permissions grant every job the same rights: set `permissions: {}` here and each job's own below",
  ]);
  expect(checkConcurrency(f)).toHaveLength(1);
  expect(checkConcurrency(file('concurrency: x\njobs: {}\n'))).toEqual([]);
});

test('checkTemplateMetadata: each template has its properties, with the fields GitHub reads', () => {
  const dir = path.join(root, 'metadata');
  fs.mkdirSync(dir);
  const write = (f: string, text: string): void => fs.writeFileSync(path.join(dir, f), text);
  write('ok.yml', 'on: push\n');
  write(
    'ok.properties.json',
    JSON.stringify({
      name: 'Ok',
      description: 'd',
      iconName: 'octicon package',
      categories: ['Python'],
      filePatterns: ['^x$'],
    }),
  );
  write('icon.yml', 'on: push\n');
  write('icon.svg', '<svg/>');
  write('icon.properties.json', JSON.stringify({ name: 'Icon', description: 'd', iconName: 'icon' }));
  write('lonely.yml', 'on: push\n');
  write('bad.yml', 'on: push\n');
  write(
    'bad.properties.json',
    JSON.stringify({
      name: '',
      description: 'd',
      iconName: 'missing',
      categories: 'Python',
      filePatterns: ['('],
      colour: 1,
    }),
  );
  write('orphan.properties.json', '{');
  expect(checkTemplateMetadata(dir, root).map((x) => `${x.file}: ${x.message}`)).toEqual([
    'metadata/lonely.yml: no lonely.properties.json beside it: GitHub will not offer it as a template',
    'metadata/bad.properties.json: "name" must be a non-empty string',
    'metadata/bad.properties.json: unknown property "colour" (GitHub reads name, description, iconName, categories, filePatterns, creator, labels)',
    'metadata/bad.properties.json: iconName "missing" is neither "octicon <name>" nor an SVG file missing.svg beside it',
    'metadata/bad.properties.json: "categories" must be a list of strings',
    'metadata/bad.properties.json: filePatterns entry "(" is not a valid regular expression',
    'metadata/orphan.properties.json: no orphan.yml beside it',
    expect.stringMatching(/^metadata\/orphan\.properties\.json: not valid JSON/),
  ]);
});
