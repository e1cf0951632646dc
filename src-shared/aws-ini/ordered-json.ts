// SPDX-License-Identifier: MIT
/**
 * JSON text for values holding Maps, in the Maps' order. Plain objects would move
 * integer-like profile names ("123") first and mishandle names like "__proto__".
 */
export type OrderedJson =
  string | number | boolean | null | readonly OrderedJson[] | ReadonlyMap<string, OrderedJson> | { readonly [key: string]: OrderedJson | undefined };

export function orderedJsonStringify(value: OrderedJson, indent = 2): string {
  return write(value, indent, '');
}

function write(value: OrderedJson, indent: number, pad: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = pad + ' '.repeat(indent);
  const nl = indent > 0 ? '\n' : '';
  const sep = indent > 0 ? ': ' : ':';
  const wrap = (open: string, items: string[], close: string): string =>
    items.length === 0 ? open + close : `${open}${nl}${items.map((i) => inner + i).join(',' + nl)}${nl}${pad}${close}`;
  if (isArray(value))
    return wrap(
      '[',
      value.map((v) => write(v, indent, inner)),
      ']',
    );
  const entries: Array<[string, OrderedJson]> =
    value instanceof Map
      ? [...(value as ReadonlyMap<string, OrderedJson>)]
      : Object.entries(value).filter((e): e is [string, OrderedJson] => e[1] !== undefined);
  return wrap(
    '{',
    entries.map(([k, v]) => JSON.stringify(k) + sep + write(v, indent, inner)),
    '}',
  );
}

function isArray(value: OrderedJson): value is readonly OrderedJson[] {
  return Array.isArray(value);
}
