import { describe, expect, it } from 'vitest';
import { readCsrfToken } from '../src/api/client.ts';

describe('the CSRF token read from the cookies', () => {
  it.each([
    ['spur_csrf=abc123', 'abc123'],
    ['theme=dark; spur_csrf=abc123; other=1', 'abc123'],
    ['spur_csrf=a%3Db', 'a=b'],
    ['spur_csrf=abc=def', 'abc=def'],
    ['spur_csrf_old=x', undefined],
    ['', undefined],
  ])('from %j is %j', (cookies, expected) => {
    expect(readCsrfToken(cookies)).toBe(expected);
  });
});
