import rule from '../../../src/rules/pwr/ptd-config.ts';
import { testRule } from '../../support/rule-tester.ts';
import { editJson, offline, performanceFile, ROUND, type Json } from './power-result.ts';

const server = performanceFile(offline, 'power/server.json');
const withConfig = (edit: (config: Json) => void) => editJson(offline, server, (json) => edit(json['ptd_config'] as Json));

testRule(rule, {
  valid: [
    { name: 'a real power result (WT210, device 8)', round: ROUND, tree: offline.tree },
    {
      name: 'a two-channel WT330',
      round: ROUND,
      tree: withConfig((config) => {
        config['device_type'] = 77;
        config['command'] = ['ptd-linux-x86', '-c', '1,2', '-p', '8888', '77', '/dev/ttyUSB0'];
        config['channel'] = [1, 2];
      }),
    },
  ],
  invalid: [
    {
      name: 'an unsupported device number',
      round: ROUND,
      tree: withConfig((config) => {
        config['device_type'] = 99;
      }),
      errors: [{ messageId: 'unsupportedDevice', file: server, message: 'PTD device number 99' }],
    },
    {
      name: 'a WT330 multichannel analyzer on one channel',
      round: ROUND,
      tree: withConfig((config) => {
        config['device_type'] = 77;
      }),
      errors: [{ messageId: 'notMultichannel', message: 'no "-c" channel option' }],
    },
    {
      name: 'no PTD configuration',
      round: ROUND,
      tree: editJson(offline, server, (json) => {
        delete json['ptd_config'];
      }),
      errors: [{ messageId: 'malformed', file: server }],
    },
  ],
});
