/**
 * Human names for pipeline runs: "<pipeline> <adjective>-<noun>" ("train-and-select brave-otter"),
 * chosen at creation unless the user gives one, editable later. The lists are ours: short, plain,
 * friendly words. The run's id stays the unique key; wherever a run is named its whole id is shown
 * beside the name.
 */
export const RUN_NAME_ADJECTIVES = [
  'amber', 'bold', 'brave', 'bright', 'calm', 'clever', 'cosy', 'crisp', 'daring', 'eager',
  'fair', 'fancy', 'fleet', 'gentle', 'glad', 'golden', 'grand', 'happy', 'hardy', 'jolly',
  'keen', 'kind', 'lively', 'lucky', 'merry', 'mellow', 'misty', 'nimble', 'noble', 'plucky',
  'proud', 'quick', 'quiet', 'rapid', 'ready', 'rosy', 'sandy', 'shiny', 'silver', 'sleek',
  'snowy', 'steady', 'sunny', 'swift', 'tidy', 'vivid', 'warm', 'wise', 'witty', 'zesty',
] as const;

export const RUN_NAME_NOUNS = [
  'badger', 'beaver', 'bison', 'crane', 'cricket', 'dolphin', 'eagle', 'falcon', 'ferret', 'finch',
  'fox', 'gecko', 'heron', 'ibis', 'jackal', 'koala', 'lark', 'lemur', 'lynx', 'marten',
  'meerkat', 'mole', 'moose', 'newt', 'ocelot', 'orca', 'osprey', 'otter', 'owl', 'panda',
  'pelican', 'puffin', 'quail', 'rabbit', 'raven', 'robin', 'salmon', 'seal', 'sparrow', 'stork',
  'swan', 'tapir', 'tern', 'tiger', 'toucan', 'turtle', 'walrus', 'weasel', 'wren', 'yak',
] as const;

/** The longest name a user may give (the UI's field and the CLI say so). */
export const MAX_RUN_NAME_LENGTH = 120;

/** An adjective-noun pair from two random numbers in [0, 1). */
export function adjectiveNoun(random: () => number = Math.random): string {
  const adjective = RUN_NAME_ADJECTIVES[Math.floor(random() * RUN_NAME_ADJECTIVES.length)];
  const noun = RUN_NAME_NOUNS[Math.floor(random() * RUN_NAME_NOUNS.length)];
  return `${adjective}-${noun}`;
}

/**
 * A name for a new run of `pipeline` that none of `taken` (the names of its other runs) has: a
 * random pair first, then every pair in turn, then a pair with a number once all 2,500 are used.
 */
export function generateRunName(pipeline: string, taken: ReadonlySet<string>, random: () => number = Math.random): string {
  const named = (suffix: string) => `${pipeline} ${suffix}`;
  for (let i = 0; i < 8; i++) {
    const candidate = named(adjectiveNoun(random));
    if (!taken.has(candidate)) return candidate;
  }
  const a0 = Math.floor(random() * RUN_NAME_ADJECTIVES.length);
  const n0 = Math.floor(random() * RUN_NAME_NOUNS.length);
  for (let i = 0; i < RUN_NAME_ADJECTIVES.length; i++) {
    for (let j = 0; j < RUN_NAME_NOUNS.length; j++) {
      const candidate = named(`${RUN_NAME_ADJECTIVES[(a0 + i) % RUN_NAME_ADJECTIVES.length]}-${RUN_NAME_NOUNS[(n0 + j) % RUN_NAME_NOUNS.length]}`);
      if (!taken.has(candidate)) return candidate;
    }
  }
  for (let n = 2; ; n++) {
    const candidate = named(`${adjectiveNoun(random)}-${n}`);
    if (!taken.has(candidate)) return candidate;
  }
}

/** A name as the user typed it, trimmed and checked; the problem in words otherwise. */
export function checkRunName(name: string): { ok: true; name: string } | { ok: false; problem: string } {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0) return { ok: false, problem: 'A run name cannot be empty: type a few words, or leave it out for a generated one.' };
  if (trimmed.length > MAX_RUN_NAME_LENGTH) return { ok: false, problem: `A run name has at most ${MAX_RUN_NAME_LENGTH} characters; this one has ${trimmed.length}.` };
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return { ok: false, problem: 'A run name cannot hold control characters (tabs, new lines).' };
  return { ok: true, name: trimmed };
}

/** The part of a run's name after its pipeline ("brave-otter"), for places that already show the pipeline (chart legends). */
export function runNameWithoutPipeline(run: { name: string; pipeline: string }): string {
  const prefix = `${run.pipeline} `;
  return run.name.startsWith(prefix) && run.name.length > prefix.length ? run.name.slice(prefix.length) : run.name;
}
