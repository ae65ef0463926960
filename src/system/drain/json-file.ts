/**
 * Reading a drain file as JSON checked by a zod schema, with errors that name the file and the
 * field (or the line of a syntax error); writing one atomically.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';
import { DrainFileError } from './errors.js';

/** The line (1-based) of character `pos` in `text`. */
function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Parses `text` (the contents of `path`) as JSON and checks it with `schema`.
 * @throws DrainFileError naming `path` and the first bad field (or `line N` for a syntax error).
 */
export function parseJsonFile<S extends z.ZodType>(path: string, text: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const field = pos ? `line ${lineOf(text, Number(pos[1]))}` : text.trim() === '' ? 'line 1' : 'JSON';
    throw new DrainFileError(path, field, text.trim() === '' ? 'empty file' : `not JSON: ${msg}`);
  }
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  let got = '';
  if (issue.path.length > 0) {
    let v: unknown = json;
    for (const k of issue.path)
      v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
    got = v === undefined ? ' (missing)' : ` (got ${JSON.stringify(v)})`;
  }
  throw new DrainFileError(path, field, `${issue.message}${got}`);
}

/**
 * Reads and checks `path`; `undefined` when it does not exist.
 * @throws DrainFileError when it exists but cannot be read or does not match `schema`.
 */
export function readJsonFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new DrainFileError(path, '(file)', `cannot read: ${code ?? (e as Error).message}`);
  }
  return parseJsonFile(path, text, schema);
}

/** Writes `value` as JSON (two-space indented, a final newline) to `path`, atomically. */
export function writeJsonFile(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
