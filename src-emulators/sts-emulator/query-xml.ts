// SPDX-License-Identifier: MIT
// The AWS Query wire format: form-encoded parameters in, namespaced XML out.

export const STS_VERSION = '2011-06-15';
export const IAM_VERSION = '2010-05-08';
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** Query parameters from the URL's query string and an x-www-form-urlencoded body (body wins). */
export function queryParams(url: string, body: string, formBody: boolean): Map<string, string> {
  const params = new Map<string, string>();
  const q = url.indexOf('?');
  for (const [k, v] of new URLSearchParams(q < 0 ? '' : url.slice(q + 1))) params.set(k, v);
  if (formBody) for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  return params;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes element text (attributes are never built from input here). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => XML_ENTITIES[c] ?? c);
}

/** `<name>text</name>` with the text escaped; nothing at all for an undefined value. */
export function text(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<name>...</name>` around children already rendered. */
export function tag(name: string, ...children: string[]): string {
  return `<${name}>${children.join('')}</${name}>`;
}

/** A list as AWS Query renders it: `<name><member>..</member>...</name>`. */
export function members(name: string, items: string[]): string {
  return tag(name, ...items.map((i) => tag('member', i)));
}

/** `<ActionResponse>` with an optional `<ActionResult>` and the request id. */
export function successXml(action: string, xmlns: string, result: string | null, requestId: string): string {
  const resultXml = result === null ? '' : tag(`${action}Result`, result);
  return `<${action}Response xmlns="${xmlns}">${resultXml}` + `${tag('ResponseMetadata', text('RequestId', requestId))}</${action}Response>\n`;
}

export function errorXml(xmlns: string, code: string, message: string, status: number, requestId: string): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${xmlns}">` +
    tag('Error', text('Type', type), text('Code', code), text('Message', message)) +
    `${text('RequestId', requestId)}</ErrorResponse>\n`
  );
}
