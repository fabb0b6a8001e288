/** `${params.x}` and `${steps.S.outputs.params.p}` in command, args, env and when. */
export type Placeholder =
  | { kind: 'param'; name: string; text: string; index: number }
  | { kind: 'output'; step: string; name: string; text: string; index: number }
  | { kind: 'unknown'; text: string; index: number };

const PLACEHOLDER = /\$\{([^}]*)\}/g;
const PARAM = /^params\.([A-Za-z0-9_][-A-Za-z0-9_]*)$/;
const OUTPUT = /^steps\.([a-z0-9][-a-z0-9]*)\.outputs\.params\.([A-Za-z0-9_][-A-Za-z0-9_]*)$/;

export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const inner = match[1].trim();
    const param = PARAM.exec(inner);
    const output = OUTPUT.exec(inner);
    if (param) found.push({ kind: 'param', name: param[1], text: match[0], index: match.index });
    else if (output) found.push({ kind: 'output', step: output[1], name: output[2], text: match[0], index: match.index });
    else found.push({ kind: 'unknown', text: match[0], index: match.index });
  }
  return found;
}

export interface PlaceholderValues {
  params: Readonly<Record<string, string>>;
  /** step → output param → value. */
  outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Replaces every placeholder; one that has no value throws with the placeholder's text. */
export function substitute(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, inner: string) => {
    const trimmed = inner.trim();
    const param = PARAM.exec(trimmed);
    if (param && Object.hasOwn(values.params, param[1])) return values.params[param[1]];
    const output = OUTPUT.exec(trimmed);
    const produced = output ? values.outputs[output[1]] : undefined;
    if (output && produced && Object.hasOwn(produced, output[2])) return produced[output[2]];
    throw new Error(`${whole} has no value`);
  });
}
