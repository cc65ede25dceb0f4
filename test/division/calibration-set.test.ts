import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allOfficialCalibrationLists, benchmarkBaseName, officialCalibrationLists } from '../../src/division/calibration-lists.ts';
import { checkCalibrationSet, type CalibrationSetChecked, type CalibrationSetResult } from '../../src/division/calibration-set.ts';
import { sharedInference, SHARED } from '../support/shared-data.ts';

const listIds = (benchmark: string): string[] => officialCalibrationLists(benchmark).map(({ id }) => id);
const entriesOf = (benchmark: string, listIndex = 0): string[] => [...(officialCalibrationLists(benchmark)[listIndex]?.identifiers ?? [])];

function checked(result: CalibrationSetResult): CalibrationSetChecked {
  if (result.status !== 'checked') throw new Error(`expected identifiers to be found: ${result.explanation}`);
  return result;
}

describe('official calibration lists', () => {
  it('holds every list unchanged from the shared copy of mlcommons/inference@b66003e1', () => {
    for (const { id } of allOfficialCalibrationLists()) {
      const projectCopy = readFileSync(new URL(`../../src/division/calibration/${id}`, import.meta.url));
      expect(projectCopy.equals(readFileSync(path.join(SHARED, 'data', 'calibration', id))), id).toBe(true);
    }
  });

  it('reads the entries of each list in its canonical spelling', () => {
    const sizes = Object.fromEntries(allOfficialCalibrationLists().map(({ id, identifiers }) => [id, identifiers.size]));
    expect(sizes).toEqual({
      'ImageNet/cal_image_list_option_1.txt': 500,
      'ImageNet/cal_image_list_option_2.txt': 500,
      'openimages/openimages_cal_images_list.txt': 500,
      'COCO/coco_cal_images_list.txt': 500,
      'COCO-2014/coco_cal_captions_list.txt': 500,
      'SQuAD-v1.1/bert_calibration_qas_ids.txt': 100,
      'SQuAD-v1.1/bert_calibration_features.txt': 100,
      // 1000 lines, two ids twice.
      'CNNDailyMail/calibration-list.txt': 998,
      'KiTS/calibration_cases.txt': 20,
      'IGBH/calibration.txt': 5000,
      'LibriSpeech/calibration_files.txt': 500,
      'text_to_video/calibration_prompts.txt': 50,
    });
    // Option 2 lines are "<image> <label>"; LibriSpeech lines are paths.
    expect(entriesOf('resnet50', 1)[0]).toBe('ILSVRC2012_val_00031333.JPEG');
    expect(entriesOf('whisper')[0]).toBe('103-1240-0010');
  });

  it('maps MLPerf benchmark names, with their suffixes, and dataset folders to lists', () => {
    expect(listIds('resnet50')).toEqual(['ImageNet/cal_image_list_option_1.txt', 'ImageNet/cal_image_list_option_2.txt']);
    expect(listIds('resnet')).toEqual(listIds('ImageNet'));
    expect(listIds('retinanet')).toEqual(['openimages/openimages_cal_images_list.txt']);
    expect(listIds('bert-99.9')).toEqual(['SQuAD-v1.1/bert_calibration_qas_ids.txt', 'SQuAD-v1.1/bert_calibration_features.txt']);
    expect(listIds('gptj-99')).toEqual(['CNNDailyMail/calibration-list.txt']);
    expect(listIds('llama3.1-8b-edge')).toEqual(['CNNDailyMail/calibration-list.txt']);
    expect(listIds('stable-diffusion-xl')).toEqual(['COCO-2014/coco_cal_captions_list.txt']);
    expect(listIds('3d-unet-99.9')).toEqual(['KiTS/calibration_cases.txt']);
    expect(listIds('rgat')).toEqual(['IGBH/calibration.txt']);
    expect(listIds('whisper')).toEqual(['LibriSpeech/calibration_files.txt']);
    expect(listIds('wan-2.2-t2v-a14b')).toEqual(['text_to_video/calibration_prompts.txt']);
    expect(listIds('squad-v1.1')).toEqual(listIds('bert-99'));
    expect(listIds('llama2-70b-interactive-99')).toEqual([]);
    expect(benchmarkBaseName('llama2-70b-interactive-99.9')).toBe('llama2-70b');
  });
});

