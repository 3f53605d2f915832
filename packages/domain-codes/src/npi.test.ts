import { describe, expect, it } from 'vitest';
import { npiCheckDigit, npiFrom, npiProblem } from './npi';

describe('NPI check digit (Luhn over the 80840 prefix)', () => {
  it('accepts the CMS worked example 1234567893 and real-shaped NPIs', () => {
    // CMS's example: 123456789 → check digit 3.
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(npiProblem('1234567893')).toBeNull();
    expect(npiProblem('1245319599')).toBeNull();
    expect(npiProblem('1679576722')).toBeNull();
  });

  it('refuses a wrong check digit, a transposition and the plain Luhn answer without the prefix', () => {
    expect(npiProblem('1234567890')).toMatch(/check digit/);
    expect(npiProblem('1234567894')).toMatch(/check digit/);
    expect(npiProblem('2134567893')).toMatch(/check digit/);
    // Plain Luhn over the ten digits (no 80840 prefix) would accept 1234567897.
    expect(npiProblem('1234567897')).toMatch(/check digit/);
  });

  it('refuses anything but ten digits', () => {
    for (const npi of ['123456789', '12345678931', '12345 6789', '123456789A', '', '１２３４５６７８９３']) expect(npiProblem(npi)).toMatch(/ten digits/);
  });

  it('makes valid NPIs from nine digits', () => {
    for (const nine of ['100000000', '999999999', '161234567']) expect(npiProblem(npiFrom(nine))).toBeNull();
  });
});
