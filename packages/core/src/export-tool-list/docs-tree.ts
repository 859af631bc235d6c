// The docs checkout's files, read and written through one guard: the checkout is someone else's
// tree, and a tracked symbolic link there must not lead a read or a write out of the workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActionError, resolveInside } from '../action/index.ts';
import { decodeUtf8, ListFileError } from '../lists/index.ts';
import type { Plan, Read } from './types.ts';

function docsFile(docs: string, rel: string): string {
  return resolveInside('docs-path', rel, { base: docs, label: `${JSON.stringify(rel)} in docs-path` });
}

/** A reader of the docs work tree, as it is checked out when it is called. */
export function docsReader(docs: string): Read {
  return (rel) => {
    const file = docsFile(docs, rel);
    if (!fs.existsSync(file)) return null;
    try {
      return decodeUtf8(fs.readFileSync(file));
    } catch (error) {
      if (error instanceof ListFileError)
        throw new ActionError(`${rel} in docs-path ${error.message}.`, { location: { file, line: error.line } });
      throw error;
    }
  };
}

/** Writes the files the plan changes into the docs work tree. */
export function writePlan(docs: string, plan: Plan): void {
  for (const f of plan.files) {
    if (f.before === f.after) continue;
    const file = docsFile(docs, f.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, f.after);
  }
}
