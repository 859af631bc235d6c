// Signing keys for tags, held only for as long as one step needs them.
//
// A key comes from a secret: an SSH private key, or an armored GPG private key. It is loaded into
// a throwaway agent in a private temporary folder (ssh-agent for SSH; a fresh GNUPGHOME and its
// gpg-agent for GPG), so the runner's own keyrings and agents are never touched, and `close()`
// stops the agent and deletes the folder. The passphrase reaches the agent through a pipe or the
// environment of one child process: never a command line, never a file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../exec/index.ts';
import type { GitOptions } from './types.ts';

export type SigningKeyKind = 'ssh' | 'gpg';

/** The key cannot be used; `field` says whether the key or its passphrase is at fault. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
  constructor(
    readonly field: 'key' | 'passphrase',
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem}. ${fix}`);
  }
}

const SSH_HEADER = /^-----BEGIN (?:OPENSSH|RSA|EC|DSA|ENCRYPTED)? ?PRIVATE KEY-----$/m;
const GPG_HEADER = /^-----BEGIN PGP PRIVATE KEY BLOCK-----$/m;

/**
 * Which kind of key a secret holds. Secrets are often stored base64-encoded to keep their line
 * breaks; such a secret is decoded first.
 */
export function readSigningKey(secret: string): { kind: SigningKeyKind; text: string } | null {
  const candidates = [secret];
  const compact = secret.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) candidates.push(Buffer.from(compact, 'base64').toString('utf8'));
  for (const text of candidates) {
    if (GPG_HEADER.test(text)) return { kind: 'gpg', text: text.trim() + '\n' };
    if (SSH_HEADER.test(text)) return { kind: 'ssh', text: text.trim() + '\n' };
  }
  return null;
}

export interface SigningSessionOptions {
  passphrase?: string;
  /** Where the private temporary folder is made; default the runner's temp folder. */
  tmpDir?: string;
}

interface Loaded {
  kind: SigningKeyKind;
  /** SSH: `SHA256:…`; GPG: the primary key's fingerprint. */
  fingerprint: string;
  /** SSH: the public key line (`ssh-ed25519 AAAA… comment`), for an allowed-signers file. */
  publicKey: string;
  /** Git configuration and environment that make `git tag -s` use this key. */
  gitOptions: Required<Pick<GitOptions, 'config' | 'env'>>;
  stop: () => Promise<void>;
}

export class SigningSession {
  private closed = false;
  readonly kind: SigningKeyKind;
  readonly fingerprint: string;
  readonly publicKey: string;
  readonly gitOptions: Loaded['gitOptions'];
  private readonly stop: () => Promise<void>;

  private constructor(
    loaded: Loaded,
    private readonly dir: string,
  ) {
    this.kind = loaded.kind;
    this.fingerprint = loaded.fingerprint;
    this.publicKey = loaded.publicKey;
    this.gitOptions = loaded.gitOptions;
    this.stop = loaded.stop;
  }

