// Writes each action's typed input reader from its action.yml (see action-inputs.ts).
//
//   tsx scripts/inputs.ts           write actions/<name>/src/inputs.generated.ts
//   tsx scripts/inputs.ts --check   fail, naming the files, when one is stale
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionNames, GENERATED, renderReader } from './action-inputs.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const stale: string[] = [];
for (const name of actionNames(root)) {
  const file = path.join(root, 'actions', name, 'src', GENERATED);
  const text = await renderReader(root, name);
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
  stale.push(path.relative(root, file));
  if (!check) fs.writeFileSync(file, text);
}
if (check && stale.length) {
  console.error(`Stale against action.yml (run pnpm run inputs):\n${stale.join('\n')}`);
  process.exit(1);
}
console.log(check ? 'Input readers match action.yml.' : `${stale.length} input reader(s) written.`);
