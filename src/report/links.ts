/**
 * Where the project's repository is published: reports link each rule to its page under docs/rules/ there. The one
 * place to change when the repository moves.
 */
export const REPOSITORY_URL = 'https://github.com/mlcommons/mlperf-audit';

const RULE_DOCS_BASE = `${REPOSITORY_URL}/blob/main/docs/rules/`;

/** The docs page of a rule id such as `perf/test-mode` (internal ids like `internal/rule-crashed` have pages too). */
export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}${id.split('/').map(encodeURIComponent).join('/')}.md`;
}
