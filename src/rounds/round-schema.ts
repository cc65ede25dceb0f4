import type { SchemaObject } from 'ajv';
import { SCENARIOS } from './types.ts';

// Mirrors RoundData in types.ts; every round file is validated against it when loaded and by the tests.

const scenario: SchemaObject = { type: 'string', enum: [...SCENARIOS] };
const scenarioList = { type: 'array', items: scenario } as const;
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };
const digits = { type: 'string', pattern: '^[0-9]+$' } as const;

function perScenario(value: SchemaObject): SchemaObject {
  return {
    type: 'object',
    nullable: true,
    additionalProperties: false,
    required: [],
    properties: Object.fromEntries(SCENARIOS.map((name) => [name, { ...value, nullable: true }])),
  };
}

const scenarioSet = {
  type: 'object',
  additionalProperties: false,
  required: ['required'],
  properties: {
    required: scenarioList,
    optional: { ...scenarioList, nullable: true },
    oneOf: { type: 'array', nullable: true, items: scenarioList },
  },
};

const accuracyBound = {
  type: 'object',
  additionalProperties: false,
  required: ['metric', 'value'],
  properties: { metric: { type: 'string' }, value: { type: 'number' } },
};

const llmLimit = {
  type: 'object',
  additionalProperties: false,
  required: ['ttftMs', 'tpotMs'],
  properties: { ttftMs: { type: 'number', exclusiveMinimum: 0 }, tpotMs: { type: 'number', exclusiveMinimum: 0 } },
};

const seeds = {
  type: 'object',
  additionalProperties: false,
  required: ['qsl', 'sampleIndex', 'schedule'],
  properties: { qsl: digits, sampleIndex: digits, schedule: digits },
};

const fileList = {
  type: 'object',
  additionalProperties: false,
  required: ['required'],
  properties: { required: stringList, optional: { ...stringList, nullable: true } },
};

const positiveInteger = { type: 'integer', minimum: 1 } as const;

const outputTokenBounds = {
  type: 'object',
  additionalProperties: false,
  required: ['min', 'max'],
  properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } },
};

const percent = { type: 'number', exclusiveMinimum: 0, maximum: 100 } as const;

const constantCorrection = {
  type: 'object',
  additionalProperties: false,
  required: ['stated', 'official', 'source', 'applies'],
  properties: {
    stated: { type: 'number' },
    official: { type: 'number' },
    source: { type: 'string', minLength: 1 },
    applies: { type: 'string', enum: ['stated', 'official'] },
  },
};

const byMetric = (value: SchemaObject): SchemaObject => ({ type: 'object', nullable: true, required: [], additionalProperties: value });

const corrections = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  required: [],
  properties: {
    latencyConstraintNs: perScenario(constantCorrection),
    llmLatencyLimits: perScenario({
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { ttftMs: { ...constantCorrection, nullable: true }, tpotMs: { ...constantCorrection, nullable: true } },
    }),
    accuracyTargets: byMetric(constantCorrection),
    accuracyUpperLimits: byMetric(constantCorrection),
  },
};

const endpoints = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  required: ['allowedModels', 'resultFields', 'resultFieldSubstitutes', 'folderScenarios', 'auditTests', 'requiredAuditTests', 'accuracyThresholdModels', 'test09OutputTokens'],
  properties: {
    allowedModels: stringList,
    resultFields: perScenario({ type: 'string' }),
    resultFieldSubstitutes: { type: 'object', required: [], additionalProperties: { type: 'string' } },
    folderScenarios: { type: 'object', required: [], additionalProperties: scenario },
    auditTests: { type: 'object', required: [], additionalProperties: { type: 'string', minLength: 1 } },
    requiredAuditTests: { type: 'array', items: { type: 'string', pattern: '^TEST[0-9]{2}$' } },
    accuracyThresholdModels: stringList,
    test09OutputTokens: outputTokenBounds,
  },
};

