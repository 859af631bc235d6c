// Request validation with openapi-backend against the trimmed spec, reported the way GitHub
// words it ("Invalid request.\n\n<details>") so callers' error handling sees the real shape.
// Two readings of the same description: as GitHub wrote it (unknown keys pass, as GitHub
// ignores them) and closed (strict mode refuses them, and the default mode lists them).
import OpenAPIBackendModule, { type ValidationResult } from 'openapi-backend';
import { closeObjects, type JsonObject } from './spec.ts';

// openapi-backend is CommonJS; under ESM its class sits on `default` (twice under some loaders).
type BackendClass = typeof OpenAPIBackendModule;
const OpenAPIBackend: BackendClass =
  (OpenAPIBackendModule as unknown as { default?: BackendClass }).default ?? OpenAPIBackendModule;
type Backend = InstanceType<BackendClass>;
type ErrorObject = NonNullable<ValidationResult['errors']>[number];

export interface RequestParts {
  operationId: string;
  template: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Parsed JSON body, or undefined for none (and for binary uploads, which are not schema-checked). */
  body: unknown;
}

// Formats that GitHub's description uses and Ajv does not know by default.
function addGitHubFormats(ajv: Parameters<NonNullable<ConstructorParameters<BackendClass>[0]['customizeAjv']>>[0]) {
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
  ajv.addFormat('repo.nwo', /^[\w.-]+\/[\w.-]+$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:/i);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  return ajv;
}

/** A body or query key GitHub's description does not name: GitHub ignores it, strict mode refuses it. */
export interface IgnoredKey {
  where: 'body' | 'query';
  /** `draf`, or `tagger/when` for a key inside an object. */
  key: string;
}

export type Verdict =
  | { status: 400 | 422; message: string; ignored: IgnoredKey[] }
  | { status: null; message: null; ignored: IgnoredKey[] };

export class RequestValidator {
  private constructor(
    /** The request bodies as GitHub's description has them: open unless GitHub closes them. */
    private readonly described: Backend,
    /** The same with every listed object closed (strict mode, and finding ignored keys). */
    private readonly closed: Backend,
  ) {}

  /**
   * `quick` skips validating the definition itself (0.7 s) and compiles each operation's
   * validator on first use; `checkDefinition` runs the slow full check, done once when the
   * trimmed spec is built.
   */
  static async create(definition: JsonObject, { checkDefinition = false } = {}): Promise<RequestValidator> {
    const backend = async (doc: JsonObject) => {
      const api = new OpenAPIBackend({
        definition: structuredClone(doc) as never,
        quick: !checkDefinition,
        strict: checkDefinition,
        coerceTypes: true,
        ajvOpts: { allErrors: true },
        customizeAjv: addGitHubFormats,
      });
      await api.init();
      return api;
    };
    return new RequestValidator(await backend(definition), await backend(closeRequestBodies(definition)));
  }

  /**
   * How GitHub answers the request's shape, in the order it checks (the troubleshooting guide,
   * https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api):
   * - an operation without a request body refuses any body key ("\"enabled\" is not a permitted
   *   key", measured on PUT .../immutable-releases and POST .../enforce_admins);
   * - a body that is not a JSON object where the operation takes one: 400 "Body should be a
   *   JSON object";
   * - missing required parameters, wrong types, values outside an enum, and keys an object
   *   GitHub describes as closed does not have: 422 "Invalid request.\n\n<details>";
   * - other unknown keys (body or query) are ignored, as GitHub does; they are returned in
   *   `ignored` so a test can still look. `strict` refuses them with 422 instead.
   */
  judge(parts: RequestParts, { strict }: { strict: boolean }): Verdict {
    const described = this.described.getOperation(parts.operationId);
    const body = parts.body;
    const bodySchema =
      described?.requestBody && 'content' in described.requestBody
        ? described.requestBody.content['application/json']?.schema
        : undefined;
    if (body !== undefined && !described?.requestBody) {
      const keys = isPlainObject(body) ? Object.keys(body) : [];
      if (!isPlainObject(body) || keys.length) {
        const problems = keys.length
          ? keys.map((k) => `"${k}" is not a permitted key.`)
          : ['This operation takes no request body.'];
        return { status: 422, message: `Invalid request.\n\n${problems.join('\n')}`, ignored: [] };
      }
      return { status: null, message: null, ignored: [] };
    }
    if (
      body !== undefined &&
      bodySchema &&
      'type' in bodySchema &&
      bodySchema.type === 'object' &&
      !isPlainObject(body)
    ) {
      return { status: 400, message: 'Body should be a JSON object', ignored: [] };
    }

    const closedErrors = this.errors(this.closed, parts);
    const unknown = closedErrors.filter((e) => e.keyword === 'additionalProperties');
    const ignored = unknown.map((e) => ignoredKey(e)).filter((k): k is IgnoredKey => k !== null);
    if (strict) {
      const problems = this.describeAll(closedErrors, parts);
      return problems.length
        ? { status: 422, message: `Invalid request.\n\n${problems.join('\n')}`, ignored }
        : { status: null, message: null, ignored };
    }
    // GitHub's own closed objects (additionalProperties: false in its description) still refuse.
    const describedErrors = this.errors(this.described, parts).filter(
      (e) => !(e.keyword === 'additionalProperties' && e.instancePath.startsWith('/query')),
    );
    const problems = this.describeAll(describedErrors, parts);
    if (problems.length) return { status: 422, message: `Invalid request.\n\n${problems.join('\n')}`, ignored: [] };
    return { status: null, message: null, ignored };
  }