describe('declared calibration sets', () => {
  it('accepts a subset of one ImageNet option and reports its coverage', () => {
    const declared = entriesOf('resnet50').slice(0, 50);
    const text = `We calibrated on these images:\n${declared.map((name) => `- ${name.replace('.JPEG', '')}`).join('\n')}\n`;
    const result = checked(checkCalibrationSet(text, { benchmark: 'resnet50' }));
    expect(result).toMatchObject({ declared: 50, kinds: ['imagenet-image'], withinOneList: true, outsideEveryList: [], spansSeveralLists: false });
    expect(result.closestList).toEqual({ list: 'ImageNet/cal_image_list_option_1.txt', dataset: 'ImageNet', matched: 50, size: 500, coverage: 0.1 });
  });

  it('flags a set drawn from both ImageNet options', () => {
    const option2Only = entriesOf('resnet50', 1).filter((name) => !officialCalibrationLists('resnet50')[0]?.identifiers.has(name));
    const text = [...entriesOf('resnet50').slice(0, 10), ...option2Only.slice(0, 3)].join(', ');
    const result = checked(checkCalibrationSet(text, { benchmark: 'resnet50' }));
    expect(result).toMatchObject({ declared: 13, withinOneList: false, spansSeveralLists: true, outsideEveryList: [] });
    expect(result.closestList?.list).toBe('ImageNet/cal_image_list_option_1.txt');
    expect(result.listsTouched.map(({ list }) => list)).toHaveLength(2);
  });

  it('lists identifiers outside every list, and the other benchmark whose list holds them', () => {
    const validationImage = 'ILSVRC2012_val_00000001.JPEG';
    const retinanetImage = entriesOf('retinanet')[0] ?? '';
    const text = `${entriesOf('resnet50').slice(0, 5).join('\n')}\n${validationImage}\n${retinanetImage}\n`;
    const result = checked(checkCalibrationSet(text, { benchmark: 'resnet50' }));
    expect(result.withinOneList).toBe(false);
    expect(result.spansSeveralLists).toBe(false);
    expect(result.outsideEveryList).toEqual([validationImage, retinanetImage].sort());
    expect(result.foreignLists).toEqual([{ list: 'openimages/openimages_cal_images_list.txt', dataset: 'openimages', matched: 1, size: 500, coverage: 0.002 }]);
  });

  it('finds SQuAD question ids for bert but ignores bare hex (commits, digests) elsewhere', () => {
    const questions = entriesOf('bert-99').slice(0, 4);
    const text = `Calibrated on ${questions.join(' ')} with code at commit 0123456789abcdef01234567.`;
    const bert = checked(checkCalibrationSet(text, { benchmark: 'bert-99' }));
    expect(bert).toMatchObject({ declared: 5, outsideEveryList: ['0123456789abcdef01234567'], withinOneList: false });
    expect(checkCalibrationSet(text, { benchmark: 'retinanet' })).toMatchObject({ status: 'cannot-verify', reason: 'procedure-only' });
    // Hex path segments of URLs are not sample ids.
    const linked = `See https://github.com/org/repo/blob/${'a'.repeat(40)}/quantize.py; ids: ${entriesOf('gptj').slice(0, 2).join(', ')}`;
    expect(checked(checkCalibrationSet(linked, { benchmark: 'gptj' }))).toMatchObject({ declared: 2, withinOneList: true });
  });

  it('reads an explicit list file of integer indices', () => {
    const nodes = entriesOf('rgat').slice(100, 400);
    const result = checked(checkCalibrationSet(`${nodes.join('\n')}\n`, { benchmark: 'rgat', source: 'list-file' }));
    expect(result).toMatchObject({ declared: 300, kinds: ['index'], withinOneList: true });
    expect(result.closestList?.coverage).toBe(0.06);
    const stray = checked(checkCalibrationSet(`${nodes.slice(0, 3).join('\n')}\n7\n`, { benchmark: 'rgat', source: 'list-file' }));
    expect(stray.outsideEveryList).toEqual(['7']);
  });

  it('matches any list when no benchmark is given', () => {
    const result = checked(checkCalibrationSet(entriesOf('3d-unet').join(' ')));
    expect(result).toMatchObject({ declared: 20, withinOneList: true, closestList: { list: 'KiTS/calibration_cases.txt', coverage: 1 } });
  });

  it('cannot verify a benchmark without an official list in the project', () => {
    const result = checkCalibrationSet('We used 1000 samples from open-orca.', { benchmark: 'llama2-70b-99' });
    expect(result).toMatchObject({ status: 'cannot-verify', reason: 'no-official-list' });
  });
});

