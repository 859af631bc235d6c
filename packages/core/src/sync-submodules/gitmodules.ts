// Where things are in a .gitmodules file, read line by line (git's own reading gives the values,
// not their lines), so that an annotation can point at a submodule's section or its branch line.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where each `[submodule "name"]` section and its `branch =` line are, for annotations. */
export interface GitmodulesLocation {
  file: string;
  header: number;
  url?: number;
  branch?: number;
}

export function gitmodulesLocations(file: string, prefix?: string): Map<string, GitmodulesLocation> {
  const out = new Map<string, GitmodulesLocation>();
  if (!fs.existsSync(file)) return out;
  const shown = prefix ? path.join(prefix, '.gitmodules') : file;
  let current: GitmodulesLocation | null = null;
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const header = /^\s*\[\s*submodule\s+"((?:[^"\\]|\\.)*)"\s*\]/.exec(line);
      if (header) {
        current = { file: shown, header: i + 1 };
        out.set(header[1]!.replace(/\\(.)/g, '$1'), current);
      } else if (/^\s*\[/.test(line)) current = null;
      else if (current && /^\s*branch\s*=/i.test(line)) current.branch = i + 1;
      else if (current && /^\s*url\s*=/i.test(line)) current.url = i + 1;
    });
  return out;
}
