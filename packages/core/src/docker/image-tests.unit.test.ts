import { describe, expect, test } from '@jest/globals';
import { mapLimit, testCommands } from './image-tests.ts';

describe('test-command files', () => {
  test('blank lines and comments are skipped, duplicates run once, order kept', () => {
    expect(
      testCommands("nbtscan 127.0.0.1\n\n# comment\n  samdump2 -h|& grep 'enable debugging'\r\nnbtscan 127.0.0.1\n"),
    ).toEqual(['nbtscan 127.0.0.1', "samdump2 -h|& grep 'enable debugging'"]);
  });

  test('mapLimit never runs more than the limit at once and keeps order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 1], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n * 5));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 10]);
    expect(peak).toBe(2);
  });
});
