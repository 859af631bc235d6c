// Small text helpers every job's messages use, so each is written once.

/** How many characters of a commit id messages show. */
export const SHORT_SHA_LENGTH = 8;

/** A commit id shortened for messages, as in `a1b2c3d4`. */
export function shortSha(sha: string, length = SHORT_SHA_LENGTH): string {
  return sha.slice(0, length);
}

/** The last non-empty line of a command's output, trimmed: where git puts the reason. */
export function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).pop() ?? '';
}