  /** GitHub-worded problems with the request, strict: unknown keys included. Empty when valid. */
  validate(parts: RequestParts): string[] {
    return this.describeAll(this.errors(this.closed, parts), parts);
  }

  /** Names of an operation's query parameters (the rest of a flat parameter object is body). */
  queryParameterNames(operationId: string): string[] {
    const op = this.described.getOperation(operationId);
    return (op?.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'query' ? [p.name] : []));
  }

  private errors(api: Backend, parts: RequestParts): ErrorObject[] {
    // Rebuild the path from the template so parameters holding `/` (refs) parse as one value.
    const path = parts.template.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(parts.params[name] ?? ''),
    );
    const result = api.validateRequest(
      {
        method: 'unused', // validateRequest is given the operation; the method is not looked at
        path,
        headers: parts.body === undefined ? {} : { 'content-type': 'application/json' },
        query: parts.query,
        body: parts.body as never,
      },
      parts.operationId,
    );
    const errors = result.errors ?? [];
    // A failed `oneOf` also reports each branch's failure; the branch details are what help.
    return errors.filter((e) => e.keyword !== 'oneOf' || errors.length === 1);
  }

  private describeAll(errors: ErrorObject[], parts: RequestParts): string[] {
    const data = { requestBody: parts.body, query: parts.query, path: parts.params };
    return [...new Set(errors.map((e) => describe(e, data)))];
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function closeRequestBodies(definition: JsonObject): JsonObject {
  const copy = structuredClone(definition);
  for (const item of Object.values(copy.paths as JsonObject)) {
    for (const op of Object.values(item as JsonObject)) {
      const content = ((op as JsonObject).requestBody as JsonObject | undefined)?.content as JsonObject | undefined;
      for (const media of Object.values(content ?? {})) {
        const m = media as JsonObject;
        if (m.schema) m.schema = closeObjects(m.schema);
      }
    }
  }
  return copy;
}

function ignoredKey(error: ErrorObject): IgnoredKey | null {
  const [area, ...rest] = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const name = String((error.params as Record<string, unknown>).additionalProperty);
  if (area === 'query') return { where: 'query', key: name };
  if (area === 'requestBody') return { where: 'body', key: [...rest, name].join('/') };
  return null;
}

function describe(error: ErrorObject, data: Record<string, unknown>): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [area, ...rest] = segments;
  const where = area === 'requestBody' ? ['properties', ...rest].join('/') : segments.join('/');
  const value = segments.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], data);
  // Ajv's params for the keywords below (its ErrorObject leaves them untyped).
  const params = error.params as {
    additionalProperty?: string;
    missingProperty?: string;
    type?: string | string[];
    allowedValues?: unknown[];
  };
  switch (error.keyword) {
    case 'additionalProperties':
      if (area === 'query')
        return `"${params.additionalProperty}" is not a query parameter of this operation (GitHub would silently ignore it).`;
      return rest.length
        ? `"${params.additionalProperty}" is not a permitted key in '${rest.join('/')}'.`
        : `"${params.additionalProperty}" is not a permitted key.`;
    case 'required':
      if (!area)
        return `The ${params.missingProperty === 'requestBody' ? 'request body' : params.missingProperty} wasn't supplied.`;
      return `"${params.missingProperty}" wasn't supplied.`;
    case 'type':
      return `For '${where}', ${JSON.stringify(value)} is not ${article(String(params.type))}.`;
    case 'enum':
      return `For '${where}', ${JSON.stringify(value)} is not a member of ${JSON.stringify(params.allowedValues)}.`;
    default:
      return `For '${where}', ${JSON.stringify(value)} ${error.message ?? 'is invalid'}.`;
  }
}

function article(type: string): string {
  const t = type.replace(/,/g, ' or ');
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}