export const roundSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id', 'officialChecker', 'layout', 'codeDirectory', 'loadgenVersions', 'seeds', 'minDurationMs', 'modelAliases',
    'modelHeuristics', 'models', 'accuracyPatterns', 'resultFields', 'units', 'systemDescription', 'measurements', 'files',
    'summaryCsv',
  ],
  properties: {
    id: { type: 'string', pattern: '^v[0-9]+\\.[0-9]+$' },
    officialChecker: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'source'],
      properties: { kind: { type: 'string', enum: ['monolith', 'modular'] }, source: { type: 'string' } },
    },
    layout: { type: 'string', enum: ['separate', 'unified'] },
    codeDirectory: { type: 'string', enum: ['code', 'src'] },
    loadgenVersions: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[0-9]+\\.[0-9]+$' } },
    seeds,
    test05Seeds: { ...seeds, nullable: true },
    minDurationMs: positiveInteger,
    latencyPercentiles: perScenario(percent),
    multiStreamSamplesPerQuery: { ...positiveInteger, nullable: true },
    equalIssue: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['divisions'],
      properties: {
        divisions: { type: 'array', minItems: 1, items: { type: 'string', enum: ['closed', 'open', 'network'] } },
        officialModels: { ...stringList, nullable: true },
        officialSource: { type: 'string', enum: ['log', 'conf'], nullable: true },
      },
    },
    modelAliases: { type: 'object', required: [], additionalProperties: { type: 'string' } },
    modelHeuristics: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['contains', 'model'],
        properties: { contains: { type: 'string', minLength: 1 }, model: { type: 'string' } },
      },
    },
    models: {
      type: 'object',
      required: [],
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['scenarios'],
        properties: {
          scenarios: {
            type: 'object',
            additionalProperties: false,
            required: [],
            properties: {
              datacenter: { ...scenarioSet, nullable: true },
              edge: { ...scenarioSet, nullable: true },
              datacenterEdge: { ...scenarioSet, nullable: true },
            },
          },
          accuracy: {
            type: 'object',
            nullable: true,
            additionalProperties: false,
            required: ['targets'],
            properties: {
              targets: { type: 'array', items: accuracyBound },
              targetsByScenario: perScenario({ type: 'array', items: accuracyBound }),
              upperLimits: { type: 'array', nullable: true, items: accuracyBound },
              test01DeltaPercent: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'number' } },
            },
          },
          performanceSampleCount: { ...positiveInteger, nullable: true },
          datasetSize: { ...positiveInteger, nullable: true },
          accuracySampleCount: { ...positiveInteger, nullable: true },
          accuracySampleCountByScenario: perScenario(positiveInteger),
          offlineMinSamplesPerQuery: { ...positiveInteger, nullable: true },
          minQueryCount: perScenario(positiveInteger),
          latencyConstraintNs: perScenario(positiveInteger),
          llmLatencyLimits: perScenario(llmLimit),
          resultFields: perScenario({ type: 'string' }),
          units: perScenario({ type: 'string' }),
          complianceTests: { type: 'array', nullable: true, items: { type: 'string', pattern: '^TEST[0-9]{2}$' } },
          eosTokenIds: { type: 'array', nullable: true, minItems: 1, items: { type: 'integer', minimum: 0 } },
          llm: { type: 'boolean', nullable: true },
          equalIssue: { type: 'boolean', nullable: true },
          extraAccuracyFiles: {
            type: 'object',
            nullable: true,
            additionalProperties: false,
            required: ['folder', 'ids'],
            properties: { folder: { type: 'string' }, ids: stringList },
          },
          minDurationExempt: { type: 'boolean', nullable: true },
          test09OutputTokens: { ...outputTokenBounds, nullable: true },
          latencyPercentiles: perScenario(percent),
          corrections,
        },
      },
    },
    accuracyPatterns: { type: 'object', required: [], additionalProperties: { type: 'string', minLength: 1 } },
    resultFields: perScenario({ type: 'string' }),
    units: perScenario({ type: 'string' }),
    systemDescription: {
      type: 'object',
      additionalProperties: false,
      required: ['statuses', 'systemTypes', 'requiredFields', 'meaningfulFields', 'networkFields', 'powerFields'],
      properties: {
        statuses: stringList,
        systemTypes: stringList,
        requiredFields: stringList,
        meaningfulFields: stringList,
        networkFields: stringList,
        powerFields: stringList,
      },
    },
    measurements: {
      type: 'object',
      additionalProperties: false,
      required: ['requiredFiles', 'jsonFields'],
      properties: { requiredFiles: stringList, jsonFields: stringList },
    },
    files: {
      type: 'object',
      additionalProperties: false,
      required: ['accuracy', 'performanceRun', 'compliancePerformanceRun'],
      properties: { accuracy: fileList, performanceRun: fileList, compliancePerformanceRun: fileList },
    },
    calibrationDocument: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['paths'],
      properties: { paths: stringList },
    },
    endpoints,
    summaryCsv: {
      type: 'object',
      additionalProperties: false,
      required: ['columns', 'accuracy'],
      properties: { columns: stringList, accuracy: { type: 'string', enum: ['first-target', 'all-targets'] } },
    },
  },
};
