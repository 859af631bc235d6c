// Event payloads: GitHub's examples retargeted to the run's repository, and a fork's pull request.
import { describe, expect, it } from '@jest/globals';
import { eventPayload } from './events.ts';

const run = { repository: 'ThePorgs/Exegol', ref: 'refs/pull/7/merge', sha: 'a'.repeat(40) };

describe('pull request payloads', () => {
  it('a same-repository pull request: head and base are the run repository', () => {
    const p = eventPayload(
      {
        name: 'pull_request',
        action: 'opened',
        payload: { pull_request: { number: 7, head: { ref: 'dev' }, base: { ref: 'master' } } },
      },
      run,
    );
    expect(p.number).toBe(7);
    expect(p.repository).toMatchObject({
      full_name: 'ThePorgs/Exegol',
      name: 'Exegol',
      owner: { login: 'ThePorgs' },
      fork: false,
    });
    expect(p.repository.html_url).toBe('https://github.com/ThePorgs/Exegol');
    expect(p.pull_request.base).toMatchObject({
      ref: 'master',
      label: 'ThePorgs:master',
      repo: { full_name: 'ThePorgs/Exegol', fork: false },
    });
    expect(p.pull_request.head).toMatchObject({
      ref: 'dev',
      label: 'ThePorgs:dev',
      user: { login: 'ThePorgs' },
      repo: { full_name: 'ThePorgs/Exegol', fork: false },
    });
  });

  it('a pull request from a fork: head.repo is the fork, head.label user:branch', () => {
    const p = eventPayload(
      {
        name: 'pull_request',
        action: 'synchronize',
        headRepository: 'contributor/Exegol',
        payload: { pull_request: { number: 9, head: { ref: 'dev' }, base: { ref: 'master' } } },
      },
      run,
    );
    expect(p.pull_request.head).toMatchObject({
      ref: 'dev',
      label: 'contributor:dev',
      user: { login: 'contributor' },
      repo: {
        full_name: 'contributor/Exegol',
        name: 'Exegol',
        fork: true,
        owner: { login: 'contributor' },
        html_url: 'https://github.com/contributor/Exegol',
      },
    });
    expect(p.pull_request.base).toMatchObject({
      label: 'ThePorgs:master',
      repo: { full_name: 'ThePorgs/Exegol', fork: false },
    });
    expect(p.repository.full_name).toBe('ThePorgs/Exegol');
    expect(p.pull_request.html_url).toBe('https://github.com/ThePorgs/Exegol/pull/9');
    expect(p.pull_request.head.repo.clone_url).toBe('https://github.com/contributor/Exegol.git');
    expect(JSON.stringify(p)).not.toContain('Codertocat/Hello-World');
  });

  it('pull_request_target carries the pull_request payload', () => {
    const p = eventPayload(
      {
        name: 'pull_request_target',
        action: 'closed',
        headRepository: 'contributor/Exegol',
        payload: { pull_request: { number: 3, merged: true, base: { ref: 'main' } } },
      },
      { ...run, ref: 'refs/heads/main' },
    );
    expect(p.action).toBe('closed');
    expect(p.pull_request).toMatchObject({
      number: 3,
      merged: true,
      base: { ref: 'main' },
      head: { repo: { fork: true } },
    });
  });

  it('keeps what the test sets explicitly', () => {
    const p = eventPayload(
      { name: 'pull_request', payload: { number: 1, pull_request: { number: 1, head: { label: 'x:y' } } } },
      run,
    );
    expect(p.pull_request.head.label).toBe('x:y');
  });
});
