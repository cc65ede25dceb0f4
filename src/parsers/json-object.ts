import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { failed, looksBinary, parsed, positionAt, type Parser } from './parse-result.ts';

export interface JsonObjectDocument {
  readonly json: Readonly<Record<string, unknown>>;
  /** 1-based position of a top-level key; the object's opening brace when the key is absent. */
  positionOf(key: string): { line: number; column: number };
}

/**
 * A file that must hold one JSON object (system description, measurements JSON), with the positions of its keys for
 * diagnostics.
 */
export const jsonObjectParser: Parser<JsonObjectDocument> = {
  id: 'json-object',
  async parse(source) {
    const buffer = await source.readBuffer();
    if (looksBinary(buffer)) return failed('malformed', 'is a binary file, not JSON');
    const text = buffer.toString('utf8');
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    const first = errors[0];
    if (first !== undefined || tree === undefined) {
      return failed('malformed', `is not valid JSON: ${first ? printParseErrorCode(first.error) : 'empty file'}`, first ? positionAt(text, first.offset) : { line: 1, column: 1 });
    }
    if (tree.type !== 'object') return failed('malformed', 'must hold a JSON object', positionAt(text, tree.offset));
    const json = JSON.parse(text) as Record<string, unknown>;
    return parsed({
      json,
      positionOf: (key) => positionAt(text, (findNodeAtLocation(tree, [key])?.parent ?? tree).offset),
    });
  },
};
