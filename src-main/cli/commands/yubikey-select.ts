// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import type { KeySelector } from '../../core/service';
import { stringOption, type OptionSpec, type OptionValues } from '../command';

/** --serial / --reader, shared by the yubikey verbs: which key when several are plugged in. */
export const selectorOptions: OptionSpec = { serial: { type: 'string' }, reader: { type: 'string' } };

export function selectorFrom(values: OptionValues): KeySelector {
  const serial = stringOption(values, 'serial');
  const reader = stringOption(values, 'reader');
  if (serial !== undefined && !/^\d+$/.test(serial)) throw new TouchroleError('usage', `--serial must be a number, not "${serial}"`);
  return { ...(serial === undefined ? {} : { serial: Number(serial) }), ...(reader === undefined ? {} : { reader }) };
}
