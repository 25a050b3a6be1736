/**
 * Trusted Types: the script URLs the element hands to the browser (its worker's script, the blob that
 * bootstraps a worker from another origin, the service worker) go through a policy of its own, named
 * `py-async-run`, so the element works on a page whose Content-Security-Policy says
 * `require-trusted-types-for 'script'` once the page lists that name in its `trusted-types` directive.
 */
import { errorMessage, type ErrorCode } from '../errors.js';

/** The name of the element's Trusted Types policy: the one a page's `trusted-types` directive must allow. */
export const TRUSTED_TYPES_POLICY = 'py-async-run';

/**
 * A script URL the browser accepts where Trusted Types are enforced: a TrustedScriptURL there, a plain
 * string elsewhere. Typed as a string, which is what the DOM's types of `new Worker()` and `register()` take
 * (a TrustedScriptURL turns into its URL wherever a string is read).
 */
export type ScriptURL = string & { readonly __scriptURL?: never };

interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): {
    createScriptURL(url: string): unknown;
  };
}

let policy: { createScriptURL(url: string): unknown } | null = null;
let refused = false;

/**
 * `url` as a script URL the page's Trusted Types accept. Only the URLs the element builds pass the policy:
 * http(s) addresses and blob: URLs of this page; anything else (`javascript:`, `data:`) is refused. The policy
 * is created once, on the first use; a page whose `trusted-types` directive does not name it makes the
 * creation throw, and the URL then stays a string (which the browser takes only where Trusted Types are
 * not enforced: see trustedTypesRefused).
 */
export function trustedScriptURL(url: string): ScriptURL {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory || refused) return url;
  try {
    policy ??= factory.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: allowScriptURL });
  } catch {
    // The page's `trusted-types` directive does not allow our name (the browser reports it once).
    refused = true;
    return url;
  }
  return policy.createScriptURL(url) as ScriptURL;
}

/** Whether the page refused to create the element's policy (its `trusted-types` directive lacks the name). */
export function trustedTypesRefused(): boolean {
  return refused;
}

/** The error of a sink the browser refused because the page requires Trusted Types and refused our policy. */
export function trustedTypesError(): { code: ErrorCode; message: string } {
  const code = 'trusted-types-refused';
  return { code, message: errorMessage(code, { policy: TRUSTED_TYPES_POLICY }) };
}

function allowScriptURL(url: string): string {
  const parsed = new URL(url, document.baseURI);
  const ours = parsed.protocol === 'blob:' && parsed.origin === location.origin;
  if (ours || parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.href;
  // A TypeError, as the browser's own refusals of a sink are; with the table's code and sentence.
  const code = 'script-url-refused';
  throw Object.assign(new TypeError(errorMessage(code, { protocol: parsed.protocol })), { code });
}
