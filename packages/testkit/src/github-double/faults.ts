// Ready-made GitHub failures for fault injection (GitHubDouble.injectFault): the status,
// headers and body GitHub answers with when it fails.

export interface FaultResponse {
  status: number;
  /** A function is called when the fault fires (rate-limit reset times are relative to then). */
  headers?: Record<string, string> | (() => Record<string, string>);
  body?: unknown;
}

const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** Ready-made GitHub failures, to spread into `injectFault({ operationId, times, ...faults.x() })`. */
export const faults = {
  serverError(status: 500 | 502 | 503 | 504 = 502): FaultResponse {
    const text: Record<number, string> = {
      500: 'Server Error',
      502: 'Bad Gateway',
      503: 'Service Unavailable',
      504: 'Gateway Timeout',
    };
    return { status, body: { message: text[status] } };
  },

  /** The primary limit: what Octokit's throttling plugin recognises (remaining 0, a reset time). */
  rateLimit(retryAfterSeconds = 1, status: 403 | 429 = 429): FaultResponse {
    return {
      status,
      headers: () => ({
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + retryAfterSeconds),
        'x-ratelimit-resource': 'core',
      }),
      body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: RATE_LIMIT_DOCS },
    };
  },

  secondaryRateLimit(retryAfterSeconds = 1, status: 403 | 429 = 403): FaultResponse {
    return {
      status,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
          'If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
        documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
      },
    };
  },

  alreadyExists(resource = 'Release', field = 'tag_name'): FaultResponse {
    return {
      status: 422,
      body: { message: 'Validation Failed', errors: [{ resource, code: 'already_exists', field }] },
    };
  },

  /** A ref or release that vanished between two calls. */
  notFound(): FaultResponse {
    return { status: 404, body: { message: 'Not Found' } };
  },

  forbidden(acceptedPermissions = 'contents=write'): FaultResponse {
    return {
      status: 403,
      headers: { 'x-accepted-github-permissions': acceptedPermissions },
      body: { message: 'Resource not accessible by integration' },
    };
  },
};
