import { describe, expect, it } from 'vitest';
import { newPasswordProblem } from '../src/auth/password-rules.ts';

describe('a new password', () => {
  it.each([
    ['nine char', 'nine char', 'tooShort'],
    ['ten chars!', 'ten chars!', undefined],
    ['ten chars!', 'ten chars?', 'mismatch'],
    ['x'.repeat(200), 'x'.repeat(200), undefined],
    ['x'.repeat(201), 'x'.repeat(201), 'tooLong'],
    // Ten characters, though more than ten UTF-16 units: counted as the server counts them.
    ['🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', undefined],
    ['🔑🔑🔑🔑🔑', '🔑🔑🔑🔑🔑', 'tooShort'],
  ])('%j repeated as %j has the problem %j', (password, repeated, expected) => {
    expect(newPasswordProblem(password, repeated)).toBe(expected);
  });
});
