import { parse } from 'yaml';
import { renameStep, setStepField, setStepValue } from '../../../../shared/pipeline/edit/step-edits.ts';

/** The form's strings; lists are one item per line, env is KEY=VALUE per line. */
export interface StepFormValues {
  name: string;
  image: string;
  command: string;
  args: string;
  env: string;
  depends: string[];
  trigger: string;
  when: string;
  retryLimit: string;
  retryPolicy: string;
  timeout: string;
  cpu: string;
  memory: string;
  gpu: string;
  cache: 'default' | 'on' | 'off';
}

const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const lines = (value: unknown) => (Array.isArray(value) ? value.map(String).join('\n') : '');
const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The form's values for a step of the text (read leniently). */
export function formValuesOf(text: string, step: string): StepFormValues | null {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return null;
  }
  const raw = record(record(doc).steps)[step];
  if (raw === undefined) return null;
  const s = record(raw);
  const cache = s.cache;
  return {
    name: step,
    image: str(s.image),
    command: lines(s.command),
    args: lines(s.args),
    env: Object.entries(record(s.env))
      .map(([k, v]) => `${k}=${String(v)}`)
      .join('\n'),
    depends: Array.isArray(s.depends) ? s.depends.map(String) : [],
    trigger: str(s.trigger),
    when: str(s.when),
    retryLimit: str(record(s.retry).limit),
    retryPolicy: str(record(s.retry).policy),
    timeout: str(s.timeout),
    cpu: str(record(s.resources).cpu),
    memory: str(record(s.resources).memory),
    gpu: str(record(s.resources).gpu),
    cache: cache === undefined ? 'default' : cache === false || record(cache).enabled === false ? 'off' : 'on',
  };
}

const splitLines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
const numberOrString = (text: string): number | string | undefined => (text.trim() === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text.trim());

/** Applies what changed between `before` and `after` to the text, field by field (untouched fields stay byte for byte). */
export function applyStepForm(text: string, before: StepFormValues, after: StepFormValues): string {
  let out = text;
  const step = before.name;
  if (after.image !== before.image) out = setStepField(out, step, 'image', after.image.trim() || undefined);
  if (after.command !== before.command) out = setStepField(out, step, 'command', splitLines(after.command));
  if (after.args !== before.args) out = setStepField(out, step, 'args', after.args.split('\n').filter((l) => l !== ''));
  if (after.env !== before.env) {
    const env = Object.fromEntries(
      splitLines(after.env).map((line) => {
        const at = line.indexOf('=');
        return at === -1 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1)];
      }),
    );
    const old = formValuesOf(out, step);
    const oldEnv = new Map(splitLines(old?.env ?? '').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    for (const key of oldEnv.keys()) if (!(key in env)) out = setStepValue(out, step, ['env', key], undefined);
    for (const [key, value] of Object.entries(env)) if (oldEnv.get(key) !== value) out = setStepValue(out, step, ['env', key], value);
  }
  if (after.depends.join('\n') !== before.depends.join('\n')) out = setStepField(out, step, 'depends', after.depends);
  if (after.trigger !== before.trigger) out = setStepField(out, step, 'trigger', after.trigger || undefined);
  if (after.when !== before.when) out = setStepField(out, step, 'when', after.when.trim() || undefined);
  if (after.retryLimit !== before.retryLimit) out = setStepValue(out, step, ['retry', 'limit'], numberOrString(after.retryLimit));
  if (after.retryPolicy !== before.retryPolicy) out = setStepValue(out, step, ['retry', 'policy'], after.retryPolicy || undefined);
  if (after.timeout !== before.timeout) out = setStepField(out, step, 'timeout', after.timeout.trim() || undefined);
  if (after.cpu !== before.cpu) out = setStepValue(out, step, ['resources', 'cpu'], numberOrString(after.cpu));
  if (after.memory !== before.memory) out = setStepValue(out, step, ['resources', 'memory'], numberOrString(after.memory));
  if (after.gpu !== before.gpu) out = setStepValue(out, step, ['resources', 'gpu'], numberOrString(after.gpu));
  if (after.cache !== before.cache) out = setStepField(out, step, 'cache', after.cache === 'default' ? undefined : after.cache === 'on');
  if (after.name !== before.name) out = renameStep(out, step, after.name.trim());
  return out;
}
