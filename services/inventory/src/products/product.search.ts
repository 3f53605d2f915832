import type { FilterQuery } from '@mikro-orm/core';
import type { Product } from './product.entity';

/** `%` and `_` typed by a user are literal characters, not LIKE wildcards. */
export function likePattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Catalogue search: part of the name, generic name, NDC or HCPCS code, ignoring case. */
export function productSearch(text: string): FilterQuery<Product> {
  const pattern = likePattern(text);
  return { $or: [{ name: { $ilike: pattern } }, { genericName: { $ilike: pattern } }, { ndc: { $ilike: pattern } }, { hcpcsCode: { $ilike: pattern } }] };
}
