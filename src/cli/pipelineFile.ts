// What every command does first: read the pipeline file it was given and check it, or stop with a
// message naming the file and what is wrong (exit code 2). Warnings go to stderr and the run goes on.
import { readFileSync } from 'node:fs';
import { parsePipelineText } from '../model';
import type { Pipeline } from '../model/types';

/** The exit code of a command given something it cannot run (a bad option, file or document). */
export const EXIT_BAD_INPUT = 2;

/** Writes `command: message` to stderr and exits with the bad-input code. */
export function failInput(command: string, message: string): never {
  process.stderr.write(`${command}: ${message}\n`);
  process.exit(EXIT_BAD_INPUT);
}

export function readPipelineFile(command: string, file: string): Pipeline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    failInput(command, `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = parsePipelineText(text);
  if (!parsed.ok) failInput(command, `${file} is not a valid pipeline:\n  ${parsed.errors.join('\n  ')}`);
  for (const w of parsed.warnings) process.stderr.write(`${command}: warning: ${w}\n`);
  return parsed.doc;
}
