import { officialCalibrationLists } from '../../division/calibration-lists.ts';
import { checkCalibrationSet, type CalibrationSetUnverifiable } from '../../division/calibration-set.ts';
import { textParser } from '../../parsers/text-file.ts';
import { defineRule } from '../rule.ts';

/** Where submitters keep the calibration document (struct/calibration-doc checks that one exists). */
const DOCUMENT_PATHS: readonly string[] = ['calibration.md', 'documentation/calibration.md', 'documentation/calibration.adoc'];
const SHOWN = 5;

function firstFew(values: readonly string[]): string {
  return values.length > SHOWN ? `${values.slice(0, SHOWN).join(', ')} and ${values.length - SHOWN} more` : values.join(', ');
}

export default defineRule({
  id: 'div/calibration-set',
  meta: {
    description: "The calibration samples a submitter's calibration document declares come from one official calibration list of each benchmark; where the document names no sample, the rule says so.",
    category: 'div',
    scope: 'submitter',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText: 'inference_rules.adoc §8.1 ("Calibration is allowed and must only use the calibration data set provided by the benchmark owner. Submitters may choose to use only a subset of the calibration data set"), §8.2 (statistics of the accuracy or performance sets are disallowed), §6.1.',
    messages: {
      outsideLists:
        '{{document}} declares {{declared}} calibration samples for {{benchmark}}, of which {{outside}} are in no official calibration list of it: {{examples}}{{foreign}}. Calibrate {{benchmark}} only on samples of its official list ({{lists}}) and list them.',
      severalLists:
        '{{document}} declares calibration samples for {{benchmark}} from several official lists ({{touched}}); the rules allow a subset of one list. Calibrate on one list and say which.',
      coverage: '{{document}} declares {{declared}} calibration samples for {{benchmark}}, all in the official list {{list}} ({{coverage}} of its {{size}} samples).',
      cannotVerify: 'The calibration samples of {{benchmarks}} cannot be checked against the official lists ({{explanation}}). To make them checkable, list the sample identifiers used (or name the official list file and say that all of it was used).',
    },
    messageSeverities: { coverage: 'info', cannotVerify: 'info' },
    // The document speaks for the whole submitter; which results used which samples is not in the tree.
    rejects: 'none',
    // The official checkers only require that a calibration document exists (struct/calibration-doc).
    official: false,
  },
  async check({ unit, units, index, load, report }) {
    const document = DOCUMENT_PATHS.map((path) => `${unit.path}/${path}`).find((path) => index.isFile(path));
    if (document === undefined) return;
    const text = await load(document, textParser);
    if (!text.ok) return;
    const name = document.slice(unit.path.length + 1);
    const benchmarks = [...new Set(units.ofKind('benchmark').filter((benchmark) => benchmark.submitter === unit.submitter && benchmark.division === unit.division).map((benchmark) => benchmark.benchmark))].sort();
    const unverifiable = new Map<string, { result: CalibrationSetUnverifiable; benchmarks: string[] }>();
    for (const benchmark of benchmarks) {
      const result = checkCalibrationSet(text.value, { benchmark });
      if (result.status === 'cannot-verify') {
        const group = unverifiable.get(result.explanation) ?? { result, benchmarks: [] };
        group.benchmarks.push(benchmark);
        unverifiable.set(result.explanation, group);
        continue;
      }
      const list = result.closestList;
      if (result.outsideEveryList.length > 0) {
        const foreign = result.foreignLists.length > 0 ? ` (found in ${result.foreignLists.map((match) => match.list).join(', ')}, another benchmark's calibration data)` : '';
        report({
          messageId: 'outsideLists',
          file: document,
          data: { document: name, declared: result.declared, benchmark, outside: result.outsideEveryList.length, examples: firstFew(result.outsideEveryList), foreign, lists: officialCalibrationLists(benchmark).map((official) => official.id).join(' or ') },
        });
      } else if (result.spansSeveralLists) {
        report({ messageId: 'severalLists', file: document, data: { document: name, benchmark, touched: result.listsTouched.map((match) => `${match.list}: ${match.matched}`).join(', ') } });
      } else if (list !== undefined) {
        report({ messageId: 'coverage', file: document, data: { document: name, declared: result.declared, benchmark, list: list.list, coverage: `${(100 * list.coverage).toFixed(1)} %`, size: list.size } });
      }
    }
    for (const { result, benchmarks: affected } of unverifiable.values()) {
      report({ messageId: 'cannotVerify', file: document, data: { benchmarks: affected.join(', '), explanation: result.explanation.replace(/\.$/, '') } });
    }
  },
});
