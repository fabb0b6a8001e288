import { GLOBAL_FLAGS, acceptedFlags } from './args.ts';
import type { Command, Completion, FlagSpec } from './command.ts';

/**
 * Shell completion scripts generated from the command tables (the same tables the parser and the
 * help read). bash and zsh share one POSIX-style function, `__benchtop_what`, that works out what
 * the word under the cursor is (a command, a subcommand, a flag, a flag's value, a positional) and
 * prints what to offer: `words W…`, `live KIND`, `file` or `dir`. Live names come from a quick
 * `benchtop … --json` call (`__benchtop_live`), read with awk (the JSON is printed two spaces deep,
 * so the fields of each listed object sit at four); a call that fails offers nothing.
 */

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Each live kind: the `benchtop` arguments that list it, and an awk program that prints one name per line. */
const field = (key: string) => `'$0 ~ /^    "${key}": "/ { sub(/^    "${key}": "/, ""); sub(/",?$/, ""); print }'`;
const block = (key: string, open: string, close: string, line: string) => `'/^    "${key}": \\${open}$/ { b = 1; next } b && /^    \\${close}/ { b = 0 } b { ${line} }'`;
export const LIVE_SOURCES: Record<string, { argv: string; awk: string }> = {
  container: { argv: 'ps --all --json', awk: field('name') },
  'running-container': { argv: 'ps --json', awk: field('name') },
  image: { argv: 'images --json', awk: block('repoTags', '[', ']', 'gsub(/^ *"|",?$/, ""); print') },
  stack: { argv: 'compose ps --json', awk: field('project') },
  model: { argv: 'models ls --json', awk: field('name') },
  alias: { argv: 'models ls --json', awk: block('aliases', '{', '}', 'sub(/^ *"/, ""); sub(/".*/, ""); print') },
  environment: { argv: 'env ls --json', awk: field('containerName') },
  endpoint: { argv: 'endpoints ls --json', awk: field('name') },
};

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

function flagWords(flags: readonly FlagSpec[]): string[] {
  return flags.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
}

function subFlags(command: Command, subName: string): FlagSpec[] {
  const sub = command.subcommands?.find((s) => s.name === subName);
  const own = (sub?.flags ?? []).map((name) => command.flags.find((f) => f.name === name)).filter((f): f is FlagSpec => f !== undefined);
  return [...own, ...GLOBAL_FLAGS];
}

/** What a completion kind prints from `__benchtop_what`. */
function offer(kind: Completion | undefined, commands: readonly Command[]): string {
  if (kind === undefined || kind === 'command') return '';
  if (Array.isArray(kind)) return `echo ${quote(`words ${kind.join(' ')}`)}`;
  if (kind === 'file' || kind === 'dir') return `echo ${kind}`;
  if (kind === 'benchtop-command') return `echo ${quote(`words ${commands.map((c) => c.name).join(' ')}`)}`;
  return `echo ${quote(`live ${kind as string}`)}`;
}

/** `case` arms for a positional list: index → what to offer (the last one repeats). */
function positionalArms(kinds: readonly Completion[] | undefined, commands: readonly Command[]): string {
  if (!kinds || kinds.length === 0) return '';
  const arms = kinds.map((kind, index) => `${index === kinds.length - 1 ? '*' : String(index)}) ${offer(kind, commands) || ':'} ;;`);
  return `case "$3" in ${arms.join(' ')} esac`;
}

