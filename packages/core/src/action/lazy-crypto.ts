// Stand-in for `crypto` inside @actions/core (see scripts/build.mjs): @actions/core only calls
// randomUUID() for output delimiters, but importing node:crypto initialises OpenSSL at start-up
// (~5 ms, a sixth of bare Node's start). A built-in module can be required synchronously, so the
// real one loads at the first call instead.
import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';

const load = createRequire(import.meta.url);

export function randomUUID(): string {
  return (load('node:crypto') as typeof Crypto).randomUUID();
}
