import { failed, type FileSource, type Parser, type ParseResult } from '../parsers/parse-result.ts';
import type { SubmissionFs } from '../tree/submission-fs.ts';
import type { SubmissionIndex } from '../tree/submission-index.ts';
import { splitLineBuffers, splitLines } from '../util/lines.ts';

/**
 * Reads and parses files for the rules, each (parser, file) pair once per audit. Only regular files the index
 * knows are read, and links only when they resolve inside the tree.
 */
export class FileLoader {
  readonly #fs: SubmissionFs;
  readonly #index: SubmissionIndex;
  readonly #cache = new Map<string, Promise<ParseResult<unknown>>>();

  constructor(fs: SubmissionFs, index: SubmissionIndex) {
    this.#fs = fs;
    this.#index = index;
  }

  load<T>(path: string, parser: Parser<T>): Promise<ParseResult<T>> {
    const key = `${parser.id}\u0000${path}`;
    let result = this.#cache.get(key);
    if (!result) {
      result = this.#parse(path, parser);
      this.#cache.set(key, result);
    }
    return result as Promise<ParseResult<T>>;
  }

  /** Drops what was parsed below a directory, once no rule will ask for it again (keeps memory bounded). */
  forget(directory: string): void {
    const prefix = `${directory}/`;
    for (const key of this.#cache.keys()) {
      if (key.slice(key.indexOf('\u0000') + 1).startsWith(prefix)) this.#cache.delete(key);
    }
  }

  async #parse<T>(path: string, parser: Parser<T>): Promise<ParseResult<T>> {
    const entry = this.#index.get(path);
    if (entry === undefined) return failed('missing', 'does not exist');
    if (entry.kind === 'symlink' && entry.link?.resolution !== 'inside') {
      return failed('unreadable', `is a symbolic link that ${entry.link?.resolution === 'broken' ? 'is broken' : 'points outside the submission'}`);
    }
    const target = this.#index.resolve(path);
    if (target?.kind !== 'file') return failed('missing', 'is not a regular file');
    if (target.error) return failed('unreadable', `cannot be read (${target.error})`);
    try {
      return await parser.parse(fileSource(this.#fs, target.path, target.size));
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (typeof code === 'string') return failed('unreadable', `cannot be read (${code})`);
      throw cause;
    }
  }

}

/** A file of a submission as parsers read it: whole, its head, or streamed line by line. */
export function fileSource(fs: SubmissionFs, path: string, size: number): FileSource {
  return {
    path,
    size,
    readBuffer: () => fs.readFile(path),
    readHead: (bytes) => fs.readHead(path, bytes),
    readText: async () => (await fs.readFile(path)).toString('utf8'),
    lines: () => splitLines(fs.createReadStream(path)),
    lineBuffers: () => splitLineBuffers(fs.createReadStream(path)),
    chunks: () => fs.createReadStream(path),
  };
}
