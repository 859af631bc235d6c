// Retries for registry traffic, kept next to the calls they protect: a registry that answers 429
// or 5xx, or drops the connection, usually answers the same request a moment later; one that
// answers 401, 403 or 404 will not, and retrying it only hides the real message.
import * as log from '../action/index.ts';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubled each time, with ±20 % jitter. */
  baseDelayMs: number;
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2000, maxDelayMs: 30_000 };

export interface Verdict {
  retry: boolean;
  /** Short reason for the log: `HTTP 503`, `connection reset`. */
  reason: string;
  /** What the server asked for (Retry-After), honoured up to a minute. */
  afterMs?: number;
}

export class RetriesExhausted extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'RetriesExhausted';
  }
}

const TRANSIENT_TEXT = [
  /\b(429|500|502|503|504)\b/,
  /toomanyrequests|too many requests/i,
  /internal server error|bad gateway|service unavailable|gateway time-?out/i,
  /connection reset|broken pipe|unexpected EOF|\bEOF\b|i\/o timeout|TLS handshake timeout|connection refused|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up|fetch failed/i,
];

/** Classifies a failure by its text: what Docker's client prints, or a network error's message. */
export function transientByText(text: string): Verdict {
  for (const re of TRANSIENT_TEXT) {
    const m = re.exec(text);
    if (m) return { retry: true, reason: m[0] };
  }
  return {
    retry: false,
    reason:
      text
        .split('\n')
        .find((l) => l.trim())
        ?.trim()
        .slice(0, 120) ?? 'failed',
  };
}

export function delayFor(policy: RetryPolicy, attempt: number, afterMs?: number): number {
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  const jittered = exp * (0.8 + Math.random() * 0.4);
  const capped = Math.min(jittered, policy.maxDelayMs ?? 30_000);
  return Math.round(afterMs !== undefined ? Math.max(capped, Math.min(afterMs, 60_000)) : capped);
}

/**
 * Runs `fn` until it succeeds, its failure is not transient, or the attempts are spent. Each retry
 * is logged with its reason and delay, so a slow job says why it is slow.
 */
export async function withRetry<T>(
  what: string,
  policy: RetryPolicy,
  fn: (attempt: number) => Promise<T>,
  classify: (error: unknown) => Verdict,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const verdict = classify(error);
      if (!verdict.retry) throw error;
      if (attempt >= policy.attempts) {
        const msg = error instanceof Error ? error.message : String(error);
        throw new RetriesExhausted(
          `${what} failed ${attempt} time(s), the last with ${verdict.reason}: ${msg}`,
          attempt,
          { cause: error },
        );
      }
      const delay = delayFor(policy, attempt, verdict.afterMs);
      log.info(
        `${what}: ${verdict.reason}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.attempts})`,
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
