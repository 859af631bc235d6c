// Stand-in for `fs` inside @actions/core (see scripts/build.mjs): its summary module takes
// access, appendFile and writeFile out of fs.promises when it is imported, and fs.promises loads
// fs/promises with the streams and readline modules (about 4 ms at every start). An action
// writes its summary once, at its end: fs.promises loads then, at the first call.
import * as fs from 'node:fs';

export const { appendFileSync, constants, existsSync } = fs;

export const promises = {
  access: (...args: Parameters<typeof fs.promises.access>) => fs.promises.access(...args),
  appendFile: (...args: Parameters<typeof fs.promises.appendFile>) => fs.promises.appendFile(...args),
  writeFile: (...args: Parameters<typeof fs.promises.writeFile>) => fs.promises.writeFile(...args),
};
