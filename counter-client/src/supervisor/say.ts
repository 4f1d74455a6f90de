// A model's Sentence through i18next: the values that are catalog keys first, then the sentence.
import type { TFunction } from 'i18next';
import type { Sentence } from './model';

export function say(t: TFunction, sentence: Sentence): string {
  const refs = Object.fromEntries(Object.entries(sentence.refs ?? {}).map(([name, key]) => [name, t(key)]));
  return t(sentence.key, { ...sentence.values, ...refs, ...(sentence.ordinal ? { ordinal: true } : {}) });
}
