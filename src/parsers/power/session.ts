import { jsonParser } from '../json-file.ts';
import { failed, parsed, type FileSource, type ParseResult, type Parser } from '../parse-result.ts';

/** The keys the Power WG checker requires in both session descriptors (`SessionDescriptor.required_fields_check`). */
export const SESSION_REQUIRED_KEYS = ['version', 'timezone', 'modules', 'sources', 'messages', 'uuid', 'session_name', 'results', 'phases'] as const;

export interface PtdSession {
  readonly json: Readonly<Record<string, unknown>>;
  /** Required keys the descriptor lacks, in the order of SESSION_REQUIRED_KEYS. */
  readonly missingKeys: readonly string[];
}

/**
 * `power/client.json` or `power/server.json`, the session descriptor the MLCommons power client or server wrote:
 * source hashes, messages exchanged, UUIDs, phase times, result hashes (and, for the server, the PTD messages and
 * configuration).
 */
export const ptdSessionParser: Parser<PtdSession> = {
  id: 'ptd-session',
  async parse(source: FileSource): Promise<ParseResult<PtdSession>> {
    const document = await jsonParser.parse(source);
    if (!document.ok) return document;
    const json = document.value;
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return failed('malformed', 'is not a JSON object');
    const record = json as Record<string, unknown>;
    return parsed({ json: record, missingKeys: SESSION_REQUIRED_KEYS.filter((key) => !Object.hasOwn(record, key)) });
  },
};
