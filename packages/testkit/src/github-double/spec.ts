// GitHub's own OpenAPI description is the judge of every request the double receives.
// The full file is 13 MB and openapi-backend needs ~0.6 s and 165 MB to load it, so each start
// uses two cheap extracts of it, cached on disk: the route list of every GitHub operation (to
// tell "GitHub has no such route" from "the double does not implement it") and a trimmed spec
// holding only the implemented operations and the components they reference. The trimmed
// operations keep what a request is judged by (parameters, request body) and drop response
// schemas: the double writes its responses itself, and some of GitHub's response schemas do not
// even compile in Ajv ("nullable" without "type").
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Route {
  method: string;
  template: string;
  operationId: string;
  documentationUrl: string;
  /** Path parameters GitHub marks `x-multi-segment` (refs, branches: they may contain `/`). */
  multiSegment: string[];
}

export interface SpecExtract {
  specVersion: string;
  routes: Route[];
  /** An OpenAPI 3.0 document with only the implemented operations, request bodies as GitHub describes them. */
  trimmed: JsonObject;
}

const require = createRequire(import.meta.url);
const SPEC_PATH = require.resolve('@octokit/openapi/generated/api.github.com.json');
const SPEC_VERSION = (require('@octokit/openapi/package.json') as { version: string }).version;
// Bump when the extract's shape or the closing rules change, so stale caches are not reused.
const EXTRACT_FORMAT = 6;
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/exegol-github-double/', import.meta.url));
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/** A name or an id of GitHub's description: always a string there; anything else names nothing. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * `verify` runs on a freshly built extract before it is cached (the double checks there, once,
 * that the trimmed document is still a valid OpenAPI description).
 */
export async function loadSpecExtract(
  operationIds: readonly string[],
  { verify }: { verify?: (extract: SpecExtract) => Promise<unknown> } = {},
): Promise<SpecExtract> {
  const ids = [...new Set(operationIds)].sort();
  const key = createHash('sha256').update(JSON.stringify({ ids, EXTRACT_FORMAT })).digest('hex').slice(0, 16);
  const cacheFile = path.join(CACHE_DIR, `${SPEC_VERSION}-${key}.json`);
  try {
    return JSON.parse(await readFile(cacheFile, 'utf8')) as SpecExtract;
  } catch {
    // No cache yet (or a torn one): build it from the full description below.
  }
  const full = JSON.parse(await readFile(SPEC_PATH, 'utf8')) as JsonObject;
  const extract: SpecExtract = { specVersion: SPEC_VERSION, routes: listRoutes(full), trimmed: trimSpec(full, ids) };
  await verify?.(extract);
  await mkdir(CACHE_DIR, { recursive: true });
  // Jest workers start doubles in parallel: write aside and rename, so no reader sees half a file.
  const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, JSON.stringify(extract));
  await rename(tmp, cacheFile);
  return extract;
}

function listRoutes(full: JsonObject): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(full.paths as JsonObject)) {
    for (const method of METHODS) {
      const op = (item as JsonObject)[method] as JsonObject | undefined;
      if (!op) continue;
      const docs = (op.externalDocs as JsonObject | undefined)?.url;
      const multiSegment = ((op.parameters ?? []) as JsonObject[])
        .map((p) =>
          typeof p.$ref === 'string'
            ? (((full.components as JsonObject).parameters as JsonObject)[p.$ref.split('/').pop()!] as JsonObject)
            : p,
        )
        .filter((p) => p['x-multi-segment'] === true)
        .map((p) => text(p.name));
      routes.push({
        method: method.toUpperCase(),
        template,
        operationId: text(op.operationId),
        documentationUrl: typeof docs === 'string' ? docs : 'https://docs.github.com/rest',
        multiSegment,
      });
    }
  }
  return routes;
}

