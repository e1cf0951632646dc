// SPDX-License-Identifier: MIT
/**
 * The only URLs touchrole hands to the system browser: the AWS console and its sign-in
 * endpoint, over https. Anything else a page or a backend produces is refused.
 */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return host === 'signin.aws.amazon.com' || host === 'console.aws.amazon.com' || host.endsWith('.console.aws.amazon.com');
}
