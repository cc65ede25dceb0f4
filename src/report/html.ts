import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuditResult } from '../checkers/inference/audit-submission.ts';
import { INTERNAL_RULES } from '../checkers/internal-rules.ts';
import type { ResultVerdict } from '../checkers/verdicts.ts';
import { compareStrings } from '../tree/submission-index.ts';
import { SEVERITIES, type Diagnostic, type Severity } from './diagnostic.ts';
import { ruleDocsUrl } from './links.ts';
import type { Reporter } from './reporter.ts';

/**
 * One self-contained page per audit: the audit's facts and counts, the results table and the findings table, all
 * rendered here so that the page reads the same with JavaScript off. The inline script only filters (by submitter,
 * division, rule, severity and text) by hiding rows, from one listener on the filter form.
 *
 * Links to audited files are the root as the audit was given it, joined with the file: a relative root gives links
 * relative to the report, which open when the report is written in the folder the audit ran from (next to the tree
 * when the tree was named relative to it); an absolute root gives `file://` links that open from anywhere.
 */
export const htmlReporter: Reporter = (result) => `${page(result).text}\n`;

/** Markup safe to insert as is: built only by `html`, whose interpolations are escaped unless they are markup too. */
class Html {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

type Interpolation = string | number | Html | readonly Html[] | undefined;

function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, position) => {
    text += interpolate(value) + (strings[position + 1] ?? '');
  });
  return new Html(text);
}

function interpolate(value: Interpolation): string {
  if (value === undefined) return '';
  if (value instanceof Html) return value.text;
  if (typeof value === 'object') return value.map((item) => item.text).join('');
  return escapeHtml(String(value));
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character) : text;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--panel:#f6f8fa;--link:#0550ae;
--error:#b3261e;--warning:#7d4e00;--info:#0550ae;--accepted:#1a7f37;--waived:#59636e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--panel:#151b23;
--link:#6cb6ff;--error:#ff8182;--warning:#e3b341;--info:#6cb6ff;--accepted:#56d364;--waived:#9198a1}}
[hidden]{display:none!important}
body{margin:0 auto;max-width:110rem;padding:0 1.5rem 2rem;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,sans-serif}
a{color:var(--link)}
code,.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
h1{font-size:1.5rem;margin:1.25rem 0 .5rem;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin:1.75rem 0 .5rem}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 2rem;margin:0}
.facts div{display:flex;gap:.4rem}.facts dt{color:var(--muted)}.facts dd{margin:0}
.counts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;padding:0;margin:.75rem 0 0}
.counts strong{font-size:1.15rem}
.filters{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;align-items:end;gap:.5rem 1rem;margin:1rem 0 0;
padding:.6rem .75rem;background:var(--panel);border:1px solid var(--border);border-radius:6px}
.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
.filters select,.filters input{box-sizing:border-box;height:1.9rem;font:inherit;color:var(--fg);min-width:9rem;max-width:20rem}
.filters p{flex-basis:100%;margin:0;font-size:.85rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--border)}
/* The tables that can hold thousands of rows lay out each row on its own, and only once it is on screen: laid out
   as a table they take seconds to open. Chromium keeps their table semantics (rows, cells, column headers). */
