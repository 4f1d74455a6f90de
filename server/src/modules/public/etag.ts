// Conditional GET for the public feeds (RFC 9110 §13.1.2): If-None-Match uses the weak comparison.

const ENTITY_TAG = /(?:W\/)?"([^"]*)"/g;

/** The opaque part of an entity tag, without W/ and quotes (weak comparison ignores the W/). */
function opaque(tag: string): string {
  return tag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

/**
 * Whether an If-None-Match header matches the current ETag, so the answer is 304: `*`, or any tag
 * of a comma-separated list that equals it weakly (`W/"x"` matches `"x"`).
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const current = opaque(etag);
  for (const m of value.matchAll(ENTITY_TAG)) if (m[1] === current) return true;
  return false;
}
