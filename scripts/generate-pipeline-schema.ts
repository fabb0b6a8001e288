// Writes resources/schemas/pipeline.schema.json from the zod schema (shared/pipeline/schema.ts).
// `node scripts/generate-pipeline-schema.ts --check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { pipelineSchema } from '../shared/pipeline/schema.ts';

export const PIPELINE_SCHEMA_FILE = fileURLToPath(new URL('../resources/schemas/pipeline.schema.json', import.meta.url));

export function pipelineJsonSchema(): string {
  const schema = z.toJSONSchema(pipelineSchema, { io: 'input', target: 'draft-2020-12' });
  const document = {
    $id: 'https://benchtop.dev/schemas/pipeline.schema.json',
    title: 'Benchtop pipeline (benchtop/v1)',
    description: 'One YAML file per pipeline: a DAG of container steps. Generated from shared/pipeline/schema.ts; do not edit.',
    ...schema,
  };
  return JSON.stringify(document, null, 2) + '\n';
}

if (import.meta.main) {
  const text = pipelineJsonSchema();
  if (process.argv.includes('--check')) {
    const current = readFileSync(PIPELINE_SCHEMA_FILE, 'utf8');
    if (current !== text) {
      console.error('resources/schemas/pipeline.schema.json is stale: run node scripts/generate-pipeline-schema.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(PIPELINE_SCHEMA_FILE, text);
    console.log(`wrote ${PIPELINE_SCHEMA_FILE}`);
  }
}
