import { describe, expect, it } from 'vitest';
import { forgetToken, takeToken, tokenInHash } from './pairing';

const KEY = 'jiaohao.test.token';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
};

describe('pairing a display', () => {
  it('reads the token from the pairing link’s fragment', () => {
    expect(tokenInHash('#token=abc%2Bdef')).toBe('abc+def');
    expect(tokenInHash('#token=')).toBeNull();
    expect(tokenInHash('')).toBeNull();
  });

  it('keeps the linked token and takes it out of the address bar; later loads use the kept one', () => {
    const storage = memory();
    const replaced: string[] = [];
    const history = { replaceState: (_: unknown, __: string, url?: string | URL | null) => void replaced.push(String(url)) };
    expect(takeToken(KEY, { hash: '#token=tok1', pathname: '/display/', search: '' }, history, storage)).toEqual({ token: 'tok1', fromLink: true });
    expect(replaced).toEqual(['/display/']);
    expect(takeToken(KEY, { hash: '', pathname: '/display/', search: '' }, history, storage)).toEqual({ token: 'tok1', fromLink: false });
    forgetToken(KEY, storage);
    expect(takeToken(KEY, { hash: '', pathname: '/display/', search: '' }, history, storage)).toEqual({ token: null, fromLink: false });
  });

  it('still pairs for the page when storage is switched off', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => undefined };
    expect(takeToken(KEY, { hash: '#token=t', pathname: '/display/', search: '' }, { replaceState: () => undefined }, broken)).toEqual({ token: 't', fromLink: true });
    expect(takeToken(KEY, { hash: '', pathname: '/display/', search: '' }, { replaceState: () => undefined }, broken)).toEqual({ token: null, fromLink: false });
  });
});
