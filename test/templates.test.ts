// The workflow templates as a user gets them: each copied into a sample repository shaped like
// the Exegol repository it is for, then linted there with the same tool CI uses on this
// repository (actionlint, GitHub's parser, the calls of our actions, this repository's rules).
// Also: the checks catch what they must, the reusable workflows stay in step with the templates,
// the documented callers and event payloads stay right, and the shell the templates carry runs.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { wrapperTree } from '@exegol-actions/testkit/fixtures';
import { repoRoot } from '@exegol-actions/testkit/runner';
import {
  actionsByJob,
  actionFiles,
  checkRunExpressions,
  loadYamlFile,
  workflowFiles,
  type Finding,
} from '@exegol-actions/testkit/workflows';

const run = promisify(execFile);
const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const TEMPLATES = ['wrapper', 'images', 'docs', 'resources'] as const;
type Template = (typeof TEMPLATES)[number];

interface LintReport {
  files: number;
  calls: number;
  findings: Finding[];
}

/** scripts/lint-workflows.ts on another checkout, as a user would run it on their repository. */
async function lint(root: string): Promise<LintReport> {
  const res = await run(
    process.execPath,
    [tsx, path.join(repoRoot, 'scripts/lint-workflows.ts'), '--root', root, '--json'],
    { cwd: repoRoot, maxBuffer: 16 << 20 },
  ).catch((e: { stdout?: string; stderr?: string; code?: number }) => {
    if (e.code === 1 && e.stdout) return { stdout: e.stdout, stderr: e.stderr ?? '' };
    throw e;
  });
  return JSON.parse(res.stdout) as LintReport;
}

const readTemplate = (name: Template): string =>
  fs.readFileSync(path.join(repoRoot, 'workflows-templates', `${name}.yml`), 'utf8');

/** Files that make a sample repository look like the Exegol one the template is for. */
function sampleFiles(name: Template): Record<string, string> {
  switch (name) {
    case 'wrapper':
      return {
        ...wrapperTree({ version: '5.1.4' }),
        'exegol.py': 'from exegol.manager.ExegolController import main\n',
        'pyproject.toml': '[project]\nname = "Exegol"\ndynamic = ["version"]\n',
      };
    case 'images':
      return {
        Dockerfile: 'FROM debian:12\nARG TAG\nARG VERSION\n',
        'light.dockerfile': 'FROM debian:12\n',
        'sources/install/common.sh': '#!/bin/bash\n',
      };
    case 'docs':
      return {
        'package.json': '{"scripts":{"docs:build":"vitepress build docs"}}\n',
        'package-lock.json': '{}\n',
        cloudflare_redirects: '/ /first-steps 302\n',
        'docs/src/index.md': '# Exegol\n',
      };
    case 'resources':
      return {
        '.gitmodules':
          '[submodule "sources/windows/mimikatz"]\n\tpath = sources/windows/mimikatz\n\turl = https://github.com/gentilkiwi/mimikatz\n',
        'resources_list.csv': 'Resource,Link,Description\n',
      };
  }
}

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('templates-');
});
afterAll(() => sandbox.cleanup());

async function sampleRepo(name: string, files: Record<string, string>): Promise<TestRepo> {
  const repo = await sandbox.repo(name);
  await repo.commit('Initial import', { files });
  return repo;
}

/** How many steps or jobs of a workflow call our actions or reusable workflows. */
function ourCalls(text: string): number {
  return (text.match(/^\s*(?:- )?uses: (?:exegol\/actions\/|\.\/)/gm) ?? []).length;
}

describe.each(TEMPLATES)('the %s template, copied into a repository', (name) => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await sampleRepo(`Exegol-${name}`, sampleFiles(name));
    repo.write({ [`.github/workflows/${name}.yml`]: readTemplate(name) });
    await repo.commit(`Add the ${name} pipeline`);
  });

  test('lints clean there: actionlint, GitHub parser, every call of our actions', async () => {
    const report = await lint(repo.dir);
    expect(report.findings).toEqual([]);
    expect(report.files).toBe(1);
    // Every call was checked against an action.yml, none skipped (the docs pipeline is plain git).
    expect(report.calls).toBe(ourCalls(readTemplate(name)));
    if (name !== 'docs') expect(report.calls).toBeGreaterThan(0);
  }, 120_000);

  test('its metadata makes GitHub suggest it for such a repository', () => {
    const props = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'workflows-templates', `${name}.properties.json`), 'utf8'),
    ) as { filePatterns: string[] };
    const rootFiles = fs.readdirSync(repo.dir);
    expect(props.filePatterns.some((p) => rootFiles.some((f) => new RegExp(p).test(f)))).toBe(true);
  });

  test('has an event payload for each of its triggers', () => {
    const on = (parseYaml(readTemplate(name)) as { on: Record<string, unknown> }).on;
    const events = fs.readdirSync(path.join(repoRoot, 'test/events'));
    for (const trigger of Object.keys(on)) {
      const prefix = `${name}-${trigger.replace(/_/g, '-')}`;
      expect(events.filter((f) => f.startsWith(prefix))).not.toEqual([]);
    }
  });
});

