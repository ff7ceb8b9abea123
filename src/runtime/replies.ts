/**
 * The page's check of every reply from the sandbox. The sandbox runs code the page does not trust,
 * so a reply is data to verify, never an answer to believe: each has the shape its request
 * promised, or the page refuses it (and the sandbox it came from) with {@link MalformedReply}.
 * Extra fields are let through; only what the page reads is checked.
 */
import type { AdvanceResult, CheckOutcome, LoadResult, RunFailure, RunUpdate } from './worker/api';

/** The sandbox answered with something that is not the reply its request promised. */
export class MalformedReply extends Error {
  override name = 'MalformedReply';
  constructor(readonly what: string) {
    super(`The sandbox sent a malformed reply (${what})`);
  }
}

/** A check of one reply's shape: the reply, typed, or a MalformedReply thrown. */
export type ReplyCheck<T> = (reply: unknown) => T;

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isPosition = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const optional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || test(v);
const isArrayOf = (v: unknown, test: (item: unknown) => boolean) =>
  Array.isArray(v) && v.every(test);
const isRecordOf = (v: unknown, test: (item: unknown) => boolean) =>
  isObject(v) && !Array.isArray(v) && Object.values(v).every(test);

const FAILURE_KINDS: ReadonlySet<unknown> = new Set<RunFailure['kind']>([
  'syntax',
  'import',
  'pipeline',
  'runtime',
  'data',
  'loop',
  'memory',
  'internal',
]);
const CONSOLE_LEVELS: ReadonlySet<unknown> = new Set(['log', 'info', 'warn', 'error', 'debug']);

function isRunFailure(v: unknown): v is RunFailure {
  if (!isObject(v)) return false;
  return (
    FAILURE_KINDS.has(v.kind) &&
    isString(v.message) &&
    optional(v.file, isString) &&
    optional(v.line, isPosition) &&
    optional(v.column, isPosition) &&
    optional(v.operator, isString) &&
    optional(
      v.record,
      (r) => isObject(r) && isString(r.value) && optional(r.timestamp, isNumber),
    ) &&
    optional(v.stack, isString) &&
    optional(v.async, isBoolean) &&
    optional(v.injected, isBoolean)
  );
}

// A row whose value was `undefined` arrives without one (JSON drops it): only its being an object is checked.
const isRow = isObject;

function isSkippedRow(v: unknown): boolean {
  return (
    isObject(v) &&
    optional(v.file, isString) &&
    isPosition(v.line) &&
    isPosition(v.column) &&
    isString(v.reason) &&
    isString(v.source)
  );
}

function isGraph(v: unknown): boolean {
  return (
    isObject(v) &&
    isArrayOf(
      v.operators,
      (o) => isObject(o) && isString(o.id) && isString(o.name) && isString(o.kind),
    ) &&
    isArrayOf(
      v.edges,
      (e) => isObject(e) && isString(e.from) && isString(e.to) && isNumber(e.input),
    )
  );
}

function fail(what: string): never {
  throw new MalformedReply(what);
}

export const checkPong: ReplyCheck<'pong'> = (reply) =>
  reply === 'pong' ? reply : fail('not an answer to a ping');

export const checkArmed: ReplyCheck<boolean> = (reply) =>
  isBoolean(reply) ? reply : fail('an answer to arming a failure');

export const checkLoadResult: ReplyCheck<LoadResult> = (reply) => {
  if (!isObject(reply) || !(reply.update instanceof Uint8Array)) fail('a load without an update');
  if (reply.ok === true && isGraph(reply.graph)) return reply as unknown as LoadResult;
  if (reply.ok === false && isRunFailure(reply.failure)) return reply as unknown as LoadResult;
  return fail('a load that neither succeeded nor failed plainly');
};

export const checkAdvanceResult: ReplyCheck<AdvanceResult> = (reply) => {
  if (
    isObject(reply) &&
    isBoolean(reply.done) &&
    isBoolean(reply.reached) &&
    isNumber(reply.processingTime) &&
    reply.update instanceof Uint8Array &&
    optional(reply.failure, isRunFailure)
  ) {
    return reply as unknown as AdvanceResult;
  }
  return fail('a step of the run');
};

export const checkCheckInput: ReplyCheck<Uint8Array | { readonly error: string }> = (reply) => {
  if (reply instanceof Uint8Array) return reply;
  if (isObject(reply) && isString(reply.error)) return { error: reply.error };
  return fail("the run's results for the check");
};

export const checkCheckOutcome: ReplyCheck<CheckOutcome> = (reply) => {
  if (!isObject(reply) || !isString(reply.message)) fail("a check's verdict");
  if (reply.ok === true && isBoolean(reply.pass)) {
    return { ok: true, pass: reply.pass, message: reply.message };
  }
  if (reply.ok === false) return { ok: false, message: reply.message };
  return fail("a check's verdict");
};

/** A run update, as decoded JSON from a load or a step. */
export function checkRunUpdate(update: unknown): RunUpdate {
  if (
    isObject(update) &&
    Array.isArray(update.trace) &&
    isRecordOf(update.outputs, (rows) => isArrayOf(rows, isRow)) &&
    isRecordOf(update.sideOutputs, (rows) => isArrayOf(rows, isRow)) &&
    isRecordOf(update.transactional, (rows) => isArrayOf(rows, isRow)) &&
    isRecordOf(update.tables, (rows) => isArrayOf(rows, isRow)) &&
    isArrayOf(update.printed, isString) &&
    isArrayOf(
      update.console,
      (e) => isObject(e) && CONSOLE_LEVELS.has(e.level) && isString(e.text),
    ) &&
    isObject(update.skipped) &&
    isArrayOf(update.skipped.rows, isSkippedRow) &&
    isPosition(update.skipped.total) &&
    isObject(update.metrics) &&
    isObject(update.metrics.operators) &&
    Array.isArray(update.watermarks) &&
    isNumber(update.processingTime) &&
    isBoolean(update.finished) &&
    isObject(update.sections) &&
    isNumber(update.sections.outputs) &&
    isNumber(update.sections.sideOutputs) &&
    isNumber(update.sections.tables) &&
    isNumber(update.sections.operators)
  ) {
    return update as unknown as RunUpdate;
  }
  return fail("a run's update");
}
