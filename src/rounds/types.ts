/**
 * Everything that changes from one MLPerf Inference round to the next. One YAML file per round under
 * `src/rounds/data/`, validated against `round-schema.ts` when loaded: a new round is a new data file.
 */
export type Scenario = 'SingleStream' | 'MultiStream' | 'Offline' | 'Server' | 'Interactive';
export const SCENARIOS: readonly Scenario[] = ['SingleStream', 'MultiStream', 'Offline', 'Server', 'Interactive'];

export type Division = 'closed' | 'open' | 'network';
export const DIVISIONS: readonly Division[] = ['closed', 'open', 'network'];

/** The system categories of the required-scenario tables; `datacenter,edge` and `edge,datacenter` share one. */
export type SystemCategory = 'datacenter' | 'edge' | 'datacenterEdge';

export interface ScenarioSet {
  required: Scenario[];
  optional?: Scenario[];
  /** Groups of optional scenarios of which at least one must be present (closed and network). */
  oneOf?: Scenario[][];
}

export interface AccuracyBound {
  /** A key of the round's `accuracyPatterns`. */
  metric: string;
  value: number;
}

export interface ModelAccuracy {
  /** `metric >= value` for each; the result is invalid in closed and network when one is missed. */
  targets: AccuracyBound[];
  /** Per-scenario targets that replace `targets` for that scenario directory. */
  targetsByScenario?: Partial<Record<Scenario, AccuracyBound[]>>;
  /** `metric <= value`, checked only when the metric appears. */
  upperLimits?: AccuracyBound[];
  /** TEST01 fallback tolerance per metric, in percent. */
  test01DeltaPercent?: Record<string, number>;
}

export interface LlmLatencyLimit {
  ttftMs: number;
  tpotMs: number;
}

export interface ExtraAccuracyFiles {
  folder: string;
  ids: string[];
}

export interface ModelData {
  scenarios: Partial<Record<SystemCategory, ScenarioSet>>;
  accuracy?: ModelAccuracy;
  performanceSampleCount?: number;
  /** The accuracy run must cover exactly this many samples (qsl_reported_total_count). */
  datasetSize?: number;
  /** Replaces `datasetSize`, compared with effective_accuracy_sample_count; per scenario when an object. */
  accuracySampleCount?: number;
  accuracySampleCountByScenario?: Partial<Record<Scenario, number>>;
  offlineMinSamplesPerQuery?: number;
  minQueryCount?: Partial<Record<Scenario, number>>;
  /** Server (and other) latency constraint in nanoseconds. */
  latencyConstraintNs?: Partial<Record<Scenario, number>>;
  llmLatencyLimits?: Partial<Record<Scenario, LlmLatencyLimit>>;
  /** Metric key overrides of the round's `resultFields`, per scenario. */
  resultFields?: Partial<Record<Scenario, string>>;
  /** Unit overrides of the round's `units`, per scenario. */
  units?: Partial<Record<Scenario, string>>;
  /** Compliance tests required in closed and network. */
  complianceTests?: string[];
  /** TEST06: the token ids that end an output (EOS); more than one trailing EOS token is padding. */
  eosTokenIds?: number[];
  /** Large language model: token latencies and the use_token_latencies flag apply. */
  llm?: boolean;
  /** Equal-issue mode (sample_concatenate_permutation) is required. */
  equalIssue?: boolean;
  extraAccuracyFiles?: ExtraAccuracyFiles;
  /** The official min-duration check does not apply. */
  minDurationExempt?: boolean;
  /** TEST09: the mean output length the model's audit.config allows in performance mode (tokens, inclusive). */
  test09OutputTokens?: OutputTokenBounds;
  /** Latency percentiles of this model's mlperf.conf that replace the round's `latencyPercentiles` (percent). */
  latencyPercentiles?: Partial<Record<Scenario, number>>;
  /** Constants of this model's official table that the rules or the reference implementation state otherwise. */
  corrections?: ModelCorrections;
}

/**
 * A constant of the official table that the rules (or the reference implementation) state otherwise
 * (docs/rounds/corrected-constants.md). The regular field keeps the official value, which the official profile applies.
 */
export interface ConstantCorrection {
  /** The value the rules (or the reference implementation) state, in the unit of the regular field. */
  stated: number;
  /** The official table's value, the one in the regular field. */
  official: number;
  /** The document and section that state `stated`. */
  source: string;
  /** The value the recommended profile applies: `stated` where its source is authoritative, else `official`. */
  applies: 'stated' | 'official';
}

export interface ModelCorrections {
  latencyConstraintNs?: Partial<Record<Scenario, ConstantCorrection>>;
  llmLatencyLimits?: Partial<Record<Scenario, { ttftMs?: ConstantCorrection; tpotMs?: ConstantCorrection }>>;
  /** By metric: the targets (`metric >= value`) of `accuracy.targets`. */
  accuracyTargets?: Record<string, ConstantCorrection>;
  /** By metric: the limits (`metric <= value`) of `accuracy.upperLimits`. */
  accuracyUpperLimits?: Record<string, ConstantCorrection>;
}