function sharedFunctions(commands: readonly Command[]): string {
  const names = commands.map((c) => c.name).join(' ');
  const takesValue: string[] = [];
  const flagKinds: string[] = [];
  const subs: string[] = [];
  const isSub: string[] = [];
  const flagsOf: string[] = [];
  const argKinds: string[] = [];
  for (const command of commands) {
    for (const flag of acceptedFlags(command)) {
      if (!flag.value) continue;
      const written = flagWords([flag]).map((w) => `"${command.name} ${w}"`).join('|');
      takesValue.push(written);
      const what = offer(flag.complete, commands);
      if (what) flagKinds.push(`    ${written}) ${what} ;;`);
    }
    const subNames = (command.subcommands ?? []).flatMap((s) => [s.name, ...(s.aliases ?? [])]);
    if (subNames.length) {
      subs.push(`    ${command.name}) echo ${quote(subNames.join(' '))} ;;`);
      isSub.push(subNames.map((s) => `"${command.name} ${s}"`).join('|'));
      for (const sub of command.subcommands ?? []) {
        const pattern = [sub.name, ...(sub.aliases ?? [])].map((s) => `"${command.name} ${s}"`).join('|');
        flagsOf.push(`    ${pattern}) echo ${quote(flagWords(subFlags(command, sub.name)).join(' '))} ;;`);
        const arms = positionalArms(sub.args, commands);
        if (arms) argKinds.push(`    ${pattern}) ${arms} ;;`);
      }
    }
    flagsOf.push(`    "${command.name} "*) echo ${quote(flagWords(acceptedFlags(command)).join(' '))} ;;`);
    const kinds = command.args;
    const arms = positionalArms(kinds, commands);
    if (arms) argKinds.push(`    "${command.name} "*) ${arms} ;;`);
  }
  const live = Object.entries(LIVE_SOURCES)
    .map(([kind, source]) => `    ${kind}) "$bin" ${source.argv} 2>/dev/null | awk ${source.awk} ;;`)
    .join('\n');
  return `__benchtop_commands=${quote(names)}

# Names for a live kind from a quick --json call of benchtop itself ($2: the program); nothing when it fails.
__benchtop_live() {
  local bin="\${2:-benchtop}"
  case "$1" in
${live}
  esac
}

# Whether the flag $2 of command $1 takes a value.
__benchtop_takes_value() {
  case "$1 $2" in
    ${takesValue.join('|') || '"" ""'}) return 0 ;;
  esac
  return 1
}

# What the value of flag $2 of command $1 completes with.
__benchtop_flag_kind() {
  case "$1 $2" in
${flagKinds.join('\n')}
  esac
}

__benchtop_subs() {
  case "$1" in
${subs.join('\n')}
  esac
}

__benchtop_is_sub() {
  case "$1 $2" in
    ${isSub.join('|') || '"" ""'}) return 0 ;;
  esac
  return 1
}

# The flags of command $1 (subcommand $2, or every flag of the command when there is none).
__benchtop_flags() {
  case "$1 $2" in
${flagsOf.join('\n')}
  esac
}

# What positional number $3 (0-based, after the subcommand) of command $1 / subcommand $2 completes with.
__benchtop_arg_kind() {
  case "$1 $2" in
${argKinds.join('\n')}
  esac
}

# $1: the word being completed; then the words before it, without the program. Prints what to offer.
__benchtop_what() {
  local cur="$1" cmd="" sub="" pending="" w npos=0 rest=0 first=""
  shift
  for w in "$@"; do
    if [ -n "$pending" ]; then pending=""; continue; fi
    if [ "$rest" = 0 ]; then
      case "$w" in
        --) rest=1; continue ;;
        --*=*) continue ;;
        -?*) if __benchtop_takes_value "$cmd" "$w"; then pending="$w"; fi; continue ;;
      esac
    fi
    if [ -z "$cmd" ]; then cmd="$w"
    elif [ -z "$sub" ] && [ "$npos" = 0 ] && __benchtop_is_sub "$cmd" "$w"; then sub="$w"
    else
      [ "$npos" = 0 ] && first="$w"
      npos=$((npos + 1))
    fi
  done
  if [ -n "$pending" ]; then __benchtop_flag_kind "$cmd" "$pending"; return; fi
  if [ -z "$cmd" ]; then
    case "$cur" in -*) echo 'words --help --version' ;; *) echo "words $__benchtop_commands" ;; esac
    return
  fi
  if [ "$rest" = 0 ]; then
    case "$cur" in -*) echo "words $(__benchtop_flags "$cmd" "$sub")"; return ;; esac
  fi
  if [ -z "$sub" ] && [ "$npos" = 0 ]; then
    local subs
    subs=$(__benchtop_subs "$cmd")
    if [ -n "$subs" ]; then echo "words $subs"; return; fi
  fi
  # benchtop help COMMAND <TAB>: that command's subcommands.
  if [ "$cmd" = help ]; then
    if [ "$npos" = 1 ]; then echo "words $(__benchtop_subs "$first")"; return; fi
    if [ "$npos" -gt 1 ]; then return; fi
  fi
  __benchtop_arg_kind "$cmd" "$sub" "$npos"
}
`;
}

function bashScript(commands: readonly Command[]): string {
  return `# benchtop completion for bash. Load it with:  source <(benchtop completion bash)
# or install it:  benchtop completion bash > ~/.local/share/bash-completion/completions/benchtop
${sharedFunctions(commands)}
_benchtop() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" what
  what=$(__benchtop_what "$cur" "\${COMP_WORDS[@]:1:COMP_CWORD-1}")
  COMPREPLY=()
  case "$what" in
    words\\ *) COMPREPLY=($(compgen -W "\${what#words }" -- "$cur")) ;;
    live\\ *)
      local IFS=$'\\n' word="\${COMP_LINE:0:COMP_POINT}"
      word="\${word##*[[:space:]]}"
      if [[ $word == *:* ]]; then
        # bash splits words at ':' (image:tag): match the whole word, offer what follows its last ':'.
        COMPREPLY=($(compgen -W "$(__benchtop_live "\${what#live }" "\${COMP_WORDS[0]}")" -- "$word"))
        COMPREPLY=("\${COMPREPLY[@]#"\${word%:*}:"}")
      else
        COMPREPLY=($(compgen -W "$(__benchtop_live "\${what#live }" "\${COMP_WORDS[0]}")" -- "$cur"))
      fi ;;
    file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    dir) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
  esac
}
complete -F _benchtop benchtop
`;
}

