import rule from '../../../src/rules/struct/broken-symlink.ts';
import { testRule } from '../../support/rule-tester.ts';

const submitter = 'closed/Org';
const base = { [`${submitter}/results/sys/resnet50/Offline/README.md`]: 'r', [`${submitter}/systems/sys.json`]: '{}' };

testRule(rule, {
  valid: [
    { name: 'no links', round: 'v5.1', tree: base },
    {
      name: 'a link to a file in the same folder',
      round: 'v5.1',
      tree: { ...base, [`${submitter}/results/sys/resnet50/Offline/README-copy.md`]: { symlink: 'README.md' } },
    },
    {
      name: 'the official profile resolves relative links from the root, as the monolith does',
      round: 'v5.1',
      profile: 'official',
      tree: { ...base, [`${submitter}/results/sys/resnet50/Offline/doc.md`]: { symlink: `${submitter}/systems/sys.json` } },
    },
  ],
  invalid: [
    {
      name: 'a link to nothing',
      round: 'v5.1',
      tree: { ...base, [`${submitter}/results/sys/resnet50/Offline/gone.txt`]: { symlink: 'missing.txt' } },
      errors: [{ messageId: 'broken', file: `${submitter}/results/sys/resnet50/Offline/gone.txt`, unit: submitter }],
    },
    {
      name: 'a link out of the submission',
      round: 'v6.0',
      tree: { ...base, [`${submitter}/results/sys/resnet50/Offline/passwd`]: { symlink: '../../../../../../../etc/passwd' } },
      errors: [{ messageId: 'outside', message: 'points outside the submission' }],
    },
    {
      name: 'the official profile misreads a relative link that works from its own folder',
      round: 'v4.1',
      profile: 'official',
      tree: { ...base, [`${submitter}/results/sys/resnet50/Offline/README-copy.md`]: { symlink: 'README.md' } },
      errors: [{ messageId: 'broken' }],
    },
  ],
});