describe('the checks catch what they must', () => {
  let findings: Finding[];
  beforeAll(async () => {
    // The wrapper template with the mistakes a maintainer could make while editing it.
    let text = readTemplate('wrapper');
    const edits: [string, string][] = [
      // an untrusted pull request title pasted into a script
      [
        '        run: pdm run -v mypy ./exegol.py --ignore-missing-imports --check-untyped-defs --pretty',
        '        run: echo "${{ github.event.pull_request.title }}" && mypy exegol.py',
      ],
      // a branch name in a script
      ['        run: pdm run -v pytest tests', '        run: pdm run -v pytest tests -k "${{ github.head_ref }}"'],
      // an input the action does not have
      ["          require-stable: 'true'\n", "          require-stable: 'true'\n          stable-only: 'true'\n"],
      // an action pinned to a moving tag
      ['actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0', 'actions/setup-python@v5'],
      // an action on node20 (checkout v4.2.2, what the templates pinned before)
      [
        'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
        'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      ],
      // a commit nobody read
      [
        'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0',
        `actions/upload-artifact@${'c'.repeat(40)} # v7.0.0`,
      ],
    ];
    for (const [from, to] of edits) {
      expect(text).toContain(from);
      text = text.replace(from, to);
    }
    text = text.replace(
      '      - uses: exegol/actions/sync-submodules@v1\n        with:\n          mode: check\n          on-behind: fail\n',
      '      - uses: exegol/actions/multi-arch-image-build@v1\n        with:\n          profile: full\n',
    );
    const repo = await sampleRepo('Exegol-broken', sampleFiles('wrapper'));
    repo.write({ '.github/workflows/wrapper.yml': text });
    findings = (await lint(repo.dir)).findings;
  }, 120_000);

  const messages = (check: string): string[] => findings.filter((f) => f.check === check).map((f) => f.message);

  test('a pull request title or branch name inside run:', () => {
    expect(messages('run-expression')).toEqual([
      expect.stringContaining('github.event.pull_request.title'),
      expect.stringContaining('github.head_ref'),
    ]);
    expect(findings.filter((f) => f.check === 'actionlint/expression')).toHaveLength(2);
  });

  test('an unknown input, a missing required one', () => {
    expect(messages('action-call')).toEqual(
      expect.arrayContaining([
        expect.stringContaining('verify-version has no input "stable-only"'),
        expect.stringContaining('multi-arch-image-build requires input "step"'),
        expect.stringContaining('multi-arch-image-build requires input "image"'),
      ]),
    );
  });

  test('a third-party action not pinned to a commit', () => {
    expect(messages('pinned-actions')).toEqual([expect.stringContaining('actions/setup-python@v5 is not pinned')]);
  });

  test('a third-party action on node20, or at a commit not in the table of known ones', () => {
    expect(messages('action-runtime')).toEqual([
      expect.stringContaining(
        "job testing: actions/checkout v4.2.2 runs on node20, deprecated on GitHub's runners. Pin actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1.",
      ),
      expect.stringContaining(
        `job build-n-install: actions/upload-artifact@${'c'.repeat(40)} is not in the table of known third-party commits`,
      ),
    ]);
  });

  test('each finding points at its line', () => {
    for (const f of findings) expect(f.line).toBeGreaterThan(1);
  });
});

describe('every workflow and template of this repository', () => {
  test('has no ${{ github.event.* }}, head_ref or title-like expression inside a run: block', () => {
    const files = workflowFiles(repoRoot).map((f) => loadYamlFile(f, repoRoot));
    expect(files.length).toBeGreaterThanOrEqual(TEMPLATES.length * 2);
    const all = files.flatMap((f) => checkRunExpressions(f));
    expect(all).toEqual([]);
    // And the check above reads run: blocks at all: a known script is seen.
    const docs = files.find((f) => f.rel === 'workflows-templates/docs.yml')!;
    expect(docs.text).toContain('echo "deploy=false" >> "$GITHUB_OUTPUT"');
  });

  test('each reusable workflow runs the jobs of its template with the same actions', () => {
    // The template's own jobs: PyPI trusted publishing cannot run from a reusable workflow.
    const templateOnly: Record<Template, string[]> = {
      wrapper: ['nightly', 'pypi'],
      images: [],
      docs: [],
      resources: [],
    };
    for (const name of TEMPLATES) {
      const template = actionsByJob(loadYamlFile(path.join(repoRoot, 'workflows-templates', `${name}.yml`), repoRoot));
      const reusable = actionsByJob(
        loadYamlFile(path.join(repoRoot, '.github/workflows', `reusable-${name}.yml`), repoRoot),
      );
      expect(Object.keys(template).sort()).toEqual([...Object.keys(reusable), ...templateOnly[name]].sort());
      for (const job of Object.keys(reusable))
        expect({ name, job, actions: reusable[job] }).toEqual({ name, job, actions: template[job] });
    }
  });
});

describe('docs/reusable-workflows.md', () => {
  test('its caller examples lint clean in a repository', async () => {
    const text = fs.readFileSync(path.join(repoRoot, 'docs/reusable-workflows.md'), 'utf8');
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(TEMPLATES.length);
    const repo = await sampleRepo('callers', { 'README.md': 'callers\n' });
    repo.write(Object.fromEntries(blocks.map((b, i) => [`.github/workflows/caller-${TEMPLATES[i]}.yml`, b])));
    await repo.commit('Callers');
    const report = await lint(repo.dir);
    expect(report.findings).toEqual([]);
    expect(report.calls).toBe(TEMPLATES.length);
  }, 120_000);
});

describe('test/events', () => {
  test('is what pnpm run events writes', async () => {
    const res = await run(process.execPath, [tsx, path.join(repoRoot, 'scripts/make-events.ts'), '--check'], {
      cwd: repoRoot,
    });
    expect(res.stdout).toContain('up to date');
  }, 60_000);

  test('each payload names an Exegol repository and no example one', () => {
    for (const f of fs.readdirSync(path.join(repoRoot, 'test/events'))) {
      const text = fs.readFileSync(path.join(repoRoot, 'test/events', f), 'utf8');
      const payload = JSON.parse(text) as { repository: { full_name: string } };
      expect(payload.repository.full_name).toMatch(/^ThePorgs\/Exegol(-images|-docs|-resources)?$/);
      expect(text).not.toMatch(/Codertocat|Hello-World|octo-org|octo-repo/);
    }
  });

  test('every payload file has its act recipe in docs/local-testing.md', () => {
    const doc = fs.readFileSync(path.join(repoRoot, 'docs/local-testing.md'), 'utf8');
    for (const f of fs.readdirSync(path.join(repoRoot, 'test/events'))) {
      const template = f.split('-')[0];
      expect(doc).toMatch(
        new RegExp(`-W \\$EA/workflows-templates/${template}\\.yml -e \\$EA/test/events/${f.replace(/\./g, '\\.')}`),
      );
    }
  });
});

describe('@github/local-action', () => {
  const envDir = path.join(repoRoot, 'docs/local-action');

  test('every action has an example .env naming only inputs it declares', () => {
    const actions = actionFiles(repoRoot).map((f) => path.basename(path.dirname(f)));
    expect(actions).toContain('verify-version');
    for (const name of actions) {
      const file = path.join(envDir, `${name}.env`);
      expect({ name, exists: fs.existsSync(file) }).toEqual({ name, exists: true });
      const inputs = Object.keys(
        (
          parseYaml(fs.readFileSync(path.join(repoRoot, name, 'action.yml'), 'utf8')) as {
            inputs: Record<string, unknown>;
          }
        ).inputs,
      );
      const given = [...fs.readFileSync(file, 'utf8').matchAll(/^INPUT_([A-Z0-9_-]+)=/gm)].map((m) =>
        m[1]!.toLowerCase(),
      );
      expect(given.length).toBeGreaterThan(0);
      for (const input of given)
        expect({ name, input, declared: inputs.includes(input) }).toEqual({ name, input, declared: true });
      // Actions that write default to a dry run only under act: local-action needs it said.
      if (inputs.includes('dry-run'))
        expect({ name, dryRun: given.includes('dry-run') }).toEqual({ name, dryRun: true });
    }
  });

  test('the root package.json names pnpm, which local-action reads to run the actions', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { packageManager?: string };
    expect(pkg.packageManager).toMatch(/^pnpm@/);
    // The first package.json above an action's public folder is the root's.
    for (const f of actionFiles(repoRoot))
      expect(fs.existsSync(path.join(path.dirname(f), 'package.json'))).toBe(false);
  });

  test('runs verify-version from its sources with the example environment', async () => {
    const workspace = await sampleRepo('local-action-wrapper', wrapperTree({ version: '5.1.4' }));
    const out = path.join(sandbox.root, 'local-action');
    fs.mkdirSync(out);
    const env = fs
      .readFileSync(path.join(envDir, 'verify-version.env'), 'utf8')
      .replace(/^GITHUB_WORKSPACE=.*$/m, `GITHUB_WORKSPACE=${workspace.dir}`)
      .replace(/\/tmp\/exegol-local\//g, `${out}/`);
    fs.writeFileSync(path.join(out, 'verify-version.env'), env);
    const res = await run(
      'bash',
      [path.join(repoRoot, 'scripts/local-action.sh'), 'verify-version', path.join(out, 'verify-version.env')],
      {
        cwd: repoRoot,
        env: { ...process.env, ...sandbox.env(), NO_COLOR: '1' },
        maxBuffer: 16 << 20,
      },
    );
    // local-action's own table of what the stubbed @actions/core recorded.
    const outputs = res.stdout.slice(res.stdout.indexOf('Action Outputs'));
    expect(outputs).toMatch(/'version'\s*│\s*'5\.1\.4'/);
    expect(outputs).toMatch(/'next-beta'\s*│\s*'5\.1\.5b1'/);
    expect(fs.readFileSync(path.join(out, 'verify-version-summary.md'), 'utf8')).toContain('5.1.4');
  }, 180_000);
});
