// Request validation with openapi-backend against the trimmed spec, reported the way GitHub
// words it ("Invalid request.\n\n<details>") so callers' error handling sees the real shape.
import OpenAPIBackendModule, { type ValidationResult } from 'openapi-backend';

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

export class RequestValidator {
  private constructor(private readonly api: Backend) {}

  /**
   * `quick` skips validating the definition itself (0.7 s) and compiles each operation's
   * validator on first use; `checkDefinition` runs the slow full check, done once when the
   * trimmed spec is built.
   */
  static async create(definition: object, { checkDefinition = false } = {}): Promise<RequestValidator> {
    const api = new OpenAPIBackend({
      definition: structuredClone(definition) as never,
      quick: !checkDefinition,
      strict: checkDefinition,
      coerceTypes: true,
      ajvOpts: { allErrors: true },
      customizeAjv: addGitHubFormats,
    });
    await api.init();
    return new RequestValidator(api);
  }

  /** GitHub-worded problems with the request; empty when it is valid. */
  validate(parts: RequestParts): string[] {
    // Rebuild the path from the template so parameters holding `/` (refs) parse as one value.
    const path = parts.template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(parts.params[name] ?? ''));
    const result = this.api.validateRequest(
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
    const data = { requestBody: parts.body, query: parts.query, path: parts.params };
    // A failed `oneOf` also reports each branch's failure; the branch details are what help.
    const useful = errors.filter((e) => e.keyword !== 'oneOf' || errors.length === 1);
    return [...new Set(useful.map((e) => describe(e, data)))];
  }

  /** Names of an operation's query parameters (the rest of a flat parameter object is body). */
  queryParameterNames(operationId: string): string[] {
    const op = this.api.getOperation(operationId);
    return (op?.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'query' ? [p.name] : []));
  }
}

function describe(error: ErrorObject, data: Record<string, unknown>): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [area, ...rest] = segments;
  const where = area === 'requestBody' ? ['properties', ...rest].join('/') : segments.join('/');
  const value = segments.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      if (area === 'query') return `"${params.additionalProperty}" is not a query parameter of this operation (GitHub would silently ignore it).`;
      return rest.length
        ? `"${params.additionalProperty}" is not a permitted key in '${rest.join('/')}'.`
        : `"${params.additionalProperty}" is not a permitted key.`;
    case 'required':
      if (!area) return `The ${params.missingProperty === 'requestBody' ? 'request body' : String(params.missingProperty)} wasn't supplied.`;
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
