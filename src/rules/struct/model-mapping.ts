import { jsonParser } from '../../parsers/json-file.ts';
import { defineRule } from '../rule.ts';

/** Values Python's truth test reads as false. */
function isPythonFalsy(value: unknown): boolean {
  if (value === null || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export default defineRule({
  id: 'struct/model-mapping',
  meta: {
    description: "An open submitter's model_mapping.json is a JSON object mapping benchmark folder names to official model names.",
    category: 'struct',
    scope: 'submitter',
    severity: 'error',
    divisions: ['open'],
    rounds: {},
    ruleText: 'inference_rules.adoc §4.1.2: an Open division result performs the task of an existing Closed benchmark, which model_mapping.json names.',
    messages: {
      invalidJson: 'model_mapping.json {{problem}}, so the benchmark folders of this submitter cannot be mapped to models. Make it one valid JSON object such as {"resnet50-int4": "resnet"}.',
      notObject: 'model_mapping.json holds {{type}}, not an object. Write one JSON object that maps each benchmark folder name to an official model name, such as {"resnet50-int4": "resnet"}.',
      notString: 'model_mapping.json maps "{{folder}}" to {{type}}; the value must be the official model name as a string (for example "resnet"). Replace it.',
    },
    // Both official checkers fail on a mapping they cannot read; the submitter's results cannot be classified.
    rejects: 'submitter',
    official: {},
  },
  async check({ unit, index, load, profile, report }) {
    const path = `${unit.path}/model_mapping.json`;
    if (!index.isFile(path)) return;
    const mapping = await load(path, jsonParser);
    if (!mapping.ok) {
      for (const problem of mapping.problems) report({ messageId: 'invalidJson', file: path, line: problem.line, data: { problem: problem.message } });
      return;
    }
    const document = mapping.value;
    // The official checkers treat a `null` document as no mapping at all.
    if (document === null && profile === 'official') return;
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      report({ messageId: 'notObject', file: path, data: { type: jsonType(document) } });
      return;
    }
    for (const [folder, model] of Object.entries(document)) {
      if (typeof model === 'string') continue;
      // The official checkers use a value only when Python reads it as true; any other one falls back to the name heuristics.
      if (profile === 'official' && isPythonFalsy(model)) continue;
      report({ messageId: 'notString', file: path, data: { folder, type: jsonType(model) } });
    }
  },
});
