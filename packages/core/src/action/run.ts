// The frame every action's entry runs in: one place that turns failures into annotations.
import * as path from 'node:path';
import * as core from '@actions/core';
import { ActionError } from './errors.ts';
import { applyNetworkTimeoutInput, workspace } from './inputs.ts';

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
  const err = error instanceof Error ? error : new Error(String(error));
  core.debug(err.stack ?? err.message);
  core.error(`${err.message} (this is a bug in the action if the message does not say how to fix it)`, { title });
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