function trimSpec(full: JsonObject, ids: readonly string[]): JsonObject {
  const wanted = new Set(ids);
  const paths: JsonObject = {};
  for (const [template, item] of Object.entries(full.paths as JsonObject)) {
    for (const method of METHODS) {
      const op = (item as JsonObject)[method] as JsonObject | undefined;
      if (!op || !wanted.has(text(op.operationId))) continue;
      wanted.delete(text(op.operationId));
      const copy = structuredClone(op);
      delete copy['x-github'];
      copy.responses = { default: { description: 'See the full description in @octokit/openapi.' } };
      const body = copy.requestBody as JsonObject | undefined;
      for (const media of Object.values((body?.content ?? {}) as JsonObject)) {
        const m = media as JsonObject;
        delete m.examples;
        if (m.schema) m.schema = dropExamples(inlineRefs(m.schema, full));
      }
      paths[template] = { ...(paths[template] as JsonObject | undefined), [method]: copy };
    }
  }
  if (wanted.size)
    throw new Error(`GitHub's OpenAPI description ${SPEC_VERSION} has no operation ${[...wanted].join(', ')}`);

  const components: Record<string, JsonObject> = {};
  const pending: string[] = [];
  const seen = new Set<string>();
  const collect = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && !seen.has(v)) {
        seen.add(v);
        pending.push(v);
      } else collect(v);
    }
  };
  collect(paths);
  while (pending.length) {
    const ref = pending.pop()!;
    const [, , kind, name] = ref.split('/');
    if (!kind || !name) continue;
    const value = structuredClone(((full.components as JsonObject)[kind] as JsonObject)[name]!);
    (components[kind] ??= {})[name] = value;
    collect(value);
  }
  return {
    openapi: full.openapi!,
    info: full.info!,
    servers: full.servers!,
    paths,
    components: components,
  };
}

/** Request bodies are copied with their `$ref`s resolved, so closing them cannot leak into a
 *  component that responses share. */
function inlineRefs(schema: Json, full: JsonObject, depth = 0): Json {
  if (depth > 20) throw new Error('request body schema nests too deep to inline');
  if (Array.isArray(schema)) return schema.map((s) => inlineRefs(s, full, depth + 1));
  if (!schema || typeof schema !== 'object') return schema;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const [, , kind, name] = ref.split('/');
    return inlineRefs(((full.components as JsonObject)[kind!] as JsonObject)[name!]!, full, depth + 1);
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inlineRefs(v, full, depth + 1)]));
}

function dropExamples(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(dropExamples);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => k !== 'example' && k !== 'examples')
      .map(([k, v]) => [k, k === 'properties' ? propertiesOf(v) : dropExamples(v)]),
  );
}

// A property named `example` is a property, not an annotation.
function propertiesOf(properties: Json): Json {
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) return properties;
  return Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, dropExamples(s)]));
}

/**
 * For strict mode: every object schema that lists its properties is closed, so a key the
 * description does not name is refused instead of ignored as GitHub ignores it. Branches of an
 * `allOf` are left open: each lists only part of the properties. Request bodies are inlined
 * copies (see inlineRefs), so closing them cannot leak into a component responses share.
 */
export function closeObjects(schema: Json, insideAllOf = false): Json {
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s, insideAllOf));
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, closeObjects(s)]));
    } else if (k === 'allOf') out[k] = closeObjects(v, true);
    else out[k] = closeObjects(v);
  }
  if (out.properties && !insideAllOf && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

/**
 * The route table: templates compiled to anchored regexes. A parameter matches one path segment;
 * a second pass lets the parameters GitHub marks multi-segment (refs and branches, which contain
 * `/` when a client does not encode it) span several segments, the way GitHub resolves them.
 */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  strict: RegExp;
  loose: RegExp | null;
  names: string[];
  /** Characters outside parameters: `releases/latest` is more specific than `releases/{release_id}`. */
  literalLength: number;
}

export class RouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names = [...route.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const build = (loose: boolean) =>
        new RegExp(
          `^${route.template
            .split(/(\{[^}]+\})/)
            .map((part) => {
              const name = /^\{([^}]+)\}$/.exec(part)?.[1];
              if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
              return loose && route.multiSegment.includes(name) ? '(.+?)' : '([^/]+?)';
            })
            .join('')}/?$`,
        );
      const loose = route.multiSegment.length ? build(true) : null;
      const literalLength = route.template.replace(/\{[^}]+\}/g, '').length;
      return { route, strict: build(false), loose, names, literalLength };
    });
  }

  /** All routes whose template matches the path, whatever their method, most specific first. */
  match(pathname: string): RouteMatch[] {
    for (const pass of ['strict', 'loose'] as const) {
      const found: Array<RouteMatch & { literalLength: number }> = [];
      for (const c of this.compiled) {
        const m = c[pass]?.exec(pathname);
        if (!m) continue;
        const params: Record<string, string> = {};
        try {
          c.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
        } catch {
          continue; // a malformed %-escape names nothing GitHub has
        }
        found.push({ route: c.route, params, literalLength: c.literalLength });
      }
      if (found.length)
        return found.sort((a, b) => b.literalLength - a.literalLength).map(({ route, params }) => ({ route, params }));
    }
    return [];
  }

  /** The template of an operation, for calls made without HTTP. */
  find(operationId: string): Route | undefined {
    return this.compiled.find((c) => c.route.operationId === operationId)?.route;
  }
}
