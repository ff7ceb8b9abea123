/**
 * Base64url (RFC 4648 §5) without padding: the alphabet that survives a URL fragment, chat apps and
 * mail unescaped. Built on `btoa`/`atob`, which browsers, workers and Node all have.
 */

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Why a string is not base64url. */
export type Base64urlProblem = 'changed' | 'cut-short';

export function toBase64url(bytes: Uint8Array): string {
  // `String.fromCharCode(...bytes)` overflows the call stack on large arrays, so build in slices.
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(
  text: string,
): { ok: true; bytes: Uint8Array } | { ok: false; problem: Base64urlProblem } {
  if (!ALPHABET.test(text)) return { ok: false, problem: 'changed' };
  // Four characters carry three bytes; one leftover character carries less than a byte.
  if (text.length % 4 === 1) return { ok: false, problem: 'cut-short' };
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { ok: true, bytes };
}
