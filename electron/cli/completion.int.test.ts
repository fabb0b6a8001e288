import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from './commands/test-support.ts';

// Real shells (Debian's bash and zsh, fish when installed) load the scripts `benchtop completion`
// prints, with a `benchtop` on PATH that runs this source tree, and complete a real container that
// this test creates on the engine.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'benchtop-completion-'));
const bin = join(dir, 'bin');
const container = `benchtop-cli-completion-${process.pid}-${Date.now().toString(36)}`;
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, BENCHTOP_HOME: join(dir, 'home'), HOME: dir, NO_COLOR: '1' };
const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

async function script(shell: string): Promise<string> {
  const { code, out, err } = await runCliCaptured(['completion', shell], {});
  expect({ code, err }).toEqual({ code: 0, err: '' });
  const file = join(dir, `benchtop.${shell}`);
  writeFileSync(file, out);
  return file;
}

function run(program: string, args: string[]): string {
  const result = spawnSync(program, args, { env, encoding: 'utf8', timeout: 120_000 });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  return result.stdout;
}

beforeAll(() => {
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'benchtop'), `#!/bin/sh\nexec ${join(repo, 'node_modules/.bin/node')} ${join(repo, 'electron/cli/main.ts')} "$@"\n`);
  chmodSync(join(bin, 'benchtop'), 0o755);
  execFileSync('docker', ['create', '--name', container, '--label', 'benchtop.test=cli-completion', 'benchtop-test/busybox', 'true'], { stdio: 'ignore' });
});

afterAll(() => {
  spawnSync('docker', ['rm', '-f', container], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
});

describe('benchtop completion', () => {
  it('bash: registers with complete -F and completes commands, subcommands, flags, values and a real container name', async () => {
    const file = await script('bash');
    const out = run('bash', [
      '--norc',
      '-c',
      `source ${file}
complete -p benchtop
t() { COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}; COMPREPLY=(); _benchtop; echo "$*|\${COMPREPLY[*]}"; }
t benchtop comp
t benchtop compose u
t benchtop logs --fo
t benchtop help mod
t benchtop help compose ''
t benchtop completion ''
t benchtop runs --state f
t benchtop logs ${container.slice(0, -3)}
t benchtop exec ${container.slice(0, -3)}
echo "compgen|$(compgen -W "$(__benchtop_live container benchtop)" -- ${container.slice(0, -3)})"
COMP_WORDS=(benchtop rmi benchtop-test/busybox : la); COMP_CWORD=4; COMP_LINE='benchtop rmi benchtop-test/busybox:la'; COMP_POINT=\${#COMP_LINE}; _benchtop; echo "image tag|\${COMPREPLY[*]}"`,
    ]);
    expect(out.split('\n')).toEqual([
      'complete -F _benchtop benchtop',
      'benchtop comp|compose completion',
      'benchtop compose u|up',
      'benchtop logs --fo|--follow',
      'benchtop help mod|models',
      'benchtop help compose |up down ps logs config pull build restart stop start',
      'benchtop completion |bash zsh fish',
      'benchtop runs --state f|failed',
      `benchtop logs ${container.slice(0, -3)}|${container}`,
      // exec offers running containers only: this one was created, never started.
      `benchtop exec ${container.slice(0, -3)}|`,
      `compgen|${container}`,
      // bash splits at ':': the word is matched whole and the part after ':' offered.
      'image tag|latest',
      '',
    ]);
  }, 180_000);

  it.runIf(has('zsh'))('zsh: loads without error, registers with compdef, and its function finds the same names', async () => {
    const file = await script('zsh');
    const out = run('zsh', [
      '-f',
      '-c',
      `autoload -Uz compinit && compinit -u -d ${join(dir, 'zcompdump')}
source ${file}
print -r -- "comps|$_comps[benchtop]"
print -r -- "cmd|$(__benchtop_what comp)"
print -r -- "flags|$(__benchtop_what --fo logs)"
print -r -- "what|$(__benchtop_what ${container} logs)"
print -r -- "live|$(__benchtop_live container benchtop | grep -x ${container})"
# Outside a completion widget compadd cannot run: a stand-in prints what _benchtop offers.
compadd() { print -r -- "compadd|\${(j: :)@}" }
words=(benchtop compose u); CURRENT=3; _benchtop
words=(benchtop logs ${container.slice(0, -3)}); CURRENT=3; _benchtop | grep -x "compadd|-- .*${container}.*"`,
    ]);
    expect(out.split('\n')).toEqual([
      'comps|_benchtop',
      expect.stringMatching(/^cmd\|words ps logs .* completion$/),
      'flags|words --tail -n --follow -f --timestamps -t --help -h',
      'what|live container',
      `live|${container}`,
      // zsh matches the prefix itself: compadd gets every candidate.
      'compadd|-- up down ps logs config pull build restart stop start',
      expect.stringContaining(container),
      '',
    ]);
  }, 180_000);

  it.runIf(has('fish'))('fish: loads and completes a command and the container', async () => {
    const file = await script('fish');
    const out = run('fish', ['--no-config', '-c', `source ${file}; complete -C "benchtop comp"; complete -C "benchtop logs ${container.slice(0, -3)}"`]);
    expect(out).toContain('compose\t');
    expect(out).toContain(`${container}\n`);
  }, 180_000);

  it('names one shell or exits 2', async () => {
    expect(await runCliCaptured(['completion', 'tcsh'], {})).toMatchObject({ code: 2, err: 'benchtop: Name one shell: benchtop completion bash|zsh|fish.\n' });
  });
});