table[data-filtered],table[data-filtered]>*{display:block}
table[data-filtered] tr{display:grid;border-bottom:1px solid var(--border)}
table[data-filtered] tbody tr{content-visibility:auto;contain-intrinsic-size:auto 3rem}
table[data-filtered] :is(th,td){border:0}
#results tr{grid-template-columns:minmax(10rem,1.4fr) 5rem minmax(9rem,2fr) minmax(7rem,1.2fr) 6rem 16rem minmax(9rem,1.2fr)}
#findings tr{grid-template-columns:8rem minmax(12rem,2fr) minmax(16rem,4fr) 13rem}
th{background:var(--panel)}
td{overflow-wrap:break-word}
td.path{overflow-wrap:anywhere}
.badge{display:inline-block;padding:0 .4rem;border:1px solid currentColor;border-radius:1rem;font-size:.8rem;white-space:nowrap}
.error{color:var(--error)}.warning{color:var(--warning)}.info{color:var(--info)}.accepted{color:var(--accepted)}
.rejected{color:var(--error)}.waived{color:var(--waived)}
tr.suppressed s{color:var(--muted)}
.waiver{margin:.25rem 0 0;color:var(--muted)}
.none{color:var(--muted)}
.metric{white-space:nowrap}
`;

const SCRIPT = `
(() => {
  const form = document.getElementById('filters');
  const search = form.querySelector('input[type=search]');
  const selects = Array.from(form.querySelectorAll('select'));
  const tables = Array.from(document.querySelectorAll('table[data-filtered]'), (table) => ({
    name: table.id,
    rows: Array.from(table.tBodies[0].rows, (row) => ({ row, text: row.textContent.toLowerCase() })),
  }));
  // A row without the attribute is not subject to that filter (results have no severity); a result lists the
  // rules that reject it separated by spaces, which rule ids never contain.
  const passes = (row, { name, value }) => {
    const own = row.dataset[name];
    return own === undefined || (name === 'rule' ? own.split(' ').includes(value) : own === value);
  };
  const apply = () => {
    const filters = selects.filter((select) => select.value !== '').map(({ name, value }) => ({ name, value }));
    const text = search.value.trim().toLowerCase();
    for (const { name, rows } of tables) {
      let shown = 0;
      for (const { row, text: rowText } of rows) {
        const visible = filters.every((filter) => passes(row, filter)) && rowText.includes(text);
        if (row.hidden === visible) row.hidden = !visible;
        if (visible) shown += 1;
      }
      document.querySelector('[data-shown="' + name + '"]').textContent = String(shown);
      document.getElementById(name + '-none').hidden = shown > 0;
    }
  };
  form.addEventListener('input', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.hidden = false;
  // The browser may have restored the filters' values (back, reload).
  apply();
})();
`;

const cspSource = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
/** Nothing loads from anywhere, and only this page's own style and script run, whatever a file name holds. */
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${cspSource(STYLE)}; script-src ${cspSource(SCRIPT)}`;

function page(result: AuditResult): Html {
  const title = `mlperf-audit: ${result.root} (${result.round.id}, ${result.profile})`;
  const linkTo = fileLinker(result.root);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
${header(result)}
<main>
${filterForm(result)}
${resultsSection(result, linkTo)}
${findingsSection(result, linkTo)}
${rulesSection(result)}
</main>
<script>${new Html(SCRIPT)}</script>
</body>
</html>`;
}

function header(result: AuditResult): Html {
  const { round, stats, tool } = result;
  const roundText = round.detected ? `${round.id} (detected: ${round.evidence ?? 'from the logs'})` : round.id;
  const active = result.diagnostics.filter((diagnostic) => diagnostic.suppression === undefined);
  const severityCount = (severity: Severity) => active.filter((diagnostic) => diagnostic.severity === severity).length;
  const accepted = result.results.filter((verdict) => verdict.status === 'accepted').length;
  const counts: [count: number, style: string, singular: string, plural: string][] = [
    [severityCount('error'), 'error', 'error', 'errors'],
    [severityCount('warning'), 'warning', 'warning', 'warnings'],
    [severityCount('info'), 'info', 'info', 'infos'],
    [result.diagnostics.length - active.length, 'waived', 'waived', 'waived'],
    [accepted, 'accepted', 'result accepted', 'results accepted'],
    [result.results.length - accepted, 'rejected', 'result rejected', 'results rejected'],
  ];
  return html`<header>
<h1>MLPerf Inference audit of <code>${result.root}</code></h1>
<dl class="facts">
<div><dt>Round</dt><dd>${roundText}</dd></div>
<div><dt>Profile</dt><dd>${result.profile}</dd></div>
<div><dt>Official checker</dt><dd>${result.officialChecker}</dd></div>
<div><dt>Tool</dt><dd>${tool.name} ${tool.version}</dd></div>
<div><dt>Audited</dt><dd>${stats.entries} entries in ${stats.durationMs} ms</dd></div>
</dl>
<ul class="counts" aria-label="Totals">
${counts.map(([count, style, singular, plural]) => html`<li class="${style}"><strong>${count}</strong> ${count === 1 ? singular : plural}</li>`)}
</ul>
</header>`;
}

/** The division and submitter a unit path (`<division>/<submitter>/…`) belongs to; '' above that level. */
function unitOwners(unitPath: string): { division: string; submitter: string } {
  const [division = '', submitter = ''] = unitPath === '' ? [] : unitPath.split('/', 2);
  return { division, submitter };
}

function filterForm(result: AuditResult): Html {
  const owners = [...result.results, ...result.diagnostics.map((diagnostic) => unitOwners(diagnostic.unit.path))];
  const rules = [...result.diagnostics.map((diagnostic) => diagnostic.ruleId), ...result.results.flatMap((verdict) => verdict.rejectedBy)];
  const present = new Set(result.diagnostics.map((diagnostic) => diagnostic.severity));
  const findings = result.diagnostics.length;
  const results = result.results.length;
  // Hidden until the script shows it: without JavaScript the controls could not do anything.
  return html`<form id="filters" class="filters" role="search" aria-label="Filter the results and findings" hidden>
${select('submitter', 'Submitter', distinct(owners.map((owner) => owner.submitter)))}
${select('division', 'Division', distinct(owners.map((owner) => owner.division)))}
${select('rule', 'Rule', distinct(rules))}
${select('severity', 'Severity', SEVERITIES.filter((severity) => present.has(severity)))}
<label>Text<input type="search" name="text" placeholder="file, message, system…"></label>
<p role="status">Showing <span data-shown="findings">${findings}</span> of ${findings} findings and <span data-shown="results">${results}</span> of ${results} results. Severity filters findings; rule filters findings and the results it rejects.</p>
</form>`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].filter((value) => value !== '').sort(compareStrings);
}

function select(name: string, label: string, values: readonly string[]): Html {
  return html`<label>${label}<select name="${name}"><option value="">all</option>${values.map((value) => html`<option value="${value}">${value}</option>`)}</select></label>`;
}

type FileLink = (file: string) => string;

/** A section holding one filtered table (results or findings), or a line saying there is nothing to show. */
function tableSection(table: { id: string; heading: string; columns: readonly string[]; rows: readonly Html[]; empty: Html; noMatch: string }): Html {
  const body =
    table.rows.length === 0
      ? html`<p class="none">${table.empty}</p>`
      : html`<table id="${table.id}" data-filtered aria-labelledby="${table.id}-heading">
<thead><tr>${table.columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
<tbody>${table.rows}
</tbody>
</table>
<p id="${table.id}-none" class="none" hidden>${table.noMatch}</p>`;
  return html`<section>
<h2 id="${table.id}-heading">${table.heading}</h2>
${body}
</section>`;
}

function resultsSection(result: AuditResult, linkTo: FileLink): Html {
  return tableSection({
    id: 'results',
    heading: 'Results',
    columns: ['Submitter', 'Division', 'System', 'Benchmark', 'Scenario', 'Verdict', 'Reasons'],
    rows: result.results.map((verdict) => resultRow(verdict, linkTo)),
    empty: html`No result folder (<code>&lt;division&gt;/&lt;submitter&gt;/results/&lt;system&gt;/&lt;benchmark&gt;/&lt;scenario&gt;</code>) was found.`,
    noMatch: 'No result matches the filters.',
  });
}

function resultRow(verdict: ResultVerdict, linkTo: FileLink): Html {
  const { metric, power } = verdict;
  const value = metric === undefined ? undefined : `${metric.text} ${metric.unit}${power === undefined ? '' : `, ${power.text} ${power.unit}`}`;
  const reasons = verdict.status === 'accepted' ? undefined : verdict.rejectedBy.length > 0 ? ruleLinks(verdict.rejectedBy) : html`no metric could be read`;
  return html`
<tr data-submitter="${verdict.submitter}" data-division="${verdict.division}" data-rule="${verdict.rejectedBy.join(' ')}"><td>${verdict.submitter}</td><td>${verdict.division}</td><td>${verdict.system}</td><td>${verdict.benchmark}</td><td><a href="${linkTo(verdict.path)}">${verdict.scenario}</a></td><td><span class="badge ${verdict.status}">${verdict.status}</span>${value === undefined ? undefined : html` <span class="metric">${value}</span>`}</td><td>${reasons}</td></tr>`;
}

function ruleLinks(ruleIds: readonly string[]): Html[] {
  return ruleIds.map((ruleId, position) => html`${position > 0 ? ', ' : ''}${ruleLink(ruleId)}`);
}

/** Rule links by id: a large audit repeats a few dozen rules thousands of times. */
const ruleLinkCache = new Map<string, Html>();

function ruleLink(ruleId: string): Html {
  let link = ruleLinkCache.get(ruleId);
  if (link === undefined) {
    link = html`<a href="${ruleDocsUrl(ruleId)}"><code>${ruleId}</code></a>`;
    ruleLinkCache.set(ruleId, link);
  }
  return link;
}

function findingsSection(result: AuditResult, linkTo: FileLink): Html {
  return tableSection({
    id: 'findings',
    heading: 'Findings',
    columns: ['Severity', 'File', 'Message', 'Rule'],
    rows: result.diagnostics.map((diagnostic) => findingRow(diagnostic, linkTo)),
    empty: html`No problems found.`,
    noMatch: 'No finding matches the filters.',
  });
}

function findingRow(diagnostic: Diagnostic, linkTo: FileLink): Html {
  const { division, submitter } = unitOwners(diagnostic.unit.path);
  const { suppression } = diagnostic;
  const position = diagnostic.line === undefined ? undefined : `:${diagnostic.line}${diagnostic.column === undefined ? '' : `:${diagnostic.column}`}`;
  const message =
    suppression === undefined
      ? html`${diagnostic.message}`
      : html`<s>${diagnostic.message}</s><p class="waiver">Waived: “${suppression.justification}”, approved by ${suppression.approvedBy} (<code>${suppression.source.file}</code>, <code>waivers[${suppression.source.index}]</code>).</p>`;
  const waivedBadge = suppression === undefined ? undefined : html` <span class="badge waived">waived</span>`;
  return html`
<tr${suppression === undefined ? undefined : html` class="suppressed"`} data-submitter="${submitter}" data-division="${division}" data-rule="${diagnostic.ruleId}" data-severity="${diagnostic.severity}"><td><span class="badge ${diagnostic.severity}">${diagnostic.severity}</span>${waivedBadge}</td><td class="path"><a href="${linkTo(diagnostic.file)}">${diagnostic.file === '' ? 'the submission root' : diagnostic.file}</a>${position}</td><td>${message}</td><td>${ruleLink(diagnostic.ruleId)}</td></tr>`;
}

/** What each rule that found something checks, once, so the page explains its rule ids without a network. */
function rulesSection(result: AuditResult): Html | undefined {
  const findings = new Map<string, number>();
  for (const { ruleId } of result.diagnostics) findings.set(ruleId, (findings.get(ruleId) ?? 0) + 1);
  for (const ruleId of result.results.flatMap((verdict) => verdict.rejectedBy)) findings.set(ruleId, findings.get(ruleId) ?? 0);
  if (findings.size === 0) return undefined;
  const descriptions = new Map([...INTERNAL_RULES, ...result.rules].map((rule) => [rule.id, rule.description]));
  const rows = [...findings].sort(([a], [b]) => compareStrings(a, b));
  return html`<section>
<h2 id="rules-heading">Rules</h2>
<table id="rules" aria-labelledby="rules-heading">
<thead><tr><th scope="col">Rule</th><th scope="col">Findings</th><th scope="col">What it checks</th></tr></thead>
<tbody>${rows.map(([ruleId, count]) => html`
<tr><td>${ruleLink(ruleId)}</td><td>${count}</td><td>${descriptions.get(ruleId)}</td></tr>`)}
</tbody>
</table>
</section>`;
}

/**
 * Links from the report to files of the tree (see the reporter's comment for why relative to the root as given). The
 * root is converted once: a large audit links thousands of files.
 */
export function fileLinker(root: string): FileLink {
  const rootSegments = path.sep === '/' ? root.split('/') : root.split(/[\\/]/);
  const rootHref = path.isAbsolute(root) ? pathToFileURL(root).href : rootSegments.map(encodeURIComponent).join('/');
  const prefix = rootHref.endsWith('/') ? rootHref : `${rootHref}/`;
  return (file) => (file === '' ? rootHref : prefix + file.split('/').map(encodeURIComponent).join('/'));
}
