import { endpointsAuditPath, endpointsComplianceSubject } from '../../checkers/inference/endpoints.ts';
import { endpointsJsonParser, isObject, pythonTruthy } from '../../parsers/endpoints.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'comp/endpoints-audit',
  meta: {
    description:
      'An endpoints ("LoadGen++") result carries a passing audit (audit/audit_<name>.json) for each compliance test the round requires of endpoints results, and every audit it carries is of the right test and passed.',
    category: 'comp',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: { since: 'v6.1' },
    ruleText: 'inference_rules.adoc §9 (compliance tests: results must pass the audit tests of their benchmark; TEST04, no caching of repeated samples) and the LoadGen++ audits replacing TESTxx folders (v6.1).',
    messages: {
      missing:
        '{{file}} is missing: an endpoints result of {{model}} must carry the {{test}} audit ({{audit}}). Run the endpoints tool\'s {{audit}} audit for this scenario and copy its audit_{{audit}}.json into audit/.',
      unreadable: '{{file}} {{problem}}, so the {{test}} audit cannot be read. Keep the file the endpoints tool wrote: a JSON object with "test" and "passed".',
      wrongTest: '{{file}} is the audit of {{found}}, not of {{audit}} ({{test}}). Copy the result of the {{audit}} audit into this file.',
      failed:
        '{{file}} says the {{test}} audit ({{audit}}) did not pass ("passed": {{value}}). Find out why the audit run differs from the performance run (e.g. cached or reused outputs), fix it and run the audit again.',
    },
    // The modular checker's compliance check fails and rejects the result.
    rejects: 'scenario',
    official: { rounds: { since: 'v6.1' } },
  },
  async check(context) {
    const { unit, load, report } = context;
    const subject = await endpointsComplianceSubject(context);
    if (subject === undefined) return;
    const { policy, model, modelData } = subject;
    for (const test of modelData?.complianceTests ?? []) {
      const audit = policy.auditTests[test];
      if (audit === undefined) continue;
      const file = endpointsAuditPath(unit.path, audit);
      const data = { file, test, audit, model };
      const parsed = await load(file, endpointsJsonParser);
      if (!parsed.ok) {
        const missing = parsed.problems.every((problem) => problem.kind === 'missing');
        // Only the required audits must be there (endpoint_audit_file_required: TEST04, wan-2.2-t2v-a14b).
        if (missing && policy.requiredAuditTests.includes(test) && policy.allowedModels.includes(model)) report({ messageId: 'missing', file: `${unit.path}/audit`, data });
        else if (!missing) report({ messageId: 'unreadable', file, data: { ...data, problem: parsed.problems[0]?.message ?? 'cannot be read' } });
        continue;
      }
      const json = parsed.value.data;
      // The checker reads json["test"] and json["passed"]; anything else raises, which it reports as unloadable.
      if (!isObject(json) || !Object.hasOwn(json, 'test')) report({ messageId: 'unreadable', file, data: { ...data, problem: 'has no "test" field' } });
      else if (json['test'] !== audit) report({ messageId: 'wrongTest', file, data: { ...data, found: JSON.stringify(json['test']) } });
      else if (!Object.hasOwn(json, 'passed')) report({ messageId: 'unreadable', file, data: { ...data, problem: 'has no "passed" field' } });
      else if (!pythonTruthy(json['passed'])) report({ messageId: 'failed', file, data: { ...data, value: JSON.stringify(json['passed']) } });
    }
  },
});