  /** Loads `secret` (an SSH or armored GPG private key) into a throwaway agent. */
  static async start(secret: string, options: SigningSessionOptions = {}): Promise<SigningSession> {
    const key = readSigningKey(secret);
    if (!key) {
      throw new SigningKeyError(
        'key',
        'is neither an SSH private key nor an armored GPG private key',
        'Store the whole key, from its "-----BEGIN … PRIVATE KEY…-----" line to its END line (or the same text base64-encoded).',
      );
    }
    // Short path: agents' sockets live in this folder and a Unix socket path is limited to ~100 bytes.
    const base = options.tmpDir ?? process.env.RUNNER_TEMP ?? os.tmpdir();
    const dir = fs.mkdtempSync(path.join(fs.existsSync(base) ? base : os.tmpdir(), 'sign-'));
    fs.chmodSync(dir, 0o700);
    try {
      const loaded =
        key.kind === 'ssh'
          ? await loadSsh(key.text, dir, options.passphrase)
          : await loadGpg(key.text, dir, options.passphrase);
      return new SigningSession(loaded, dir);
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Stops the agent and deletes every file of the session. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.stop();
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** Runs `fn` with a signing session (or none when there is no key) and always closes it. */
export async function withSigningKey<T>(
  secret: string | undefined,
  options: SigningSessionOptions,
  fn: (session: SigningSession | null) => Promise<T>,
): Promise<T> {
  if (!secret) return fn(null);
  const session = await SigningSession.start(secret, options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

async function loadSsh(text: string, dir: string, passphrase: string | undefined): Promise<Loaded> {
  const keyFile = path.join(dir, 'key');
  fs.writeFileSync(keyFile, text, { mode: 0o600 });
  // An empty passphrase tells a plain key from an encrypted one (and from garbage) without
  // putting the real passphrase on a command line.
  const probe = await run('ssh-keygen', ['-y', '-P', '', '-f', keyFile], { allowFailure: true });
  const encrypted = probe.code !== 0 && /passphrase/i.test(probe.stderr);
  if (probe.code !== 0 && !encrypted) {
    throw new SigningKeyError(
      'key',
      `is not a usable SSH private key (${probe.stderr.trim().split('\n').pop() || 'ssh-keygen refused it'})`,
      'Store the private key file as it is, with its BEGIN and END lines.',
    );
  }
  if (encrypted && !passphrase) {
    throw new SigningKeyError(
      'passphrase',
      'is empty but the SSH key is protected by a passphrase',
      'Store the passphrase in a secret and pass it as signing-key-passphrase.',
    );
  }

  const socket = path.join(dir, 'agent.sock');
  const started = await run('ssh-agent', ['-s', '-a', socket]);
  const pid = /SSH_AGENT_PID=(\d+)/.exec(started.stdout)?.[1];
  if (!pid) throw new Error(`ssh-agent did not say its process id:\n${started.stdout}`);
  const agentEnv = { SSH_AUTH_SOCK: socket, SSH_AGENT_PID: pid };
  const stop = async () => {
    await run('ssh-agent', ['-k'], { env: agentEnv, allowFailure: true });
  };
  try {
    if (encrypted) {
      // ssh-add asks again after a wrong passphrase, forever: this helper answers only once.
      const askpass = path.join(dir, 'askpass');
      fs.writeFileSync(
        askpass,
        `#!/bin/sh\n[ -e "$0.used" ] && exit 1\n: > "$0.used"\nprintf '%s\\n' "$EXEGOL_SIGNING_PASSPHRASE"\n`,
        { mode: 0o700 },
      );
      const added = await run('ssh-add', [keyFile], {
        allowFailure: true,
        env: {
          ...agentEnv,
          SSH_ASKPASS: askpass,
          SSH_ASKPASS_REQUIRE: 'force',
          DISPLAY: ':0',
          EXEGOL_SIGNING_PASSPHRASE: passphrase,
        },
        secrets: [passphrase!],
      });
      if (added.code !== 0)
        throw new SigningKeyError(
          'passphrase',
          'does not unlock the SSH key',
          'Check that the secret holds the passphrase of this key.',
        );
    } else {
      await run('ssh-add', [keyFile], { env: agentEnv });
    }
    // From here the key lives only in the agent.
    fs.rmSync(keyFile);
    const publicKey = (await run('ssh-add', ['-L'], { env: agentEnv })).stdout.trim().split('\n')[0]!;
    const fingerprint = (await run('ssh-add', ['-l'], { env: agentEnv })).stdout.trim().split(/\s+/)[1] ?? '';
    return {
      kind: 'ssh',
      fingerprint,
      publicKey,
      gitOptions: {
        config: { 'gpg.format': 'ssh', 'user.signingkey': `key::${publicKey}` },
        env: { SSH_AUTH_SOCK: socket },
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function loadGpg(text: string, dir: string, passphrase: string | undefined): Promise<Loaded> {
  const home = path.join(dir, 'gnupg');
  fs.mkdirSync(home, { mode: 0o700 });
  // The passphrase is handed to the agent ahead of use, so no pinentry is ever needed.
  fs.writeFileSync(path.join(home, 'gpg-agent.conf'), 'allow-preset-passphrase\n');
  const env = { GNUPGHOME: home };
  const gpg = (args: string[], opts: { input?: string; allowFailure?: boolean } = {}) =>
    run('gpg', ['--batch', '--no-tty', ...args], { env, ...opts });
  const stop = async () => {
    await run('gpgconf', ['--homedir', home, '--kill', 'all'], { env, allowFailure: true });
  };
  try {
    const imported = await gpg(['--import'], { input: text, allowFailure: true });
    if (imported.code !== 0) {
      throw new SigningKeyError(
        'key',
        `is not a usable GPG private key (${imported.stderr.trim().split('\n').pop()})`,
        'Export it with gpg --armor --export-secret-keys KEYID.',
      );
    }
    const listing = (await gpg(['--with-colons', '--with-keygrip', '--list-secret-keys'])).stdout
      .split('\n')
      .map((l) => l.split(':'));
    const primary = listing.find((f) => f[0] === 'sec');
    const fingerprint = listing.find((f) => f[0] === 'fpr')?.[9];
    if (!primary || !fingerprint)
      throw new SigningKeyError(
        'key',
        'holds no GPG secret key',
        'Export the secret key, not only the public key (gpg --armor --export-secret-keys KEYID).',
      );
    if (!primary[11]?.includes('S'))
      throw new SigningKeyError(
        'key',
        `GPG key ${fingerprint} cannot sign`,
        'Use a key (or subkey) with the signing capability.',
      );
    if (passphrase) {
      const hex = Buffer.from(passphrase, 'utf8').toString('hex').toUpperCase();
      const grips = listing.filter((f) => f[0] === 'grp').map((f) => f[9]);
      const commands = grips.map((g) => `PRESET_PASSPHRASE ${g} -1 ${hex}`).join('\n') + '\n/bye\n';
      await run('gpg-connect-agent', ['--homedir', home], { env, input: commands, secrets: [hex, passphrase] });
    }
    // A trial signature: a missing or wrong passphrase is found before anything is tagged.
    const trial = await gpg(
      ['--pinentry-mode', 'error', '--local-user', fingerprint, '--detach-sign', '--output', '-'],
      { input: 'probe', allowFailure: true },
    );
    if (trial.code !== 0) {
      if (!passphrase)
        throw new SigningKeyError(
          'passphrase',
          'is empty but the GPG key is protected by a passphrase',
          'Store the passphrase in a secret and pass it as signing-key-passphrase.',
        );
      throw new SigningKeyError(
        'passphrase',
        'does not unlock the GPG key',
        'Check that the secret holds the passphrase of this key.',
      );
    }
    return {
      kind: 'gpg',
      fingerprint,
      publicKey: '',
      gitOptions: { config: { 'gpg.format': 'openpgp', 'user.signingkey': fingerprint }, env },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
