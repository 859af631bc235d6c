// The main job: an offline rehearsal of an Exegol wrapper release. It builds look-alike
// repositories with real git remotes in a temporary folder, then runs the actions' committed
// bundles the way a workflow chains them, printing each step's job summary.
//
//   pnpm run rehearsal            (or ./tasks.sh rehearsal)
//   pnpm run rehearsal -- --keep  keep the temporary repositories and print where they are
import { GitSandbox } from '@exegol-actions/testkit/git';
import { runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';
import { wrapperTree } from '@exegol-actions/testkit/fixtures';

const keep = process.argv.includes('--keep');
const started = performance.now();
const rows: { step: string; result: string; seconds: string }[] = [];

function progress(text: string): void {
  process.stdout.write(`\n\x1b[1m▶ ${text}\x1b[0m\n`);
}

/** Shows a run the way the Actions UI would: annotations, then the job summary. */
function show(step: string, run: ActionRun, expectFailure = false): void {
  for (const a of run.annotations) {
    const where = a.file ? ` ${a.file}${a.line ? `:${a.line}` : ''}` : '';
    console.log(`  ${a.level.toUpperCase()}${where}: ${a.message}`);
  }
  console.log(run.summary.replace(/^/gm, '  │ '));
  const failed = run.exitCode !== 0;
  rows.push({ step, result: failed ? (expectFailure ? 'failed, as expected' : 'FAILED') : 'passed', seconds: (run.durationMs / 1000).toFixed(2) });
  if (failed !== expectFailure) {
    console.error(run.stdout, run.stderr);
    throw new Error(`${step}: exit ${run.exitCode}, expected ${expectFailure ? 'a failure' : 'success'}`);
  }
}

const sandbox = await GitSandbox.create('exegol-rehearsal-');
try {
  progress('Creating a look-alike Exegol wrapper with a bare remote (history 5.1.2, 5.1.3, release 5.1.4)');
  const remote = await sandbox.bare('Exegol');
  const maintainer = await sandbox.repo('maintainer', remote);
  for (const v of ['5.1.2', '5.1.3']) {
    await maintainer.commit(`Release ${v}`, { files: wrapperTree({ version: v }) });
    await maintainer.tag(v);
  }
  await maintainer.commit('Version 5.1.4b1', { files: wrapperTree({ version: '5.1.4b1', spawn: '2b' }) });
  const release = await maintainer.commit('Release 5.1.4', { files: wrapperTree({ version: '5.1.4' }) });
  await maintainer.tag('5.1.4');
  await maintainer.pushAll();

  const base = (ref: string, sha: string, name: string): Promise<RunActionOptions> =>
    sandbox.checkout(remote, ref, { name }).then((c) => ({ action: 'verify-version', workspace: c.dir, ref, sha, env: sandbox.env(), repository: 'ThePorgs/Exegol' }));

  progress('verify-version on the tag push 5.1.4 (shallow checkout, as actions/checkout makes it)');
  show('verify-version @ 5.1.4', await runAction(await base('refs/tags/5.1.4', release, 'tag-5.1.4')));

  progress('A mistake: the maintainer tags 5.1.5 while ConstantConfig still says 5.1.5b1 and spawn.sh says 2b');
  const beta = await maintainer.commit('Version 5.1.5b1', { files: wrapperTree({ version: '5.1.5b1', spawn: '2b' }) });
  await maintainer.tag('5.1.5');
  await maintainer.pushAll();
  show('verify-version @ 5.1.5 (beta files)', await runAction(await base('refs/tags/5.1.5', beta, 'tag-5.1.5')), true);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  progress(`Rehearsal done in ${seconds} s`);
  console.table(rows);
  if (keep) console.log(`Repositories kept in ${sandbox.root}`);
} finally {
  if (!keep) sandbox.cleanup();
}
