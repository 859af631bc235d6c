// docker push against a registry that stops answering (issue 15): the real engine pushes through
// a proxy on 127.0.0.1 in front of the loopback registry that takes the manifest upload and never
// answers. Docker prints nothing while it waits, so the push is stopped after 15 stall limits
// without output (a 1 s limit here: 15 s), tried again, and then stops naming the limit and the
// input; nothing is tagged. Skipped loudly without the engine, except under CI=true.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  docker as dockerCli,
  dockerEnvironment,
  dockerTestsMustRun,
  listTags,
  skipBanner,
  uniqueRepository,
} from '@exegol-actions/testkit/docker';
import { stallProxy, type StallProxy } from '@exegol-actions/testkit/stall';
import { ActionError } from '../action/index.ts';
import { DEFAULT_STALL_SECONDS, setNetworkLimits } from '../net/index.ts';
import { detectEngine } from './engine.ts';
import { pushImage } from './push.ts';

const env = dockerEnvironment();
if (!env.ok && !dockerTestsMustRun()) console.warn(skipBanner(env.reason ?? 'unknown reason'));
const describeDocker = env.ok || dockerTestsMustRun() ? describe : describe.skip;

describeDocker('pushImage', () => {
  let proxy: StallProxy;
  const NS = uniqueRepository('push-stall');
  beforeAll(async () => {
    if (!env.ok) throw new Error(`the Docker test environment is not ready under CI=true: ${env.reason}`);
    setNetworkLimits({ stallSeconds: 1, input: 'network-timeout' });
    proxy = await stallProxy(`http://${env.registry}`, [
      { method: 'PUT', path: /\/manifests\//, mode: 'silent', times: Infinity },
    ]);
  });
  afterAll(async () => {
    setNetworkLimits({ stallSeconds: DEFAULT_STALL_SECONDS, input: null });
    await proxy?.close();
  });

  test('a manifest upload that is never answered: killed after 15 limits without output, tried again, then one clear stop; nothing tagged', async () => {
    const ref = `${proxy.host}/${NS}/stall:full-1.0.0-amd64`;
    dockerCli(env, ['tag', env.baseImage('amd64'), ref]);
    try {
      const engine = await detectEngine({ client: env.client, builder: 'auto' });
      const started = performance.now();
      const error = await pushImage(engine, ref, { attempts: 2, baseDelayMs: 10 }).then(
        () => null,
        (e: unknown) => e,
      );
      const seconds = (performance.now() - started) / 1000;
      expect(error).toBeInstanceOf(ActionError);
      expect((error as Error).message).toBe(
        `Pushing ${ref} stalled 2 time(s): docker printed nothing for 15 s (15 × the stall limit, input "network-timeout"). Re-run the job; if the service is only slow, raise "network-timeout" (now 1).`,
      );
      expect(proxy.stalled.filter((r) => r.startsWith('PUT'))).toHaveLength(2);
      expect(seconds).toBeGreaterThan(29);
      expect(seconds).toBeLessThan(60);
      expect(await listTags(env.registry, `${NS}/stall`)).toEqual([]);
    } finally {
      dockerCli(env, ['rmi', ref], { allowFailure: true });
    }
  }, 90_000);
});
