import { officialForgivesOpen } from '../../checkers/inference/accuracy.ts';
import { modelOfUnit } from '../../checkers/inference/model-name.ts';
import { roundModel } from '../../checkers/inference/scenario-table.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'acc/extra-artifacts',
  meta: {
    description: 'Results of generative benchmarks keep the sample outputs the round asks for in accuracy/ (SDXL images/, Wan-2.2 videos/).',
    category: 'acc',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'submission_rules.adoc §5.6 and the benchmark READMEs (stable-diffusion-xl: accuracy/images/ with the listed sample images; wan-2.2-t2v-a14b: accuracy/videos/ with the listed videos), for human review of the generated outputs.',
    messages: {
      missingFolder: 'accuracy/{{folder}}/ is missing. {{model}} results of round {{round}} keep the outputs of samples {{ids}} there: save them (one file per sample, named <sample id>.<extension>) from the accuracy run into {{path}}.',
      missingFiles: 'accuracy/{{folder}}/ lacks the outputs of samples {{ids}}. Save them from the accuracy run as <sample id>.<extension> (for example {{example}}) into {{path}}.',
    },
    // Both checkers reject the result; the monolith lets an open result through (see the docs).
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, profile, index, load, report }) {
    if (officialForgivesOpen(round, profile, unit)) return;
    const accuracyFolder = `${unit.path}/accuracy`;
    // A missing accuracy/ folder is reported by struct/accuracy-txt.
    if (!index.isDirectory(accuracyFolder)) return;
    const model = await modelOfUnit(load, round, unit);
    const required = roundModel(round, model)?.extraAccuracyFiles;
    if (required === undefined) return;
    const { folder, ids } = required;
    const path = `${accuracyFolder}/${folder}`;
    if (!index.isDirectory(path)) {
      report({ messageId: 'missingFolder', file: accuracyFolder, data: { folder, model, round: round.id, ids: ids.join(', '), path } });
      return;
    }
    // The official checkers compare the text before the first dot of each file name with the sample ids.
    const present = new Set(index.fileNames(path).map((name) => name.split('.')[0]));
    const missing = ids.filter((id) => !present.has(id));
    if (missing.length > 0) report({ messageId: 'missingFiles', file: path, data: { folder, ids: missing.join(', '), example: `${missing[0]}.${folder === 'videos' ? 'mp4' : 'png'}`, path } });
  },
});
