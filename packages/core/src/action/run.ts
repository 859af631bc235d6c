// The frame every action's entry runs in: one place that turns failures into annotations.
import * as path from 'node:path';
import * as core from '@actions/core';
import type { CommandError } from '../exec/index.ts';
import { ActionError } from './errors.ts';
import { applyNetworkTimeoutInput, workspace } from './inputs.ts';

/** Where a bug in these actions is reported. */
export const ISSUES_URL = 'https://github.com/exegol/actions/issues';

export function annotationPath(file: string): string {
  const rel = path.relative(workspace(), path.resolve(workspace(), file));
  return rel.split(path.sep).join('/');
}

/** Reports an error as exactly one `::error` annotation, at the file and line when known. */
export function reportError(error: unknown, title?: string): void {
  if (error instanceof ActionError) {
    const loc = error.location;
    core.error(error.message, {
      title,
      file: loc ? annotationPath(loc.file) : undefined,
      startLine: loc?.line,
      startColumn: loc?.column,
    });
    return;
  }
  // Not a failure the action foresaw: a bug. The stack goes to the debug log (re-run with debug
  // logging), the one line of what happened to the annotation. A command's failure names the
  // command and its own reason line (exec's CommandError; by name, to load no exec at start).
  const err = error instanceof Error ? error : new Error(String(error));
  core.debug(err.stack ?? err.message);
  const what =
    err.name === 'CommandError'
      ? `${(err as CommandError).command} failed: ${(err as CommandError).reason}`
      : err.message.split('\n')[0];
  core.error(
    `Unexpected error: ${what}. This is a bug in the action: please report it at ${ISSUES_URL} with this log (re-run the job with debug logging for the stack trace).`,
    { title },
  );
}

/** Runs an action's main; a thrown error fails the step with one annotation. */
export async function runAction(name: string, main: () => Promise<void>): Promise<void> {
  try {
    // Before anything can touch the network: every git, API, registry and Docker call of the step obeys it.
    applyNetworkTimeoutInput();
    await main();
  } catch (error) {
    reportError(error, name);
    process.exitCode = 1;
  }
}
