import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PIPELINE_SCHEMA_FILE, pipelineJsonSchema } from './generate-pipeline-schema.ts';

describe('pipeline JSON Schema', () => {
  it('is up to date with the zod schema (run node scripts/generate-pipeline-schema.ts)', () => {
    expect(readFileSync(PIPELINE_SCHEMA_FILE, 'utf8')).toBe(pipelineJsonSchema());
  });

  it('describes steps strictly, so editors flag unknown keys', () => {
    const schema = JSON.parse(pipelineJsonSchema()) as { properties: { steps: { additionalProperties: { additionalProperties: boolean; required: string[] } } } };
    expect(schema.properties.steps.additionalProperties.additionalProperties).toBe(false);
    expect(schema.properties.steps.additionalProperties.required).toEqual(['image', 'command']);
  });
});