export interface OutputTokenBounds {
  min: number;
  max: number;
}

/** How the official checker reads endpoints ("LoadGen++") results, from the round that accepts them (spec §1.10). */
export interface EndpointsPolicy {
  /** ENDPOINTS_ALLOWED_MODELS: the models that may be submitted as endpoints results. */
  allowedModels: string[];
  /** RESULT_FIELD_ENDPOINTS: the metric key per effective scenario (the models' `resultFields` still override it). */
  resultFields: Partial<Record<Scenario, string>>;
  /**
   * Metric keys of the models' overrides that an endpoints log never carries, with the key it carries instead: the
   * official checker fails on them (#2649), the recommended profile reads the substitute.
   */
  resultFieldSubstitutes: Record<string, string>;
  /** Scenario folder names (lower case) that stand for a scenario: `online` is Server. */
  folderScenarios: Record<string, Scenario>;
  /** ENDPOINTS_COMPLIANCE_MAPPING: the audit (`audit/audit_<name>.json`) of each compliance test. */
  auditTests: Record<string, string>;
  /** The compliance tests whose audit file must exist (for the models requiring that test); the others are optional. */
  requiredAuditTests: string[];
  /** The models whose accuracy score the official checker holds to the target (closed and network). */
  accuracyThresholdModels: string[];
  /** TEST09_LOW/HIGH: the mean output length the official checker allows for every model requiring TEST09. */
  test09OutputTokens: OutputTokenBounds;
}

export interface Seeds {
  qsl: string;
  sampleIndex: string;
  schedule: string;
}

/** How the official checker of a round enforces equal-issue mode (sample_concatenate_permutation) of the models flagged `equalIssue`. */
export interface EqualIssuePolicy {
  divisions: Division[];
  /** The flagged models its list actually names, when that differs (v4.1: two missing commas join four names into two). */
  officialModels?: string[];
  /** `conf`: it reads the setting from the measurements folder's mlperf.conf/user.conf, never from the log (v4.1). */
  officialSource?: 'log' | 'conf';
}

export interface FileList {
  required: string[];
  optional?: string[];
}

export interface RoundData {
  id: string;
  /** Which official checker decides this round, and at which revision. */
  officialChecker: {
    kind: 'monolith' | 'modular';
    source: string;
  };
  /** `separate`: measurements/ and compliance/ beside results/ (up to v5.1); `unified`: inside each scenario folder (v6.0+). */
  layout: 'separate' | 'unified';
  codeDirectory: 'code' | 'src';
  /** LoadGen major.minor versions used in this round, for round detection. */
  loadgenVersions: string[];
  seeds: Seeds;
  test05Seeds?: Seeds;
  minDurationMs: number;
  /**
   * mlperf.conf's latency percentile of each scenario (`*.<scenario>.target_latency_percentile`, percent; Interactive
   * runs are Server runs). A user.conf that changes it makes the result open-only.
   */
  latencyPercentiles?: Partial<Record<Scenario, number>>;
  /** mlperf.conf's `*.MultiStream.samples_per_query`; a user.conf that changes it makes the result open-only. */
  multiStreamSamplesPerQuery?: number;
  /** Absent when the official checker does not enforce equal-issue mode (the modular checker, v6.0+). */
  equalIssue?: EqualIssuePolicy;
  /** Built-in benchmark-directory → model mapping. */
  modelAliases: Record<string, string>;
  /** Fallback mapping when no alias matches: the first rule whose text the directory name contains. */
  modelHeuristics: { contains: string; model: string }[];
  models: Record<string, ModelData>;
  /** Python `re.match` patterns (anchored at the line start) with one capture group, by metric key. */
  accuracyPatterns: Record<string, string>;
  /** Default metric key per effective scenario. */
  resultFields: Partial<Record<Scenario, string>>;
  units: Partial<Record<Scenario, string>>;
  systemDescription: {
    statuses: string[];
    systemTypes: string[];
    requiredFields: string[];
    meaningfulFields: string[];
    networkFields: string[];
    powerFields: string[];
  };
  measurements: {
    requiredFiles: string[];
    jsonFields: string[];
  };
  files: {
    accuracy: FileList;
    performanceRun: FileList;
    compliancePerformanceRun: FileList;
  };
  calibrationDocument?: {
    paths: string[];
  };
  /** Endpoints ("LoadGen++") results; absent in rounds that accept LoadGen logs only. */
  endpoints?: EndpointsPolicy;
  summaryCsv: {
    columns: string[];
    /** The Accuracy column: the first accuracy target's value alone (v4.1), or `METRIC: value` for every target. */
    accuracy: 'first-target' | 'all-targets';
  };
}

export type RoundId = string;
