// The merge step on the local registry, against the hand-written shell it replaces
// (`docker manifest create` + `docker manifest push`, as Exegol's workflows do it), interleaved in
// one run so machine noise falls on all alike. Every request goes through the recording proxy, so
// each variant also reports how many blobs it downloaded and whether any was a layer.
// Not a test: a measurement, printed and returned (for bench/run.ts).
//
//   pnpm exec tsx bench/merge.ts [runs]        (needs scripts/setup-docker.sh)
import * as fs from 'node:fs';
import {
  docker,
  dockerEnvironment,
  FaultProxy,
  readManifest,
  skipBanner,
  tempDir,
  uniqueRepository,
} from '@exegol-actions/testkit/docker';
import { runAction } from '@exegol-actions/testkit/runner';
import { mergeManifests, RegistryClient, parseReference, withTag } from '@exegol-actions/core/docker';
import { run } from '@exegol-actions/core/exec';

export interface MergeTiming {
  variant: string;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  requests: number;
  blobGets: number;
  layersPulled: number;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export async function measureMerge(runs = 15): Promise<MergeTiming[]> {
  const env = dockerEnvironment();
  if (!env.ok) throw new Error(skipBanner(env.reason ?? 'unknown'));
  const proxy = await FaultProxy.start(env.registry);
  const repo = `${uniqueRepository('bench')}/exegol`;
  const direct = `${env.registry}/${repo}`;
  const viaProxy = `${proxy.address}/${repo}`;
  // The arch images: the busybox bases, pushed under Exegol-style arch tags.
  for (const arch of ['amd64', 'arm64']) {
    docker(env, ['tag', env.baseImage(arch), `${direct}:bench-1.0.0-${arch}`]);
    docker(env, ['push', `${direct}:bench-1.0.0-${arch}`]);
    docker(env, ['image', 'rm', `${direct}:bench-1.0.0-${arch}`]);
  }
  const layers = new Set<string>();
  for (const arch of ['amd64', 'arm64'])
    for (const l of (await readManifest(env.registry, repo, `bench-1.0.0-${arch}`)).json?.layers ?? [])
      layers.add(l.digest);
  const sources = ['amd64', 'arm64'].map((a) => `${viaProxy}:bench-1.0.0-${a}`);
  const workspace = tempDir('bench-merge-');
  const dockerConfig = tempDir('bench-docker-config-');

  const variants: Record<string, (i: number) => Promise<void>> = {
    // The action as a runner runs it: a fresh node process and the committed bundle.
    'action (bundle, new process)': async (i) => {
      const run = await runAction({
        action: 'multi-arch-image-build',
        workspace,
        inputs: { step: 'merge', image: viaProxy, sources: sources.join('\n'), tags: `action-${i}` },
        env: { DOCKER_CONFIG: dockerConfig },
      });
      if (run.exitCode !== 0) throw new Error(`merge failed: ${run.stdout}`);
    },
    // The core function in a warm process: the registry round trips alone.
    'core mergeManifests (warm)': async (i) => {
      const client = new RegistryClient({ retry: { attempts: 1, baseDelayMs: 1 } });
      const image = parseReference(viaProxy, 'image');
      await mergeManifests(client, {
        sources: sources.map((s) => parseReference(s, 'sources')),
        targets: [withTag(image, `core-${i}`)],
      });
    },
    // What it replaces: docker manifest create + push.
    'baseline: docker manifest create + push': async (i) => {
      const target = `${viaProxy}:shell-${i}`;
      for (const args of [
        ['manifest', 'create', '--insecure', target, ...sources],
        ['manifest', 'push', '--insecure', '--purge', target],
      ]) {
        // Not spawnSync: the proxy answering it runs in this very process.
        await run(env.client, args, { env: { DOCKER_CONFIG: dockerConfig } });
      }
    },
  };

  const samples = new Map<string, number[]>(Object.keys(variants).map((v) => [v, []]));
  const traffic = new Map<string, { requests: number; blobGets: number; layersPulled: number }>();
  for (let i = 0; i < runs + 2; i++) {
    const warm = i < 2;
    for (const [name, fn] of Object.entries(variants)) {
      proxy.resetLog();
      const start = process.hrtime.bigint();
      await fn(i);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (warm) continue;
      samples.get(name)!.push(ms);
      const gets = proxy.blobGets();
      traffic.set(name, {
        requests: proxy.requests.length,
        blobGets: gets.length,
        layersPulled: gets.filter((d) => layers.has(d)).length,
      });
    }
  }
  await proxy.close();
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(dockerConfig, { recursive: true, force: true });
  return Object.keys(variants).map((variant) => {
    const s = samples.get(variant)!;
    return {
      variant,
      medianMs: quantile(s, 0.5),
      p90Ms: quantile(s, 0.9),
      minMs: Math.min(...s),
      ...traffic.get(variant)!,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 15);
  const rows = await measureMerge(runs);
  console.log(`merge of 2 arch images into one list on the local registry, ${runs} interleaved runs each:\n`);
  console.log('| variant | median | p90 | min | requests | blob GETs | layers pulled |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.variant} | ${r.medianMs.toFixed(0)} ms | ${r.p90Ms.toFixed(0)} ms | ${r.minMs.toFixed(0)} ms | ${r.requests} | ${r.blobGets} | ${r.layersPulled} |`,
    );
  }
}
