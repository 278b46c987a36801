import { describe, expect, it } from 'vitest';
import { queryString, readCsrfToken } from '../src/api/client.ts';

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

describe('the query string of a list request', () => {
  it.each([
    [{}, ''],
    [{ type: 'reseller' }, '?type=reseller'],
    [{ type: undefined, name_starts_with: '' }, ''],
    [{ name_starts_with: 'Müller & Söhne', limit: 50 }, '?name_starts_with=M%C3%BCller+%26+S%C3%B6hne&limit=50'],
  ])('of %j is %j', (query, expected) => {
    expect(queryString(query)).toBe(expected);
  });
});
