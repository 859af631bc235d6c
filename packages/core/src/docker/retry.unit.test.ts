import { describe, expect, test } from '@jest/globals';
import { delayFor, RetriesExhausted, transientByText, withRetry } from './retry.ts';

describe('retry', () => {
  test('what Docker and the network print is classified', () => {
    expect(transientByText('received unexpected HTTP status: 503 Service Unavailable').retry).toBe(true);
    expect(transientByText('toomanyrequests: You have reached your pull rate limit').retry).toBe(true);
    expect(transientByText('read tcp 1.2.3.4:5->6.7.8.9:443: read: connection reset by peer').retry).toBe(true);
    expect(transientByText('denied: requested access to the resource is denied').retry).toBe(false);
    expect(transientByText('unauthorized: authentication required').retry).toBe(false);
  });

  test('retries transient failures with a growing delay, then gives up with the count', async () => {
    let calls = 0;
    const policy = { attempts: 3, baseDelayMs: 5 };
    const ok = await withRetry(
      'op',
      policy,
      async () => (++calls < 3 ? Promise.reject(new Error('503')) : 'done'),
      () => ({ retry: true, reason: 'HTTP 503' }),
    );
    expect([ok, calls]).toEqual(['done', 3]);
    calls = 0;
    const err = await withRetry(
      'op',
      policy,
      () => {
        calls++;
        return Promise.reject(new Error('503'));
      },
      () => ({ retry: true, reason: 'HTTP 503' }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExhausted);
    expect((err as RetriesExhausted).attempts).toBe(3);
    expect(calls).toBe(3);
  });

  test('a permanent failure is not retried', async () => {
    let calls = 0;
    await expect(
      withRetry(
        'op',
        { attempts: 5, baseDelayMs: 1 },
        () => {
          calls++;
          return Promise.reject(new Error('403'));
        },
        () => ({ retry: false, reason: 'HTTP 403' }),
      ),
    ).rejects.toThrow('403');
    expect(calls).toBe(1);
  });

  test('delays double, stay capped, and honour Retry-After', () => {
    const p = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 3000 };
    expect(delayFor(p, 1)).toBeGreaterThanOrEqual(800);
    expect(delayFor(p, 1)).toBeLessThanOrEqual(1200);
    expect(delayFor(p, 2)).toBeGreaterThanOrEqual(1600);
    expect(delayFor(p, 5)).toBeLessThanOrEqual(3000);
    expect(delayFor(p, 1, 7000)).toBe(7000);
  });
});
