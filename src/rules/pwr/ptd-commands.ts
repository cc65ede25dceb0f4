import { powerCheckData, type PowerCheckData } from '../../checkers/inference/power.ts';
import { isRecord, loadPtdSessions, SUPPORTED_METERS } from '../../checkers/inference/ptd-session.ts';
import { parsePythonFloat } from '../../parsers/power/python-values.ts';
import { defineRule } from '../rule.ts';

/** The replies PTD gives to the commands of a normal session (`check_reply`). */
const EXPECTED_REPLIES: readonly (readonly [string, string])[] = [
  ['SR,A', 'Range A changed'],
  ['SR,V', 'Range V changed'],
  ['Go,1000,', 'Starting untimed measurement, maximum 500000 samples at 1000ms with 0 rampup samples'],
  ['Stop', 'Stopping untimed measurement'],
];
/** The third `Stop` of a session finds no measurement running. */
const THIRD_STOP_REPLY = 'Error: no measurement to stop';

type MessageId = 'malformed' | 'noIdentify' | 'unsupportedVersion' | 'unsupportedMeter' | 'wrongReply' | 'noInitialRanges' | 'rangeNotRestored';
interface Failure {
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string | number>>;
}

export default defineRule({
  id: 'pwr/ptd-commands',
  meta: {
    description: 'The PTD session of a power result used a supported PTD version and analyzer, got the expected replies, and restored the initial ranges at the end.',
    category: 'pwr',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText: 'MLPerf Power rules: measurements use the SPEC PTDaemon version and the power analyzers the Power WG supports, driven by the MLCommons power server (checked by the Power WG checker on server.json ptd_messages).',
    messages: {
      malformed: 'server.json has no usable PTD message list ({{reason}}). Copy the server.json the MLCommons power server wrote, unmodified.',
      noIdentify: 'server.json records no reply to the PTD "Identify" command, so neither the PTD version nor the analyzer is known. Measure again with the MLCommons power server, which identifies the analyzer first.',
      unsupportedVersion: 'PTD version {{version}} is not supported in this round (supported: {{supported}}). Measure again with a supported PTDaemon release.',
      unsupportedMeter: 'Power analyzer "{{meter}}" is not supported (supported: {{supported}}). Measure again with a supported Yokogawa analyzer.',
      wrongReply: 'PTD replied "{{actual}}" to "{{command}}" where a normal session gets "{{expected}}". Measure again; if the analyzer was misconfigured, fix it first.',
      noInitialRanges: 'The initial analyzer ranges cannot be read from the reply {{reply}} to the third PTD command. Copy the server.json the MLCommons power server wrote, unmodified.',
      rangeNotRestored: 'The {{quantity}} range was not restored to its initial value after the session: expected "{{expected}}", found {{found}}. Measure again with the MLCommons power server, which restores the ranges.',
    },
    // "Check PTD commands and replies" fails, the Power WG checker returns 1, and the result is rejected.
    rejects: 'scenario',
    official: {},
  },
  async check({ unit, round, profile, index, load, report }) {
    const sessions = await loadPtdSessions(load, index, unit);
    if (!sessions) return;
    const failure = ptdMessagesFailure(sessions.server['ptd_messages'], powerCheckData(round), profile === 'official');
    if (failure) report({ messageId: failure.messageId, file: sessions.serverPath, data: failure.data });
  },
});

interface PtdMessage {
  readonly cmd: string;
  readonly reply: unknown;
}

