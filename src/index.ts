/**
 * mlperf-audit's programmatic API: audit a submission tree, read the verdicts and diagnostics, format them, and
 * write rules of your own.
 * @packageDocumentation
 */
export { auditSubmission, AuditSetupError, type AuditOptions, type AuditProgress, type AuditResult, type ActiveRuleSummary } from './checkers/inference/audit-submission.ts';
export type { ResultMetric } from './checkers/inference/result-metric.ts';
export type { Rejection, ResultVerdict, ResultPower } from './checkers/verdicts.ts';
export { SUMMARY_SYSTEM_FIELDS, type ResultSummary, type SummarySystemField } from './checkers/inference/result-summary.ts';
export type { AccuracyValue } from './checkers/inference/accuracy.ts';
export type { SeveritySetting } from './checkers/rule-selection.ts';
export type { Diagnostic, Severity, Suppression } from './report/diagnostic.ts';
export { CONFIG_FILE_NAMES, loadConfigFile, resolveConfig, type AuditConfig, type ConfigResult } from './config/config-file.ts';
export type { Waiver, WaiverSettings } from './config/waivers.ts';
export { reporters, type FormatName } from './report/reporters.ts';
export type { Reporter, ReporterOptions } from './report/reporter.ts';
export { toJsonReport, JSON_REPORT_VERSION, type JsonReport } from './report/json.ts';
export { loadJsonReport, parseJsonReport, type Outcome } from './report/read-json-report.ts';
export { diffAudits, type AuditDiff, type AuditSide, type AuditCounts, type ResultChange, type SeverityCounts } from './review/diff.ts';
export { mergeShards, type ShardAudit } from './review/merge-shards.ts';
export type { Shard, ShardRecord } from './checkers/shard.ts';
export { knownRounds, loadRound, RoundDataError } from './rounds/load-round.ts';
export type { RoundData, ModelData, ModelAccuracy, AccuracyBound, ExtraAccuracyFiles, LlmLatencyLimit, SystemCategory, ScenarioSet, Seeds, FileList, EqualIssuePolicy, Scenario, Division } from './rounds/types.ts';
export { defineRule, type Rule, type AnyRule, type RuleMeta, type RuleContext, type ReportDescriptor, type RuleCategory, type Rejects, type OfficialSeverities, type RoundRange, type Profile } from './rules/rule.ts';
export { registry } from './rules/registry.ts';
export type { ParseResult, ParseProblem, ProblemKind, Parser, FileSource } from './parsers/parse-result.ts';
export { DiskFs } from './tree/disk-fs.ts';
export { MemoryFs, type MemoryNode } from './tree/memory-fs.ts';
export type { SubmissionFs } from './tree/submission-fs.ts';
export type { TreeEntry, EntryKind, LinkInfo } from './tree/entry.ts';
export { SubmissionIndex } from './tree/submission-index.ts';
export type { Unit, UnitKind, UnitOfKind, UnitByKind, UnitTree, RootUnit, DivisionUnit, SubmitterUnit, SystemUnit, BenchmarkUnit, ScenarioUnit } from './tree/units.ts';
