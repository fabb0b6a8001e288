import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../../shared/pipeline/validate.ts';

const examples = join(import.meta.dirname, '../../../resources/examples');

describe('shipped example pipelines', () => {
  const files = readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('pipeline.yaml'));
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s is valid', (file) => {
    const result = parsePipeline(readFileSync(join(examples, file), 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
