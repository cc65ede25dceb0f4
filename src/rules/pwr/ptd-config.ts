import { isRecord, loadPtdSessions, SUPPORTED_METERS } from '../../checkers/inference/ptd-session.ts';
import { defineRule } from '../rule.ts';

/** The PTD device number of the two-channel WT330 (YokogawaWT330_multichannel), which must be set up with two channels. */
const MULTICHANNEL_DEVICE = 77;

export default defineRule({
  id: 'pwr/ptd-config',
  meta: {
    description: 'The PTD configuration of a power result names a supported analyzer device, with two channels for the multichannel WT330.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: only the power analyzers the Power WG supports may be used, configured as documented (Power WG checker "Check PTD configuration").',
    messages: {
      malformed: 'server.json has no usable PTD configuration ({{reason}}). Copy the server.json the MLCommons power server wrote, unmodified.',
      unsupportedDevice: 'PTD device number {{device}} is not a supported analyzer (supported: {{supported}}). Measure again with a supported Yokogawa analyzer.',
      notMultichannel: 'The YokogawaWT330_multichannel analyzer (device 77) ran with {{setup}}, but it must measure two channels. Configure PTD with "-c" and two channels and measure again.',
    },
    // "Check PTD configuration" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    const file = sessions.serverPath;
    const config = sessions.server['ptd_config'];
    if (!isRecord(config) || !Object.hasOwn(config, 'device_type')) {
      report({ messageId: 'malformed', file, data: { reason: 'ptd_config with a device_type is missing' } });
      return;
    }
    const device = config['device_type'];
    if (typeof device !== 'number' || !Object.values(SUPPORTED_METERS).includes(device)) {
      report({ messageId: 'unsupportedDevice', file, data: { device: JSON.stringify(device), supported: [...new Set(Object.values(SUPPORTED_METERS))].join(', ') } });
      return;
    }
    if (device !== MULTICHANNEL_DEVICE) return;
    const command = config['command'];
    if (!Array.isArray(command) || !Object.hasOwn(config, 'channel')) {
      report({ messageId: 'malformed', file, data: { reason: 'the PTD command line or channel list is missing' } });
      return;
    }
    const flag = command.indexOf('-c');
    const channels = flag === -1 ? '' : command[flag + 1];
    const channelList = config['channel'];
    if (typeof channels !== 'string') {
      report({ messageId: 'malformed', file, data: { reason: 'the "-c" option of the PTD command line has no value' } });
      return;
    }
    const listed = Array.isArray(channelList) || typeof channelList === 'string' ? channelList.length : 0;
    if (channels.split(',').length !== 2 || listed !== 2) {
      report({ messageId: 'notMultichannel', file, data: { setup: channels === '' ? 'no "-c" channel option' : `channels "${channels}"` } });
    }
  },
});
