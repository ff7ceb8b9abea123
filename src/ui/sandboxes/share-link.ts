/**
 * Share links: a sandbox's name, files and seed packed into the URL fragment, so sharing needs no
 * server and the contents never leave the browser except in the link itself.
 *
 * A payload is `1.` (the format's version) and then base64url of the JSON's CRC-32 followed by the
 * deflated JSON. The checksum comes first so that a link cut short always loses part of the deflate
 * stream, which fflate reports, and the learner is told the link is incomplete rather than changed.
 *
 * Compression is fflate's raw deflate: small and tree-shaken (share links add about 7 kB gzipped),
 * fast, typed and maintained, and its streaming inflater lets a link's expansion be capped (see
 * {@link inflateBounded}). pako writes the same format but is a larger port of zlib; lz-string has no
 * entropy-coding stage, so code and CSV come out longer, and it cannot stop partway through a bomb.
 */
import { deflateSync } from 'fflate';
import { fromBase64url, toBase64url } from './base64url.ts';
import { inflateBounded } from './bounded-inflate.ts';
import { crc32 } from './crc32.ts';
import { checkContent, type SandboxContent } from './sandbox-content.ts';
import type { SandboxDoc } from './sandbox-doc.ts';

/** The format this build writes; a later format gets a new number, so old and new links differ. */
export const SHARE_FORMAT = 1;

/** The hash route a share link opens; the payload follows it. */
export const SHARE_ROUTE = '#/sandbox/shared/';

/**
 * The longest link we hand out. The fragment never reaches a server, so the limit is what carries a
 * link intact: RFC 9110 §4.1 recommends that everything handling URIs support at least 8,000 octets;
 * Chromium accepts URLs up to 2 MiB (`kMaxURLChars`), Firefox and Safari more than 8,000; Slack and
 * Teams messages hold more than that, and mail clients keep long links as links. Some services are
 * tighter (a Discord message holds 2,000 characters), which is why the file is always offered too.
 */
export const MAX_LINK_LENGTH = 8000;

/**
 * The most a link may unpack to, the guard against a zip bomb. Deflate expands at most about 1,032
 * times, so a link of {@link MAX_LINK_LENGTH} characters (about 6 kB of deflate) unpacks to at most
 * about 6.2 MB: any link Streamlab makes fits, and no link can make the page hold more than this.
 */
export const MAX_UNPACKED_BYTES = 8 * 1024 * 1024;

/** Payloads longer than this were not made by Streamlab and are not even unpacked. */
const MAX_PAYLOAD_LENGTH = 8 * MAX_LINK_LENGTH;

const CHECKSUM_BYTES = 4;

export type DecodeResult = { ok: true; shared: SandboxContent } | { ok: false; reason: string };

export type ShareLinkResult =
  | { ok: true; url: string }
  /** Too long for a link: offer the sandbox as a file instead. */
  | { ok: false; tooLong: true; length: number; reason: string }
  /** The sandbox has something a link may not carry (a bad file name, too many files). */
  | { ok: false; tooLong: false; reason: string };

const CUT_SHORT =
  'This link is cut short: part of the sandbox is missing. Copy the whole link again, or ask for the sandbox as a file.';
const CHANGED =
  'This link was changed on the way: its contents do not unpack to a sandbox. Copy the whole link again, or ask for the sandbox as a file.';

/** The payload for a share link's fragment. */
export function encodeShare({ name, files, seed }: SandboxContent): string {
  return `${SHARE_FORMAT}.${toBase64url(pack({ name, files, seed }))}`;
}

function pack(content: SandboxContent): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(content));
  const deflated = deflateSync(json, { level: 9 });
  const packed = new Uint8Array(CHECKSUM_BYTES + deflated.length);
  new DataView(packed.buffer).setUint32(0, crc32(json));
  packed.set(deflated, CHECKSUM_BYTES);
  return packed;
}

