import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSubmission, type AuditResult } from '../../src/checkers/inference/audit-submission.ts';
import type { Diagnostic, Suppression } from '../../src/report/diagnostic.ts';
import { escapeHtml, fileLinker, htmlReporter } from '../../src/report/html.ts';
import { ruleDocsUrl } from '../../src/report/links.ts';
import { reporters } from '../../src/report/reporters.ts';
import { DiskFs } from '../../src/tree/disk-fs.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, sharedInference, withChanges } from '../support/shared-data.ts';

const render = (result: AuditResult): string => htmlReporter(result, { color: false });

/** A real v6.0 result with an empty system field and a stray file: a few findings of each kind, one rejection. */
const whisper = realResult('v6.0', 'closed/RedHat/results/8xH200_whisper/whisper/Offline');
const systemJson = 'closed/RedHat/systems/8xH200_whisper.json';
const description = JSON.parse(String(whisper.tree[systemJson])) as Record<string, unknown>;
const smallTree = withChanges(whisper.tree, { [systemJson]: JSON.stringify({ ...description, cooling: '' }, null, 2), 'closed/RedHat/results/.DS_Store': 'x' });
const small = (await auditTree(smallTree, { round: 'v6.0', profile: 'recommended' })).result;

const waiver = (justification: string, approvedBy: string): Suppression => ({
  kind: 'waiver',
  justification,
  approvedBy,
  source: { file: 'mlperf-audit.config.yaml', index: 2 },
});

const finding = (overrides: Partial<Diagnostic> & Pick<Diagnostic, 'ruleId' | 'unit'>): Diagnostic => ({
  messageId: 'problem',
  severity: 'error',
  message: 'Something is wrong.',
  file: overrides.unit.path,
  ...overrides,
});

