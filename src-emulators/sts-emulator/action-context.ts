// SPDX-License-Identifier: MIT
// What an action handler gets, and the parameter checks STS and IAM report as validation errors.
import type { Clock } from '../../src-shared/time/clock';
import { constraintViolation } from './aws-errors';
import type { Directory, Principal } from './directory';

export interface ActionContext {
  params: ReadonlyMap<string, string>;
  principal: Principal;
  directory: Directory;
  clock: Clock;
}

/** Renders the `<ActionResult>` body, or null for actions whose response has no result element. */
export type ActionHandler = (ctx: ActionContext) => string | null;

// AWS names members in messages with a lower-case first letter: 'roleArn', 'durationSeconds'.
const memberName = (param: string): string => param.charAt(0).toLowerCase() + param.slice(1);

export function requiredParam(ctx: ActionContext, name: string): string {
  const value = ctx.params.get(name);
  if (value === undefined) throw constraintViolation(null, memberName(name), 'Member must not be null');
  return value;
}

export function optionalParam(ctx: ActionContext, name: string): string | undefined {
  return ctx.params.get(name);
}

/** An integer parameter within [min, max], or `fallback` when absent. */
export function integerParam(ctx: ActionContext, name: string, min: number, max: number, fallback: number): number {
  const raw = ctx.params.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const member = memberName(name);
  if (!/^-?\d+$/.test(raw)) throw constraintViolation(raw, member, 'Member must be an integer');
  if (value < min) throw constraintViolation(raw, member, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraintViolation(raw, member, `Member must have value less than or equal to ${max}`);
  return value;
}

/** A string parameter checked against a length range and a pattern, as the API models define. */
export function patternParam(
  ctx: ActionContext,
  name: string,
  value: string,
  limits: { min: number; max: number; pattern: RegExp; patternText: string },
): string {
  const member = memberName(name);
  if (value.length < limits.min) {
    throw constraintViolation(value, member, `Member must have length greater than or equal to ${limits.min}`);
  }
  if (value.length > limits.max) {
    throw constraintViolation(value, member, `Member must have length less than or equal to ${limits.max}`);
  }
  if (!limits.pattern.test(value)) {
    throw constraintViolation(value, member, `Member must satisfy regular expression pattern: ${limits.patternText}`);
  }
  return value;
}
