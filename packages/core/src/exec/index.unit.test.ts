import { describe, expect, test } from '@jest/globals';
import { CommandError, run } from './index.ts';

describe('run', () => {
  test('returns output and exit code; throws a CommandError naming two words only', async () => {
    const ok = await run('sh', ['-c', 'printf out; printf err >&2']);
    expect(ok).toMatchObject({ code: 0, stdout: 'out', stderr: 'err' });
    const err = await run('sh', ['-c', 'echo secret-value-here >&2; exit 4', 'arg']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).message).toMatch(/^sh -c echo secret-value-here >&2; exit 4 failed \(exit 4\)/);
    const redacted = await run('sh', ['-c', 'echo token-1234 >&2; exit 1'], { secrets: ['token-1234'] }).catch(
      (e: CommandError) => e.message,
    );
    expect(redacted).not.toContain('token-1234');
  });

  test('feeds standard input', async () => {
    expect((await run('sh', ['-c', 'read x; echo "got $x"'], { input: 'abc\n' })).stdout).toBe('got abc\n');
  });

  test('kills a command at its time limit and says so', async () => {
    const started = performance.now();
    const r = await run('sleep', ['10'], { timeoutMs: 200, allowFailure: true });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(r).toMatchObject({ code: -1, timedOut: true });
    const thrown = await run('sleep', ['10'], { timeoutMs: 100 }).catch((e: CommandError) => e);
    expect(thrown).toBeInstanceOf(CommandError);
    expect((thrown as CommandError).message).toMatch(/timed out after 0\.\d s/);
  });

  test('hands on each line as it arrives, from both streams, the last one without newline too', async () => {
    const lines: string[] = [];
    await run('sh', ['-c', 'echo one; echo two >&2; printf three'], { onLine: (l, s) => lines.push(`${s}:${l}`) });
    expect(lines.sort()).toEqual(['stderr:two', 'stdout:one', 'stdout:three']);
  });

  test('kills a command that prints nothing for its idle limit, and not one that keeps printing', async () => {
    const started = performance.now();
    const silent = await run('sleep', ['10'], { idleTimeoutMs: 300, allowFailure: true });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(silent).toMatchObject({ code: -1, timedOut: true, idle: true });
    const thrown = await run('sleep', ['10'], { idleTimeoutMs: 300 }).catch((e: CommandError) => e);
    expect((thrown as CommandError).message).toMatch(/^sleep 10 printed nothing for 0 s and was stopped/);
    // 1 s in all, a line every 0.1 s: never 0.3 s without output.
    const busy = await run('sh', ['-c', 'for i in 1 2 3 4 5 6 7 8 9 10; do echo $i; sleep 0.1; done'], {
      idleTimeoutMs: 300,
    });
    expect(busy.code).toBe(0);
  });

  test('a missing tool is a clear error', async () => {
    await expect(run('no-such-tool-exegol', [])).rejects.toThrow(/no-such-tool-exegol: command not found/);
  });
});