/** The select's option labels after "all". */
function optionsOf(page: string, name: string): string[] {
  const select = new RegExp(`<select name="${name}">(.*?)</select>`, 's').exec(page)?.[1];
  if (select === undefined) throw new Error(`no <select name="${name}"> in the page`);
  return [...select.matchAll(/<option value="[^"]*">(.*?)<\/option>/g)].map((match) => match[1] ?? '').slice(1);
}

describe('html: escaping', () => {
  const hostile = `<img src=x onerror="alert('x')">&amp;`;
  const submitterPath = `closed/${hostile}`;
  const [firstResult] = small.results;
  if (firstResult === undefined) throw new Error('the small tree has a result');
  const page = render({
    ...small,
    root: `sub <mission> & "co"`,
    diagnostics: [
      finding({ ruleId: 'struct/hidden-names', unit: { kind: 'submitter', path: submitterPath }, file: `${submitterPath}/a#b?%.txt`, message: `Name ${hostile} is hidden.` }),
      finding({ ruleId: 'sys/meaningful-fields', unit: { kind: 'submitter', path: submitterPath }, message: hostile, suppression: waiver(hostile, hostile) }),
    ],
    results: [{ ...firstResult, submitter: hostile, system: hostile, benchmark: hostile, scenario: hostile, path: `${submitterPath}/results/${hostile}` }],
  });

  it('escapes every value from the tree, in text and in attributes: no tag but the page’s own', () => {
    const tags = new Set([...page.matchAll(/<\/?([a-zA-Z!][a-zA-Z0-9]*)/g)].map((match) => match[1]?.toLowerCase()));
    expect([...tags].sort()).toEqual(
      ['!doctype', 'a', 'body', 'code', 'div', 'dd', 'dl', 'dt', 'form', 'h1', 'h2', 'head', 'header', 'html', 'input', 'label', 'li', 'main', 'meta', 'option', 'p', 's', 'script', 'section', 'select', 'span', 'strong', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr', 'ul'].sort(),
    );
    expect(page.match(/<script/g)).toHaveLength(1);
    const escaped = '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;amp;';
    expect(page).toContain(`<td>${escaped}</td>`);
    expect(page).toContain(`data-submitter="${escaped}"`);
    expect(page).toContain(`Name ${escaped} is hidden.`);
    expect(page).toContain(`Waived: “${escaped}”, approved by ${escaped}`);
    expect(page).toContain('<title>mlperf-audit: sub &lt;mission&gt; &amp; &quot;co&quot; (v6.0, recommended)</title>');
  });

  it('percent-encodes links to files, segment by segment, then escapes them for the attribute', () => {
    expect(page).toContain(`href="sub%20%3Cmission%3E%20%26%20%22co%22/closed/%3Cimg%20src%3Dx%20onerror%3D%22alert(&#39;x&#39;)%22%3E%26amp%3B/a%23b%3F%25.txt"`);
    expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;');
  });
});

describe('html: links', () => {
  it('joins a relative root with the file, so a report written where the audit ran opens it', () => {
    expect(fileLinker('my-submission')('closed/Org/systems/a b.json')).toBe('my-submission/closed/Org/systems/a%20b.json');
    expect(fileLinker('../rounds/v5.1/')('closed')).toBe('../rounds/v5.1/closed');
    expect(fileLinker('../rounds/v5.1')('')).toBe('../rounds/v5.1');
  });

  it('gives an absolute root file:// links', () => {
    expect(fileLinker('/data/v5.1')('closed/Org/x#1.txt')).toBe('file:///data/v5.1/closed/Org/x%231.txt');
    expect(fileLinker('/data/v5.1/')('closed')).toBe('file:///data/v5.1/closed');
  });

  it('links each rule to its docs page, from the one shared base', () => {
    const page = render(small);
    const [first] = small.diagnostics;
    expect(page).toContain(`href="${ruleDocsUrl(first?.ruleId ?? '')}"`);
    expect(ruleDocsUrl('perf/test-mode')).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/main\/docs\/rules\/perf\/test-mode\.md$/);
  });

  it('is registered as --format html', () => {
    expect(reporters.html).toBe(htmlReporter);
  });
});

describe('html: waived findings', () => {
  const [waived, ...others] = small.diagnostics;
  if (waived === undefined) throw new Error('the small tree has findings');
  const page = render({ ...small, diagnostics: [{ ...waived, suppression: waiver('Known LoadGen quirk, fixed next round.', 'results chair') }, ...others] });

  it('shows a waived finding struck through, with a badge, the justification, the approver and where the waiver is', () => {
    const cells = page.slice(page.indexOf('<tr class="suppressed"'));
    expect(cells).toMatch(/^<tr class="suppressed"[^>]*><td><span class="badge \w+">\w+<\/span> <span class="badge waived">waived<\/span><\/td>/);
    expect(cells).toContain(`<s>${escapeHtml(waived.message)}</s><p class="waiver">Waived: “Known LoadGen quirk, fixed next round.”, approved by results chair (<code>mlperf-audit.config.yaml</code>, <code>waivers[2]</code>).</p>`);
  });

  it('counts it as waived, not under its severity', () => {
    const active = others.filter((diagnostic) => diagnostic.severity === waived.severity).length;
    expect(page).toContain(`<li class="${waived.severity}"><strong>${active}</strong>`);
    expect(page).toContain('<li class="waived"><strong>1</strong> waived</li>');
  });
});

describe('html: filters', () => {
  const [result] = small.results;
  if (result === undefined) throw new Error('the small tree has a result');
  const page = render({
    ...small,
    diagnostics: [
      finding({ ruleId: 'struct/no-results', severity: 'warning', unit: { kind: 'root', path: '' } }),
      finding({ ruleId: 'struct/hidden-names', unit: { kind: 'division', path: 'open' }, file: 'open/.DS_Store' }),
      finding({ ruleId: 'sys/meaningful-fields', unit: { kind: 'submitter', path: 'closed/Zeta' }, file: 'closed/Zeta/systems/s.json' }),
      finding({ ruleId: 'perf/test-mode', unit: { kind: 'scenario', path: 'network/Alpha/results/s/b/Offline' } }),
    ],
    results: [result, { ...result, division: 'network', submitter: 'Alpha', status: 'rejected', rejectedBy: ['acc/extra-artifacts', 'perf/test-mode'] }],
  });

  it('offers the submitters, divisions, rules and severities of the audit, sorted, after "all"', () => {
    expect(optionsOf(page, 'submitter')).toEqual(['Alpha', 'RedHat', 'Zeta']);
    expect(optionsOf(page, 'division')).toEqual(['closed', 'network', 'open']);
    expect(optionsOf(page, 'rule')).toEqual(['acc/extra-artifacts', 'perf/test-mode', 'struct/hidden-names', 'struct/no-results', 'sys/meaningful-fields']);
    // Only the severities present, in severity order.
    expect(optionsOf(page, 'severity')).toEqual(['error', 'warning']);
    expect(page).toMatch(/<label>Text<input type="search" name="text"/);
  });

  it('tags each row with what the filters match, a finding by the unit it is about', () => {
    expect(page).toContain('<tr data-submitter="" data-division="" data-rule="struct/no-results" data-severity="warning">');
    expect(page).toContain('<tr data-submitter="" data-division="open" data-rule="struct/hidden-names" data-severity="error">');
    expect(page).toContain('<tr data-submitter="Alpha" data-division="network" data-rule="perf/test-mode" data-severity="error">');
    expect(page).toContain('<tr data-submitter="Alpha" data-division="network" data-rule="acc/extra-artifacts perf/test-mode">');
  });

  it('hides the controls until the script runs, so that a page without JavaScript shows no dead controls', () => {
    expect(page).toMatch(/<form id="filters"[^>]* hidden>/);
  });
});

describe('html: page', () => {
  it('matches the snapshot of a small tree, with a waived finding', async () => {
    const [waived, ...others] = small.diagnostics;
    if (waived === undefined) throw new Error('the small tree has findings');
    // Independent of the machine, the run and the release: the root as a user would type it, no timing, no version.
    const normalized: AuditResult = {
      ...small,
      root: 'my-submission',
      tool: { ...small.tool, version: '0.0.0' },
      stats: { ...small.stats, durationMs: 0 },
      diagnostics: [{ ...waived, suppression: waiver('Reviewed with the results chair.', 'A. Reviewer') }, ...others],
    };
    await expect(render(normalized)).toMatchFileSnapshot('./__snapshots__/html-report.html');
  });
});

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('html: in a browser (headless Chromium, the shared v5.1 data)', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'mlperf-audit-html-'));
  const reportFile = path.join(workDir, 'report.html');
  let browser: Browser | undefined;
  let audit: AuditResult;

  beforeAll(async () => {
    audit = await auditSubmission({ fs: new DiskFs(sharedInference('v5.1')), round: 'v5.1', profile: 'recommended' });
    writeFileSync(reportFile, render(audit));
    if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  /** Fails each browser test, never skips it, when there is no Chromium: CI must run them. */
  const openReport = async (options: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' }) => {
    if (browser === undefined) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: the HTML report's browser tests need it. Install it with ` +
          '`sudo apt-get install -y --no-install-recommends chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
      );
    }
    return browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  };

  afterAll(async () => {
    await browser?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('loads with no console message, page error or request but the file itself; filters change the visible rows; screenshots', async () => {
    const context = await openReport({ javaScriptEnabled: true });
    const page = await context.newPage();
    const consoleMessages: string[] = [];
    const errors: string[] = [];
    const requests: string[] = [];
    const failures: string[] = [];
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    page.on('requestfailed', (request) => failures.push(`${request.url()}: ${request.failure()?.errorText}`));
    const reportUrl = pathToFileURL(reportFile).href;
    await page.goto(reportUrl);

    const visible = (table: 'results' | 'findings') => page.locator(`#${table} tbody tr:visible`).count();
    const shown = (table: 'results' | 'findings') => page.locator(`[data-shown="${table}"]`).textContent();
    expect(await page.locator('#filters').isVisible()).toBe(true);
    expect(await visible('results')).toBe(audit.results.length);
    expect(await visible('findings')).toBe(audit.diagnostics.length);

    const errorCount = audit.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    expect(errorCount).toBeGreaterThan(0);
    expect(errorCount).toBeLessThan(audit.diagnostics.length);
    await page.selectOption('select[name="severity"]', 'error');
    expect(await visible('findings')).toBe(errorCount);
    expect(await shown('findings')).toBe(String(errorCount));
    expect(await visible('results')).toBe(audit.results.length);

    await page.selectOption('select[name="severity"]', '');
    const submitter = 'RedHat';
    const ofSubmitter = audit.results.filter((verdict) => verdict.submitter === submitter).length;
    const findingsOfSubmitter = audit.diagnostics.filter((diagnostic) => diagnostic.unit.path.split('/')[1] === submitter).length;
    expect(ofSubmitter).toBeGreaterThan(0);
    expect(ofSubmitter).toBeLessThan(audit.results.length);
    await page.selectOption('select[name="submitter"]', submitter);
    expect(await visible('results')).toBe(ofSubmitter);
    expect(await shown('results')).toBe(String(ofSubmitter));
    expect(await visible('findings')).toBe(findingsOfSubmitter);

    await page.selectOption('select[name="submitter"]', '');
    const rule = 'acc/extra-artifacts';
    const rejectedByRule = audit.results.filter((verdict) => verdict.rejectedBy.includes(rule)).length;
    expect(rejectedByRule).toBeGreaterThan(0);
    await page.selectOption('select[name="rule"]', rule);
    expect(await visible('results')).toBe(rejectedByRule);
    expect(await visible('findings')).toBe(audit.diagnostics.filter((diagnostic) => diagnostic.ruleId === rule).length);
    await page.selectOption('select[name="rule"]', '');

    await page.fill('input[name="text"]', 'no such text anywhere');
    expect(await visible('results')).toBe(0);
    expect(await page.locator('#results-none').isVisible()).toBe(true);
    await page.fill('input[name="text"]', '');
    expect(await visible('findings')).toBe(audit.diagnostics.length);

    // The file links open the audited files.
    const fileLinks = await page.locator('#findings td.path a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(fileLinks).toHaveLength(audit.diagnostics.length);
    for (const link of fileLinks) expect(existsSync(fileURLToPath(link)), link).toBe(true);

    const screenshot = path.join(workDir, 'report.png');
    await page.screenshot({ path: screenshot });
    const png = readFileSync(screenshot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(10_000);

    expect(consoleMessages).toEqual([]);
    expect(errors).toEqual([]);
    expect(failures).toEqual([]);
    expect(requests).toEqual([reportUrl]);
    await context.close();
  });

  it('reads the same with JavaScript off: every row shown, no filter controls', async () => {
    const context = await openReport({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(reportFile).href);
    expect(await page.locator('#results tbody tr:visible').count()).toBe(audit.results.length);
    expect(await page.locator('#findings tbody tr:visible').count()).toBe(audit.diagnostics.length);
    expect(await page.locator('#filters').isVisible()).toBe(false);
    await context.close();
  });

  it('is accessible: named controls, column headers, and text contrast of at least 4.5:1 in the light and the dark scheme', async () => {
    const backgrounds: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await openReport({ colorScheme });
      const page = await context.newPage();
      await page.goto(pathToFileURL(reportFile).href);
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const named = (role: string) => nodes.filter((node) => node.role?.value === role && !node.ignored).map((node) => String(node.name?.value));
      expect(named('combobox')).toEqual(['Submitter', 'Division', 'Rule', 'Severity']);
      expect(named('searchbox')).toEqual(['Text']);
      expect(named('columnheader')).toEqual(expect.arrayContaining(['Submitter', 'Verdict', 'Reasons', 'Severity', 'File', 'Message', 'Rule']));
      expect(named('row').length).toBeGreaterThan(audit.results.length + audit.diagnostics.length);

      const colour = (selector: string, property: 'color' | 'backgroundColor') =>
        page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`);
      const background = await colour('body', 'backgroundColor');
      backgrounds.push(background);
      for (const selector of ['body', 'td a', '.badge.error', '.badge.warning', '.badge.info', '.badge.accepted', '.badge.rejected', '.counts .waived', '.facts dt']) {
        expect(contrast(await colour(selector, 'color'), background), `${colorScheme}: ${selector}`).toBeGreaterThanOrEqual(4.5);
      }
      await context.close();
    }
    expect(backgrounds[0]).not.toBe(backgrounds[1]);
  });
});

/** WCAG 2 contrast ratio of two computed `rgb(r, g, b)` colours. */
function contrast(foreground: string, background: string): number {
  const luminance = (colour: string): number => {
    const channels = colour.match(/\d+(\.\d+)?/g)?.slice(0, 3).map((value) => Number(value) / 255);
    if (channels?.length !== 3) throw new Error(`not an rgb() colour: ${colour}`);
    const [red = 0, green = 0, blue = 0] = channels.map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  };
  const [lighter, darker] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
}
