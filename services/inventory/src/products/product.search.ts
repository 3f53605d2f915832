import { containsPattern } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { Product } from './product.entity';

/** Catalogue search: part of the name, generic name, NDC or HCPCS code, ignoring case. */
export function productSearch(text: string): FilterQuery<Product> {
  const pattern = containsPattern(text);
  return { $or: [{ name: { $ilike: pattern } }, { genericName: { $ilike: pattern } }, { ndc: { $ilike: pattern } }, { hcpcsCode: { $ilike: pattern } }] };
}
