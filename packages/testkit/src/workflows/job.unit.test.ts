import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate, runJob, type JobWorkspace } from './index.ts';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'run-job-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function workflow(text: string): string {
  const file = path.join(root, `wf-${Math.random().toString(36).slice(2)}.yml`);
  fs.writeFileSync(file, text);
  return file;
}

function workspace(): JobWorkspace {
  const dir = fs.mkdtempSync(path.join(root, 'ws-'));
  return {
    dir,
    step: () => ({
      workspace: dir,
      repository: 'ThePorgs/Exegol',
      ref: 'refs/heads/dev',
      sha: '0'.repeat(40),
      env: {},
    }),
  };
}

describe('evaluate: GitHub expressions', () => {
  test('contexts, operators, fromJSON, status functions', () => {
    expect(
      evaluate("github.event_name == 'pull_request' && !github.event.pull_request.draft", {
        github: { event_name: 'pull_request', event: { pull_request: { draft: false } } },
      }),
    ).toBe(true);
    expect(evaluate('secrets.BOT || github.token', { secrets: {}, github: { token: 't' } })).toBe('t');
    expect(evaluate('fromJSON(inputs.list)', { inputs: { list: '["dev","dev-images"]' } })).toEqual([
      'dev',
      'dev-images',
    ]);
    expect(evaluate('failure()', {}, { failed: true })).toBe(true);
  });
});

describe('runJob', () => {
  const file = (): string =>
    workflow(`
env:
  FLAG: 'on'
jobs:
  j:
    if: github.ref_type == 'branch'
    outputs:
      greeting: \${{ steps.hello.outputs.text }}
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          ref: \${{ github.ref_name }}
      - id: hello
        env:
          WHO: \${{ matrix.who }}
        run: echo "text=hello $WHO ($FLAG)" >> "$GITHUB_OUTPUT"
      - name: Only when asked
        if: env.FLAG == 'off'
        run: exit 3
      - name: From the internet
        run: pip install something
      - name: Rewritten
        run: pdm run -v echo rewritten
      - name: Fails
        run: echo failing; exit 4
      - name: After a failure
        run: echo never
      - name: Always
        if: always()
        run: echo cleanup
`);

  test('if:, ${{ }} in with/env/outputs, GITHUB_OUTPUT, steps not run here, a rewrite, a failure stopping the job but not always()', async () => {
    const seen: Record<string, string>[] = [];
    const job = await runJob({
      workflow: file(),
      job: 'j',
      github: {
        ref: 'refs/heads/dev',
        ref_name: 'dev',
        ref_type: 'branch',
        repository: 'ThePorgs/Exegol',
        event_name: 'push',
      },
      matrix: { who: 'exegol' },
      token: 'ghs_x',
      checkout: (inputs) => {
        seen.push(inputs);
        return Promise.resolve(workspace());
      },
      notRunHere: { 'From the internet': 'PyPI' },
      rewrite: { Rewritten: { from: 'pdm run -v ', to: '', reason: 'no pdm here' } },
    });
    expect(seen).toEqual([{ ref: 'dev' }]);
    expect(job.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['actions/checkout', 'success'],
      ['echo "text=hello $WHO ($FLAG)" >> "$GITHUB_OUTPUT"', 'success'],
      ['Only when asked', 'skipped'],
      ['From the internet', 'not-run-here'],
      ['Rewritten', 'success'],
      ['Fails', 'failure'],
      ['After a failure', 'skipped'],
      ['Always', 'success'],
    ]);
    expect(job.result).toBe('failure');
    expect(job.outputs).toEqual({ greeting: 'hello exegol (on)' });
    expect(job.step('Rewritten')).toMatchObject({ rewritten: 'no pdm here', script: 'echo rewritten' });
    expect(job.step('From the internet').reason).toBe('PyPI');
    expect(job.step('Fails').exitCode).toBe(4);
  });

  test('a job whose if: is false is skipped without running anything', async () => {
    let checkouts = 0;
    const job = await runJob({
      workflow: file(),
      job: 'j',
      github: { ref: 'refs/tags/5.1.4', ref_type: 'tag', repository: 'ThePorgs/Exegol', event_name: 'push' },
      token: 'ghs_x',
      checkout: () => {
        checkouts++;
        return Promise.resolve(workspace());
      },
    });
    expect(job).toMatchObject({ result: 'skipped', steps: [], outputs: {} });
    expect(checkouts).toBe(0);
  });

  test('a third-party action it does not run and no reason given: a loud error', async () => {
    const wf = workflow(
      'jobs:\n  j:\n    steps:\n      - uses: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0\n',
    );
    await expect(
      runJob({ workflow: wf, job: 'j', github: {}, token: 't', checkout: () => Promise.resolve(workspace()) }),
    ).rejects.toThrow('third-party action this runner does not run: give the reason in notRunHere');
  });
});
