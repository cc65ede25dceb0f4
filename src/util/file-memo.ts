import { stat } from 'node:fs/promises';

/**
 * Remembers what was computed from some files, by their paths, sizes and modification times: several rules (and
 * every result that uses the same submitted model) ask for the same work, and a changed file is computed again.
 */
export class FileMemo<T> {
  private readonly entries = new Map<string, Promise<T>>();

  async get(paths: readonly string[], compute: () => Promise<T>): Promise<T> {
    const identities = await Promise.all(paths.map((path) => stat(path).then((file) => `${path}\0${file.size}\0${file.mtimeMs}`, () => `${path}\0missing`)));
    const key = identities.join('\0\0');
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = compute();
      this.entries.set(key, entry);
    }
    return entry;
  }
}
