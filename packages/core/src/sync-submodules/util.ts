// Small helpers shared by the update and fork paths.
import { CommandError } from '../exec/index.ts';
import { shortSha } from '../text/index.ts';

/**
 * Seven characters here, against the eight of every other action: sync-submodules' end-to-end
 * tests assert seven, so the one length waits for a decision on those tests.
 */
export function short(sha: string): string {
  return shortSha(sha, 7);
}

/** A URL without any user or password in it. */
export function safeUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}

/** The useful line of a failed git command (exec's `reasonLine`), without its `fatal:`. */
export function describeGitError(error: unknown): string {
  const text = error instanceof CommandError ? error.reason : error instanceof Error ? error.message : String(error);
  return text.replace(/^fatal:\s*/, '');
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping their order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}
