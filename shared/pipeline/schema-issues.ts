import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const describePath = (path: readonly PropertyKey[]) => (path.length === 0 ? 'The file' : `"${path.map(String).join('.')}"`);

/** One zod issue → (path, sentence). Unknown keys become one entry per key. */
export function describeIssue(issue: Issue): { path: (string | number)[]; message: string }[] {
  const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
  const name = describePath(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `Unknown field "${key}" in ${name === 'The file' ? 'the top level' : name}: check its spelling against the pipeline schema (resources/schemas/pipeline.schema.json).`,
      }));
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? 'it is not allowed';
      return [{ path, message: `The name "${String(path.at(-1))}" is not valid: ${inner}` }];
    }
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return [{ path, message: `${name} is required.` }];
      return [{ path, message: `${name} must be ${article(issue.expected)}${issue.message.replace(/^Invalid input: expected \w+/, '').replace(/^, received/, ', not')}.` }];
    case 'invalid_union':
      if (path.at(-1) === 'cache') return [{ path, message: `${name} is true, false, or an object with enabled, maxAge and salt.` }];
      return [{ path, message: `${name} has the wrong shape.` }];
    case 'invalid_value':
      return [{ path, message: issue.message.startsWith('Invalid') ? `${name} must be one of: ${issue.values.map(String).join(', ')}.` : issue.message }];
    case 'too_small':
    case 'too_big':
      return [{ path, message: sentence(`${name}: ${issue.message.replace(/^Too (small|big): expected \w+ to (have|be) /, 'must be ')}`) }];
    default:
      return [{ path, message: issue.message.startsWith('Invalid') ? `${name}: ${issue.message}.` : `${name}: ${issue.message}` }];
  }
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
