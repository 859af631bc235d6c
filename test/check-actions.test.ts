// check-actions must fail when an action's code and its action.yml disagree. The script runs
// against a copy of the actions as they are (it passes) and with a disagreement planted (it exits
// 1); each kind of disagreement is then planted in a copy of its own and must be found.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import { repoRoot } from '@exegol-actions/testkit/runner';
import { inputFindings } from '../scripts/action-inputs.ts';

const ACTIONS = fs.readdirSync(path.join(repoRoot, 'actions')).sort();
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

/** The actions' metadata and sources, the Prettier config, and a stand-in for each bundle. */
function copyOfActions(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'exegol-check-actions-'));
  copies.push(root);
  fs.copyFileSync(path.join(repoRoot, '.prettierrc.json'), path.join(root, '.prettierrc.json'));
  fs.mkdirSync(path.join(root, 'dist'));
  for (const name of ACTIONS) {
    fs.mkdirSync(path.join(root, name));
    fs.copyFileSync(path.join(repoRoot, name, 'action.yml'), path.join(root, name, 'action.yml'));
    fs.cpSync(path.join(repoRoot, 'actions', name, 'src'), path.join(root, 'actions', name, 'src'), {
      recursive: true,
    });
    fs.writeFileSync(path.join(root, 'dist', `${name}.js`), '');
  }
  return root;
}

function edit(root: string, file: string, from: string, to: string): void {
  const full = path.join(root, file);
  const text = fs.readFileSync(full, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(full, text.replace(from, to));
}

function checkActions(root: string): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-actions.ts', root], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: r.status, stderr: r.stderr };
}

test('check-actions passes the copy as it is, and exits 1 naming a planted disagreement', async () => {
  const clean = copyOfActions();
  const r = checkActions(clean);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  for (const name of ACTIONS) expect(await inputFindings(clean, name)).toEqual([]);

  const planted = copyOfActions();
  edit(planted, 'verify-version/action.yml', '    default: master', '    default: main');
  const failed = checkActions(planted);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain('actions/verify-version/src/inputs.generated.ts is stale');
});

test.each([
  {
    fault: 'a default changed in action.yml, the generated reader not regenerated',
    file: 'verify-version/action.yml',
    from: '    default: master',
    to: '    default: main',
    says: 'actions/verify-version/src/inputs.generated.ts is stale against verify-version/action.yml',
  },
  {
    fault: 'main.ts reads an input action.yml does not declare',
    file: 'actions/verify-version/src/main.ts',
    from: "inputs.text('tag-prefix')",
    to: "inputs.text('tag-prefix') + inputs.text('tag-suffix')",
    says: 'reads input "tag-suffix", which verify-version/action.yml does not declare',
  },
  {
    fault: 'an input declared and never read',
    file: 'actions/verify-version/src/main.ts',
    from: "const tagPrefix = inputs.text('tag-prefix');",
    to: "const tagPrefix = '';",
    says: 'verify-version/action.yml declares input "tag-prefix", which the action never reads',
  },
  {
    fault: 'a default written after the read',
    file: 'actions/verify-version/src/main.ts',
    from: "inputs.text('release-pr-title');",
    to: "inputs.text('release-pr-title') || 'Release {version}';",
    says: 'input "release-pr-title" falls back to \'Release {version}\'; its default belongs in action.yml',
  },
  {
    fault: 'a default written with ??',
    file: 'actions/bump-next-beta/src/main.ts',
    from: "inputs.text('commit-message');",
    to: "inputs.text('commit-message') ?? `Bump version to {version}`;",
    says: 'input "commit-message" falls back to `Bump version to {version}`',
  },
  {
    fault: 'a literal passed as the run-time fallback',
    file: 'actions/bump-next-beta/src/main.ts',
    from: "inputs.booleanOr('dry-run', ctx.act)",
    to: "inputs.booleanOr('dry-run', false)",
    says: 'input "dry-run" falls back to false',
  },
  {
    fault: 'an input read around the generated reader, with the old helper and its default',
    file: 'actions/verify-version/src/main.ts',
    from: "inputs.branch('release-branch')",
    to: "branchInput('release-branch', 'master')",
    says: 'reads an input with branchInput( instead of the generated reader',
  },
  {
    fault: 'a value the code allows that the description does not name',
    file: 'actions/verify-version/src/main.ts',
    from: "['warning', 'error']",
    to: "['warning', 'error', 'fatal']",
    says: 'input "test-file-mismatch" allows `fatal`, which its action.yml description does not name',
  },
  {
    fault: 'a default the code does not allow',
    file: 'actions/verify-version/src/main.ts',
    from: "['warning', 'error']",
    to: "['error']",
    says: 'input "test-file-mismatch" has the default "warning", which the code does not allow',
  },
])('check-actions finds $fault', async ({ file, from, to, says }) => {
  const root = copyOfActions();
  edit(root, file, from, to);
  const action = file.startsWith('actions/') ? file.split('/')[1]! : file.split('/')[0]!;
  const findings = await inputFindings(root, action);
  expect(findings.join('\n')).toContain(says);
});
