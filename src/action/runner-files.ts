import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/**
 * Appends step outputs to the file the runner names in $GITHUB_OUTPUT, each in the multi-line form
 * `name<<DELIMITER` … `DELIMITER`. A random delimiter that the value cannot contain keeps a value (a path, say) from
 * ending its entry early and setting other outputs.
 */
export function appendOutputs(file: string, outputs: Readonly<Record<string, string>>): void {
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`output ${name} contains its own delimiter`);
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
}