/** `ptd_messages_check`: the first assertion that fails, if any. */
function ptdMessagesFailure(value: unknown, data: PowerCheckData, official: boolean): Failure | undefined {
  if (!Array.isArray(value)) return fail('malformed', { reason: 'ptd_messages is not a list' });
  if (!value.every((message) => isRecord(message) && typeof message['cmd'] === 'string')) {
    return fail('malformed', { reason: 'a PTD message has no command text' });
  }
  const messages = value as readonly PtdMessage[];
  const identify = messages.find((message) => message.cmd === 'Identify');
  const identifyReply = identify === undefined ? '' : identify.reply;
  if (typeof identifyReply !== 'string') return fail('malformed', { reason: 'the reply to "Identify" is not text' });
  if (identifyReply.length === 0) return fail('noIdentify', {});
  const meter = identifyReply.split(',')[0] as string;
  const version = /(?<=version=)(.+?)-/.exec(identifyReply)?.[1] ?? '';
  if (!data.ptdVersions.includes(version)) return fail('unsupportedVersion', { version: JSON.stringify(version), supported: data.ptdVersions.join(', ') });
  if (!Object.hasOwn(SUPPORTED_METERS, meter)) return fail('unsupportedMeter', { meter, supported: Object.keys(SUPPORTED_METERS).join(', ') });

  for (const [prefix, normalReply] of EXPECTED_REPLIES) {
    let expected = normalReply;
    let stops = 0;
    for (const message of messages) {
      if (!message.cmd.startsWith(prefix)) continue;
      if (message.cmd === 'Stop') {
        if (stops === 2) expected = THIRD_STOP_REPLY;
        stops++;
      }
      if (!Object.hasOwn(message, 'reply')) return fail('malformed', { reason: `the PTD message "${message.cmd}" has no reply` });
      if (message.reply !== expected) return fail('wrongReply', { command: message.cmd, expected, actual: String(message.reply) });
    }
  }

  const rangesReply = messages[2]?.reply;
  if (typeof rangesReply !== 'string') return fail('malformed', { reason: 'the third PTD message has no text reply' });
  const amps = initialRange(rangesReply, 1);
  const volts = initialRange(rangesReply, 3);
  if (amps === undefined || volts === undefined) return fail('noInitialRanges', { reply: JSON.stringify(rangesReply) });
  const nthCommand = (prefix: string, position: number): string | undefined => messages.filter((message) => message.cmd.startsWith(prefix))[position - 1]?.cmd;

  const { commands, allMustExist } = data.ampsRangeRestore;
  // The official lookup asserts that every SR,A it reads exists (at HEAD: the fourth too, even when the third restores it).
  const ampsCommands = commands.map((position) => nthCommand('SR,A', position));
  const missingPosition = commands.find((_, position) => ampsCommands[position] === undefined);
  if ((official && allMustExist && missingPosition !== undefined) || ampsCommands.every((command) => command === undefined)) {
    return fail('rangeNotRestored', { quantity: 'amps', expected: `SR,A,${amps}`, found: `no SR,A command number ${missingPosition ?? commands[0]}` });
  }
  if (!ampsCommands.includes(`SR,A,${amps}`)) {
    return fail('rangeNotRestored', { quantity: 'amps', expected: `SR,A,${amps}`, found: ampsCommands.filter((command) => command !== undefined).map((command) => `"${command}"`).join(' and ') });
  }
  const voltsCommand = nthCommand('SR,V', 3);
  if (voltsCommand !== `SR,V,${volts}`) {
    return fail('rangeNotRestored', { quantity: 'volts', expected: `SR,V,${volts}`, found: voltsCommand === undefined ? 'no third SR,V command' : `"${voltsCommand}"` });
  }
  return undefined;
}

/** `get_initial_range`: the value after a "0" flag in the `RR` reply ("Ranges,<a flag>,<amps>,<v flag>,<volts>"), else "Auto". */
function initialRange(reply: string, flagPosition: number): string | undefined {
  const fields = reply.split(',');
  const flag = fields[flagPosition];
  if (flag === undefined) return undefined;
  if (flag !== '0') return 'Auto';
  const valueText = fields[flagPosition + 1];
  const value = valueText === undefined ? undefined : parsePythonFloat(valueText);
  if (valueText === undefined || value === undefined) return undefined;
  return value > 0 ? valueText : 'Auto';
}

function fail(messageId: MessageId, data: Readonly<Record<string, string | number>>): Failure {
  return { messageId, data };
}
