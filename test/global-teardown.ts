// A test once replaced /dev/null with a regular file (git writing "global" config into
// GIT_CONFIG_GLOBAL=/dev/null renames a lock file over it), which broke apt and later runs on the
// same machine. Fail the run loudly if any test does that again.
import * as fs from 'node:fs';

export default function globalTeardown(): void {
  if (!fs.statSync('/dev/null').isCharacterDevice()) {
    throw new Error(
      '/dev/null is no longer a character device: a test replaced it (look for GIT_CONFIG_GLOBAL=/dev/null with a config write). Restore it with: rm /dev/null && mknod -m 666 /dev/null c 1 3',
    );
  }
}
