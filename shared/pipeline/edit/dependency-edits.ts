import { isScalar, isSeq, YAMLSeq } from 'yaml';
import { openDocument, PipelineEditError, printDocument, setKey, STEP_KEY_ORDER, stepMap } from './yaml-document.ts';

/** Makes `step` wait for `upstream` (appends to its depends; a new depends list is written in flow style). */
export function addDependency(text: string, step: string, upstream: string): string {
  if (step === upstream) throw new PipelineEditError(`A step cannot depend on itself ("${step}").`);
  const doc = openDocument(text);
  stepMap(doc, upstream);
  const map = stepMap(doc, step);
  const depends = map.get('depends', true);
  if (isSeq(depends)) {
    if (depends.items.some((item) => isScalar(item) && item.value === upstream)) return text;
    depends.add(doc.createNode(upstream));
  } else {
    setKey(doc, map, 'depends', [upstream], STEP_KEY_ORDER);
    const created = map.get('depends', true);
    if (created instanceof YAMLSeq) created.flow = true;
  }
  return printDocument(doc, text);
}

/** Stops `step` waiting for `upstream`; removes an emptied depends key. */
export function removeDependency(text: string, step: string, upstream: string): string {
  const doc = openDocument(text);
  const map = stepMap(doc, step);
  const depends = map.get('depends', true);
  if (!isSeq(depends)) return text;
  const kept = depends.items.filter((item) => !(isScalar(item) && item.value === upstream));
  if (kept.length === depends.items.length) return text;
  depends.items = kept;
  if (kept.length === 0) map.delete('depends');
  return printDocument(doc, text);
}
