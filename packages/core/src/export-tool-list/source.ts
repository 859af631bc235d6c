// Where the list comes from: a file in the workspace, or a file inside an image, copied out of
// a container that is created, never started, and always removed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActionError, InputError, resolveInside } from '../action/index.ts';
import { describeDockerLimit, dockerIdleMs, stallAdvice } from '../net/index.ts';
import { CommandError, run } from '../exec/index.ts';

export type Source = { kind: 'file'; file: string; input: string } | { kind: 'image'; image: string; path: string };

export interface SourceContent {
  bytes: Buffer;
  /** The image's labels (empty for a file): `org.exegol.build_date` can supply the build date. */
  labels: Record<string, string>;
  /** How messages name the source: a workspace path, or `image:path`. */
  describe: string;
}

/** The last three lines of a failed docker command's output, on one line, for messages. */
function failureDetail(error: unknown): string {
  const text = error instanceof CommandError ? (error.result.stderr || error.result.stdout).trim() : String(error);
  return text.split('\n').slice(-3).join(' ');
}

/**
 * Copies `file` out of `image` into `dest`: `docker create` (which pulls a missing image), then
 * `docker cp`, then `docker rm` whatever happened, so no container is left behind.
 */
export async function copyFromImage(
  image: string,
  file: string,
  dest: string,
): Promise<{ labels: Record<string, string> }> {
  let id: string;
  try {
    // A container is only created, never started: the command given is never run, and lets an
    // image without CMD or ENTRYPOINT be created too.
    // It may pull: a pull that prints nothing for the Docker stall limit is stopped.
    id = (await run('docker', ['create', image, 'true'], { idleTimeoutMs: dockerIdleMs() })).stdout.trim();
  } catch (error) {
    if (error instanceof CommandError && error.result.idle) {
      throw new ActionError(
        `Pulling ${image} stalled: docker printed nothing for ${describeDockerLimit()}. ${stallAdvice()}`,
      );
    }
    const detail = failureDetail(error);
    if (/Cannot connect to the Docker daemon|docker: not found|ENOENT|Unable to locate executable/i.test(detail)) {
      throw new InputError(
        'image',
        `needs a Docker engine, and there is none here (${detail})`,
        'Run on a runner with Docker, or export the file in an earlier step and give its path as tools-csv.',
      );
    }
    // Not found locally, and the pull failed (no such image, no access, no network).
    throw new InputError(
      'image',
      `${JSON.stringify(image)} cannot be used: ${detail}`,
      'Give an image reference that exists locally or in a registry the runner can pull from (build or pull it in an earlier step).',
    );
  }
  try {
    const copied = await run('docker', ['cp', '--follow-link', `${id}:${file}`, dest], { allowFailure: true });
    if (copied.code !== 0) {
      const detail = (copied.stderr || copied.stdout).trim();
      throw new InputError(
        'image-path',
        `${JSON.stringify(file)} is not in image ${image} (${detail.split('\n').pop()})`,
        'Check that the image installs its tools list there, or set image-path.',
      );
    }
    if (!fs.statSync(dest).isFile()) {
      throw new InputError(
        'image-path',
        `${JSON.stringify(file)} is a folder in image ${image}`,
        'Give the path of the CSV file itself.',
      );
    }
    const inspect = await run('docker', ['inspect', '--format', '{{json .Config.Labels}}', id]);
    const labels = (JSON.parse(inspect.stdout.trim() || 'null') ?? {}) as Record<string, string>;
    return { labels };
  } finally {
    await run('docker', ['rm', '--force', id], { allowFailure: true });
  }
}

export async function readSource(source: Source, tempDir: string): Promise<SourceContent> {
  if (source.kind === 'file') {
    if (!fs.existsSync(source.file))
      throw new InputError(
        source.input,
        `${source.file} does not exist`,
        'Give the path of the CSV file, relative to the workspace.',
      );
    if (!fs.statSync(source.file).isFile())
      throw new InputError(source.input, `${source.file} is not a file`, 'Give the path of the CSV file itself.');
    return { bytes: fs.readFileSync(source.file), labels: {}, describe: source.file };
  }
  const dir = fs.mkdtempSync(path.join(tempDir, 'export-tool-list-'));
  try {
    const dest = path.join(dir, path.posix.basename(source.path) || 'list.csv');
    const { labels } = await copyFromImage(source.image, source.path, dest);
    // --follow-link resolves a link inside the image; a link that still arrives as one would be
    // read through on the runner, and open one of its files.
    if (fs.lstatSync(dest).isSymbolicLink()) {
      resolveInside('image-path', dest, {
        roots: [dir],
        label: `${JSON.stringify(source.path)} in image ${source.image}`,
        mustExist: true,
      });
    }
    return { bytes: fs.readFileSync(dest), labels, describe: `${source.image}:${source.path}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