/** Every calibration document of the shared real submissions, as found by the checker. */
describe('real calibration documents', () => {
  const documents: Record<string, Pick<Extract<CalibrationSetResult, { status: 'cannot-verify' }>, 'reason' | 'namedLists' | 'referencedDocuments'>> = {
    'v4.1/closed/AMD/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v4.1/closed/ConnectTechInc/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v4.1/closed/Google/calibration.md': {
      reason: 'refers-to-other-document',
      namedLists: [],
      referencedDocuments: ['https://github.com/mlcommons/inference_results_v4.1/blob/main/closed/NVIDIA/calibration.md'],
    },
    'v4.1/closed/Google/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v4.1/closed/JuniperNetworks/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v4.1/closed/NeuralMagic/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v4.1/closed/Oracle/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v4.1/closed/RedHat/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v4.1/closed/UntetherAI/calibration.md': { reason: 'names-list-only', namedLists: ['ImageNet/cal_image_list_option_1.txt'], referencedDocuments: [] },
    'v4.1/open/HPE/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v4.1/open/NVIDIA/documentation/calibration.md': { reason: 'refers-to-other-document', namedLists: [], referencedDocuments: ['documentation/calibration.md'] },
    'v4.1/open/NeuralMagic/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v5.1/closed/Broadcom_Supermicro/calibration.md': {
      reason: 'refers-to-other-document',
      namedLists: [],
      referencedDocuments: ['closed/NVIDIA/documentation/calibration.md'],
    },
    'v5.1/closed/RedHat/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v5.1/closed/The_Stage/documentation/calibration.md': { reason: 'names-list-only', namedLists: ['COCO-2014/coco_cal_captions_list.txt'], referencedDocuments: [] },
    'v5.1/closed/University-of-Florida/documentation/calibration.md': {
      reason: 'refers-to-other-document',
      namedLists: [],
      referencedDocuments: ['closed/NVIDIA/documentation/calibration.md'],
    },
    'v5.1/open/Lenovo/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v6.0/closed/MiTAC/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v6.0/closed/RedHat/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
    'v6.0/open/AMD/documentation/calibration.md': { reason: 'procedure-only', namedLists: [], referencedDocuments: [] },
  };

  it('covers every calibration document of the shared submissions', () => {
    const found = readdirSync(path.join(SHARED, 'data', 'inference')).flatMap((round) =>
      ['closed', 'open', 'network'].flatMap((division) => {
        const divisionPath = path.join(sharedInference(round), division);
        const submitters = existsSync(divisionPath) ? readdirSync(divisionPath) : [];
        return submitters.flatMap((submitter) =>
          ['calibration.md', 'documentation/calibration.md']
            .map((document) => `${round}/${division}/${submitter}/${document}`)
            .filter((document) => existsSync(path.join(SHARED, 'data', 'inference', document))),
        );
      }),
    );
    expect(found.sort()).toEqual(Object.keys(documents).sort());
  });

  it.each(Object.entries(documents))('%s declares no identifier', (document, expected) => {
    const [round = '', ...rest] = document.split('/');
    const text = readFileSync(path.join(sharedInference(round), ...rest), 'utf8');
    expect(checkCalibrationSet(text)).toMatchObject({ status: 'cannot-verify', ...expected });
  });
});
