import { readFileSync } from 'node:fs';
import { JSONObjectReader } from '@actions/workflow-parser/templates/json-object-reader';
import { TemplateSchema } from '@actions/workflow-parser/templates/schema/index';
import { TemplateContext, TemplateValidationErrors } from '@actions/workflow-parser/templates/template-context';
import { readTemplate } from '@actions/workflow-parser/templates/template-reader';
import { NoOperationTraceWriter } from '@actions/workflow-parser/templates/trace-writer';
import { WORKFLOW_ROOT } from '@actions/workflow-parser/workflows/workflow-constants';
import { YamlObjectReader } from '@actions/workflow-parser/workflows/yaml-object-reader';

/**
 * Validates a GitHub Actions workflow against the official workflow schema with the parser of
 * `@actions/workflow-parser` (the one the GitHub Actions VS Code extension uses). Its package entry
 * imports the schema JSON without an import attribute, which plain Node 24 refuses; so this loads
 * the same JSON file itself and drives the parser's schema reader directly, as `parseWorkflow` does.
 */
let schema: TemplateSchema | null = null;

function workflowSchema(): TemplateSchema {
  if (schema === null) {
    const file = new URL('../workflow-v1.0.min.json', import.meta.resolve('@actions/workflow-parser/templates/trace-writer'));
    schema = TemplateSchema.load(new JSONObjectReader(undefined, readFileSync(file, 'utf8')));
  }
  return schema;
}

/** `NAME (Line: L, Col: C): message` for each problem; empty when the workflow is valid. */
export function validateGithubWorkflow(yamlText: string, fileName = 'workflow.yml'): string[] {
  const context = new TemplateContext(new TemplateValidationErrors(), workflowSchema(), new NoOperationTraceWriter());
  const fileId = context.getFileId(fileName);
  const reader = new YamlObjectReader(fileId, yamlText);
  if (reader.errors.length > 0) return reader.errors.map((error) => `${fileName}: ${error.message}`);
  readTemplate(context, WORKFLOW_ROOT, reader, fileId);
  return context.errors.getErrors().map((error) => error.message);
}
