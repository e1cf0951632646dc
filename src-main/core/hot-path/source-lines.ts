// SPDX-License-Identifier: MIT
/**
 * Stack traces that name source lines (src-main/...ts:42:7) when the code runs from an esbuild
 * bundle: frames in a file with a `<file>.map` next to it are mapped through it. Unlike
 * process.setSourceMapsEnabled, which reads and parses every map when its file loads, this
 * costs nothing until a stack is printed (the start-up of the hot path has no time for it).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SourceMap } from 'node:module';

interface CallSiteLike {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  toString(): string;
}

const maps = new Map<string, SourceMap | null>();

/** Installs the mapping for the process (Node's own formatting is the same text, unmapped). */
export function installSourceLines(): void {
  Error.prepareStackTrace = (error: Error, frames: CallSiteLike[]) => {
    const head = `${error.name}${error.message ? `: ${error.message}` : ''}`;
    return [head, ...frames.map((f) => `    at ${mappedFrame(f)}`)].join('\n');
  };
}

/** One frame as V8 prints it, with a bundle position replaced by the source position. */
export function mappedFrame(frame: CallSiteLike): string {
  const text = frame.toString();
  const file = frame.getFileName();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (!file || line === null || column === null) return text;
  const map = mapFor(file);
  const entry = map?.findEntry(line - 1, column - 1);
  if (entry === undefined || !('originalSource' in entry) || entry.originalSource === undefined) return text;
  // As the package's own path (src-main/...): the sources are not shipped, so an absolute path would name nothing.
  const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
  const at = `${file}:${line}:${column}`;
  return text.replace(at, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}

function mapFor(file: string): SourceMap | undefined {
  let map = maps.get(file);
  if (map === undefined) {
    map = null;
    try {
      const path = `${file}.map`;
      if (existsSync(path)) {
        // node:module only once a stack is printed: loading it costs every start ~0.35 ms.
        const { SourceMap: FromPayload } = process.getBuiltinModule('node:module');
        map = new FromPayload(JSON.parse(readFileSync(path, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
      }
    } catch {
      // An unreadable map: the bundle position is still a position.
    }
    maps.set(file, map);
  }
  return map ?? undefined;
}
