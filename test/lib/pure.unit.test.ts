import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.ts';
import { lockSeconds, secondsLocked } from '../../src/auth/throttle.ts';
import { fill, negotiateLocale } from '../../src/lib/i18n.ts';
import { Problem, problemBody } from '../../src/lib/problem.ts';
import { jsonPointer } from '../../src/lib/validation.ts';
import {
  formatPassNumber,
  isValidPassNumber,
  luhnCheckDigit,
  newPassNumber,
  normalizePassNumber,
} from '../../src/lib/pass-number.ts';

describe('pass numbers', () => {
  it('are 13 digits with a Luhn check digit', () => {
    for (let i = 0; i < 200; i++) {
      const n = newPassNumber();
      expect(n).toMatch(/^\d{13}$/);
      expect(isValidPassNumber(n)).toBe(true);
    }
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('catch a mistyped digit and a swap of neighbours', () => {
    const n = newPassNumber(() => 4);
    const typo = n.slice(0, 5) + ((Number(n[5]) + 1) % 10) + n.slice(6);
    expect(isValidPassNumber(typo)).toBe(false);
    const m = '123456789012' + luhnCheckDigit('123456789012');
    const swapped = m[1]! + m[0]! + m.slice(2);
    expect(isValidPassNumber(swapped)).toBe(false);
  });

  it('accept the printed grouping and refuse other shapes', () => {
    const n = newPassNumber();
    expect(isValidPassNumber(formatPassNumber(n))).toBe(true);
    expect(normalizePassNumber(formatPassNumber(n))).toBe(n);
    expect(isValidPassNumber('12345')).toBe(false);
    expect(isValidPassNumber('abcdefghijklm')).toBe(false);
  });
});

describe('login throttling policy', () => {
  it('allows four failures, then locks one minute, doubling to at most an hour', () => {
    expect([1, 2, 3, 4].map(lockSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(lockSeconds)).toEqual([60, 120, 240, 480]);
    expect(lockSeconds(30)).toBe(3600);
  });

  it('counts the seconds left', () => {
    const now = new Date('2026-11-22T10:00:00.000Z');
    expect(secondsLocked(null, now)).toBe(0);
    expect(secondsLocked('2026-11-22T09:59:00.000Z', now)).toBe(0);
    expect(secondsLocked('2026-11-22T10:00:30.500Z', now)).toBe(31);
  });
});

describe('passwords', () => {
  it('hash with a salt and verify', async () => {
    const a = await hashPassword('correct horse', 1000);
    const b = await hashPassword('correct horse', 1000);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await verifyPassword('x', 'pbkdf2-sha256$999999999$AA$AA')).toBe(false);
  });
});

describe('languages and problems', () => {
  it('negotiates nl, fr or en from Accept-Language', () => {
    expect(negotiateLocale(undefined)).toBe('nl');
    expect(negotiateLocale('fr-BE,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(negotiateLocale('de-DE,en;q=0.5')).toBe('en');
    expect(negotiateLocale('de, fr;q=0.1, en;q=0.4')).toBe('en');
    expect(negotiateLocale('tr')).toBe('nl');
  });

  it('fills placeholders and renders every language', () => {
    expect(fill('in {minutes} min', { minutes: 3 })).toBe('in 3 min');
    const body = problemBody(new Problem('login_throttled', { params: { minutes: 2 } }), 'fr', '/x', 'req-1');
    expect(body).toMatchObject({ status: 429, code: 'login_throttled', instance: '/x', requestId: 'req-1' });
    expect(body.message).toBe(body.messages.fr);
    expect(body.messages.nl).toContain('2 minuten');
  });

  it('escapes JSON pointers', () => {
    expect(jsonPointer('', ['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(jsonPointer('/query', ['limit'])).toBe('/query/limit');
  });
});
