import { randomInt } from 'node:crypto';

const PREDICATES = ['able', 'bold', 'brave', 'bright', 'calm', 'clever', 'crisp', 'eager', 'fair', 'gentle', 'glad', 'keen', 'kind', 'lucky', 'merry', 'neat', 'proud', 'quick', 'quiet', 'sharp', 'shy', 'smart', 'sunny', 'swift', 'tidy', 'warm', 'wise', 'witty'];
const NOUNS = ['ant', 'bat', 'bee', 'cat', 'cod', 'colt', 'crab', 'deer', 'doe', 'eel', 'elk', 'finch', 'fox', 'gnu', 'hare', 'hawk', 'jay', 'koi', 'lark', 'lynx', 'mole', 'moth', 'newt', 'owl', 'ram', 'seal', 'slug', 'toad', 'wasp', 'wolf', 'yak'];

/** A run name in MLflow's style when the client gives none: `<adjective>-<animal>-<0..999>`. */
export function randomRunName(): string {
  return `${PREDICATES[randomInt(PREDICATES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;
}
