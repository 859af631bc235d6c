// The YAML library, loaded on first use (most runs never parse YAML). It is CommonJS under Node,
// and a bundle's dynamic import of CommonJS puts the named exports on `default`; Node's own
// import puts them on both, so take `default` when it is there.
import type * as YamlModule from 'yaml';

type Yaml = typeof YamlModule;

export async function loadYaml(): Promise<Yaml> {
  const mod = (await import('yaml')) as Yaml & { default?: Yaml };
  return mod.default ?? mod;
}