/** Reads a payload from a link. Never throws: anything wrong comes back as a reason for the learner. */
export function decodeShare(payload: string): DecodeResult {
  try {
    return decode(payload);
  } catch {
    // Every step below reports its own problems; this only keeps a surprise from breaking the page.
    return { ok: false, reason: CHANGED };
  }
}

function decode(payload: string): DecodeResult {
  if (typeof payload !== 'string' || payload === '') {
    return { ok: false, reason: 'This link is cut short: it holds no sandbox.' };
  }
  const match = /^(\d{1,6})\.(.*)$/s.exec(payload);
  if (!match) {
    return {
      ok: false,
      reason: 'This is not a Streamlab share link: it does not start with a format number.',
    };
  }
  const version = Number(match[1]);
  if (version > SHARE_FORMAT) {
    return {
      ok: false,
      reason: `This link was made by a newer Streamlab (link format ${version}). Reload the page to get the newest version, then open the link again.`,
    };
  }
  if (version !== SHARE_FORMAT) {
    return {
      ok: false,
      reason: `This is not a Streamlab share link: it has format ${version}, which Streamlab never made.`,
    };
  }
  const body = match[2] ?? '';
  if (body.length > MAX_PAYLOAD_LENGTH) {
    return {
      ok: false,
      reason: 'This link is longer than any Streamlab makes, so it was not opened.',
    };
  }
  const decoded = fromBase64url(body);
  if (!decoded.ok) {
    return decoded.problem === 'cut-short'
      ? { ok: false, reason: CUT_SHORT }
      : {
          ok: false,
          reason:
            'This link was changed on the way: it has characters that Streamlab never puts in a link. Copy the whole link again.',
        };
  }
  return unpack(decoded.bytes);
}

function unpack(packed: Uint8Array): DecodeResult {
  if (packed.length <= CHECKSUM_BYTES) return { ok: false, reason: CUT_SHORT };
  const deflated = packed.subarray(CHECKSUM_BYTES);
  const inflated = inflateBounded(deflated, MAX_UNPACKED_BYTES);
  if (!inflated.ok) {
    if (inflated.problem === 'too-big') {
      return {
        ok: false,
        reason: `This link unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, more than a share link may hold, so it was not opened.`,
      };
    }
    return { ok: false, reason: inflated.problem === 'cut-short' ? CUT_SHORT : CHANGED };
  }
  const checksum = new DataView(packed.buffer, packed.byteOffset).getUint32(0);
  if (crc32(inflated.bytes) !== checksum) {
    return {
      ok: false,
      reason:
        'This link was changed on the way: its contents do not match their checksum. Copy the whole link again.',
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch {
    return { ok: false, reason: CHANGED };
  }
  const checked = checkContent(value, MAX_UNPACKED_BYTES);
  return checked.ok
    ? { ok: true, shared: checked.content }
    : { ok: false, reason: `This link ${checked.problem}` };
}

/**
 * The share link for a sandbox, opened relative to `baseUrl` (an absolute URL of the app; its own
 * fragment is replaced). The link carries the name, files and seed only: the id and times stay in
 * this browser, and the recipient's app gives the sandbox new ones.
 */
export function shareLink(baseUrl: string, sandbox: SandboxDoc): ShareLinkResult {
  // No limit on size here: a sandbox too big for a link is told so by the link's length below.
  const checked = checkContent(
    { name: sandbox.name, files: sandbox.files, seed: sandbox.seed },
    Infinity,
  );
  if (!checked.ok) return { ok: false, tooLong: false, reason: `This sandbox ${checked.problem}` };
  const url = new URL(baseUrl);
  url.hash = SHARE_ROUTE.slice(1) + encodeShare(checked.content);
  const length = url.href.length;
  if (length > MAX_LINK_LENGTH) {
    return {
      ok: false,
      tooLong: true,
      length,
      reason: `This sandbox is too big for a link: it needs ${length.toLocaleString('en')} characters, and links work up to ${MAX_LINK_LENGTH.toLocaleString('en')}. Save it as a file instead.`,
    };
  }
  return { ok: true, url: url.href };
}
