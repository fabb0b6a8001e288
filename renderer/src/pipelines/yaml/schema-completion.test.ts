import { describe, expect, it } from 'vitest';
import schema from '../../../../resources/schemas/pipeline.schema.json' with { type: 'json' };
import { completionContext, completionsAt, type SchemaNode } from './schema-completion.ts';

const root = schema as SchemaNode;
const at = (text: string) => completionsAt(root, text.replace('|', ''), text.indexOf('|'));

describe('schema completion', () => {
  it('finds the key path at the cursor in block YAML', () => {
    const text = 'apiVersion: benchtop/v1\nsteps:\n  train:\n    image: x\n    retry:\n      |';
    expect(completionContext(text.replace('|', ''), text.indexOf('|'))).toMatchObject({ path: ['steps', 'train', 'retry'], kind: 'key', prefix: '' });
  });

  it('offers the top-level keys not yet written', () => {
    const labels = at('apiVersion: benchtop/v1\nkind: Pipeline\n|').items.map((i) => i.label);
    expect(labels).toContain('steps');
    expect(labels).toContain('metadata');
    expect(labels).not.toContain('kind');
  });

  it('offers step keys filtered by the typed prefix, skipping those present', () => {
    const items = at('steps:\n  train:\n    image: x\n    re|\n    command: [a]\n').items;
    expect(items.map((i) => i.label).sort()).toEqual(['resources', 'retry']);
    expect(items[0].insert).toMatch(/: $/);
    expect(at('steps:\n  train:\n    image: x\n    |\n    command: [a]\n').items.map((i) => i.label)).not.toContain('command');
  });

  it('offers enum and boolean values for a key being filled in', () => {
    expect(at('steps:\n  train:\n    trigger: |').items.map((i) => i.label)).toEqual(['all_success', 'all_done', 'all_done_min_one_success', 'none_failed']);
    expect(at('steps:\n  train:\n    retry:\n      policy: On|').items.map((i) => i.label)).toEqual(['OnFailure', 'OnError']);
    expect(at('failFast: |').items.map((i) => i.label)).toEqual(['true', 'false']);
    expect(at('kind: |').items.map((i) => i.label)).toEqual(['Pipeline']);
    expect(at('steps:\n  train:\n    cache:\n      |').items.map((i) => i.label)).toEqual(['enabled', 'maxAge', 'salt']);
  });
});