function zshScript(commands: readonly Command[]): string {
  return `#compdef benchtop
# benchtop completion for zsh. Load it with:  source <(benchtop completion zsh)
# or install it as _benchtop in a folder of $fpath (then compinit picks it up).
${sharedFunctions(commands)}
_benchtop() {
  local what
  what=$(__benchtop_what "\${words[CURRENT]}" "\${(@)words[2,CURRENT-1]}")
  case "$what" in
    (words\\ *) compadd -- \${=\${what#words }} ;;
    (live\\ *) compadd -- \${(f)"$(__benchtop_live "\${what#live }" "\${words[1]}")"} ;;
    (file) _files ;;
    (dir) _files -/ ;;
  esac
}
if [ "\${funcstack[1]}" = _benchtop ]; then
  _benchtop "$@"
else
  (( \${+functions[compdef]} )) || { autoload -Uz compinit && compinit -u; }
  compdef _benchtop benchtop
fi
`;
}

function fishScript(commands: readonly Command[]): string {
  const lines = [
    '# benchtop completion for fish. Load it with:  benchtop completion fish | source',
    '# or install it:  benchtop completion fish > ~/.config/fish/completions/benchtop.fish',
    '',
    '# The command (first word that is not a flag) and how many positionals follow it.',
    'function __benchtop_cmd',
    '    for w in (commandline -opc)[2..-1]',
    '        switch $w',
    "            case '-*'",
    '            case "*"',
    '                echo $w',
    '                return',
    '        end',
    '    end',
    'end',
    'function __benchtop_is',
    '    set -l cmd (__benchtop_cmd)',
    '    test "$cmd" = "$argv[1]"',
    'end',
    'function __benchtop_live',
    '    set -l bin (commandline -opc)[1]',
    '    switch $argv[1]',
  ];
  for (const [kind, source] of Object.entries(LIVE_SOURCES)) {
    lines.push(`        case ${kind}`, `            $bin ${source.argv} 2>/dev/null | awk ${source.awk}`);
  }
  lines.push('    end', 'end', '', 'complete -c benchtop -f', 'complete -c benchtop -n __fish_use_subcommand -l help -s h -d "Print help"', 'complete -c benchtop -n __fish_use_subcommand -l version -d "Print the version"');
  const arg = (kind: Completion | undefined): string => {
    if (kind === undefined || kind === 'command') return '';
    if (Array.isArray(kind)) return `-a ${quote(kind.join(' '))}`;
    if (kind === 'file') return '-F';
    if (kind === 'dir') return `-a '(__fish_complete_directories)'`;
    return `-a '(__benchtop_live ${kind as string})'`;
  };
  for (const command of commands) {
    lines.push(`complete -c benchtop -n __fish_use_subcommand -a ${command.name} -d ${quote(command.summary)}`);
    const when = `-n '__benchtop_is ${command.name}'`;
    const subNames = (command.subcommands ?? []).map((s) => s.name);
    for (const sub of command.subcommands ?? []) {
      lines.push(`complete -c benchtop -n '__benchtop_is ${command.name}; and not __fish_seen_subcommand_from ${subNames.join(' ')}' -a ${sub.name} -d ${quote(sub.summary)}`);
      const kind = arg(sub.args?.[0]);
      if (kind) lines.push(`complete -c benchtop -n '__benchtop_is ${command.name}; and __fish_seen_subcommand_from ${sub.name}' ${kind}`);
    }
    for (const flag of acceptedFlags(command)) {
      const value = flag.value ? ` -r ${arg(flag.complete)}`.trimEnd() : '';
      lines.push(`complete -c benchtop ${when} -l ${flag.name}${flag.short ? ` -s ${flag.short}` : ''}${value} -d ${quote(flag.description)}`);
    }
    const first = command.args?.[0] === 'benchtop-command' ? `-a ${quote(commands.map((c) => c.name).join(' '))}` : arg(command.args?.[0]);
    if (first) lines.push(`complete -c benchtop ${when} ${first}`);
  }
  return lines.join('\n') + '\n';
}

export function completionScript(shell: Shell, commands: readonly Command[]): string {
  if (shell === 'bash') return bashScript(commands);
  if (shell === 'zsh') return zshScript(commands);
  return fishScript(commands);
}
