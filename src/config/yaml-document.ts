import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, YAMLException, type Event } from 'js-yaml';

/** A YAML file's value, with the line each of its nodes starts on, by JSON Pointer (`/waivers/0/rule`). */
export interface YamlDocument {
  readonly value: unknown;
  readonly lines: ReadonlyMap<string, number>;
}

export type YamlResult = { readonly ok: true; readonly document: YamlDocument } | { readonly ok: false; readonly message: string; readonly line?: number };

/**
 * Parses one YAML document (an empty file is an empty document, `null`). The parser's event stream gives every node's
 * offset, so a schema error found in the value can be traced back to its line.
 */
export function parseYamlDocument(text: string, filename: string): YamlResult {
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, { filename });
    documents = constructFromEvents(events, { source: text, filename });
  } catch (cause) {
    if (cause instanceof YAMLException) return { ok: false, message: cause.reason, ...(cause.mark && { line: cause.mark.line + 1 }) };
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
  if (documents.length > 1) return { ok: false, message: `it holds ${documents.length} YAML documents (separated by ---); keep one` };
  return { ok: true, document: { value: documents[0] ?? null, lines: nodeLines(text, events) } };
}

/** The line of the node at a JSON Pointer, or of its nearest ancestor that has one. */
export function lineOf(document: YamlDocument, pointer: string): number | undefined {
  for (let current = pointer; ; current = current.slice(0, current.lastIndexOf('/'))) {
    const line = document.lines.get(current);
    if (line !== undefined || current === '') return line;
  }
}

/** Escapes a mapping key for a JSON Pointer (RFC 6901), as ajv writes its instance paths. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The keys and indices a JSON Pointer names, unescaped: `/rules/sys~1unknown-fields` is rules, sys/unknown-fields. */
export function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Walks the event stream (document, then nested mapping / sequence / scalar / alias events closed by pops). */
function nodeLines(text: string, events: readonly Event[]): Map<string, number> {
  const lineStarts = [0];
  for (let offset = text.indexOf('\n'); offset !== -1; offset = text.indexOf('\n', offset + 1)) lineStarts.push(offset + 1);
  const lineAt = (offset: number): number => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= offset) line++;
    return line + 1;
  };
  const lines = new Map<string, number>();
  let next = 0;
  const startOf = (event: Event): number => {
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return event.start;
    if (event.type === EVENT_ID.SCALAR) return event.valueStart;
    if (event.type === EVENT_ID.ALIAS) return event.anchorStart;
    return -1;
  };
  /** Records the node that starts at `next` under `pointer`: at `keyOffset` (its key's line) when it has one. */
  const visit = (pointer: string | undefined, keyOffset: number): void => {
    const event = events[next++];
    if (event === undefined) return;
    const offset = keyOffset >= 0 ? keyOffset : startOf(event);
    if (pointer !== undefined && offset >= 0) lines.set(pointer, lineAt(offset));
    if (event.type === EVENT_ID.MAPPING) {
      while (next < events.length && events[next]?.type !== EVENT_ID.POP) {
        const key = events[next] as Event;
        // Only plain keys name a path; a complex key (a mapping used as a key) is stepped over.
        const name = key.type === EVENT_ID.SCALAR ? getScalarValue(text, key) : undefined;
        visit(undefined, -1);
        visit(pointer !== undefined && name !== undefined ? `${pointer}/${pointerSegment(name)}` : undefined, startOf(key));
      }
      next++;
    } else if (event.type === EVENT_ID.SEQUENCE) {
      for (let index = 0; next < events.length && events[next]?.type !== EVENT_ID.POP; index++) visit(pointer === undefined ? undefined : `${pointer}/${index}`, -1);
      next++;
    }
  };
  // The first event opens the document; its one node is the root.
  if (events[next]?.type === EVENT_ID.DOCUMENT) next++;
  visit('', -1);
  return lines;
}
