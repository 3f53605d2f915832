import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { assertShapeWithinLimits, DEFAULT_QUERY_LIMITS, operationShape } from './limits';

const shapeOf = (query: string) => {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationShape(document, operation);
};

const refusal = (query: string) => {
  try {
    assertShapeWithinLimits(shapeOf(query), DEFAULT_QUERY_LIMITS);
    return undefined;
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
};

describe('the shape of an operation', () => {
  it('counts fields, depth and aliases where fragments are spread, as often as they are spread', () => {
    const shape = shapeOf('{ ...F ...F a: viewer { id } } fragment F on Query { b: site(id: "1") { id name } }');
    expect(shape).toEqual({ depth: 2, aliases: 3, rootFields: 3, fields: 8, introspects: false });
  });

  it('measures a fragment once however often it is spread, so 4^10 spreads cost ten fragments to measure', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `fragment F${i} on Query { ${i === 9 ? 'viewer { id }' : `...F${i + 1} `.repeat(4)} }`).join(' ');
    const shape = shapeOf(`{ ...F0 } ${levels}`);
    expect(shape.rootFields).toBe(4 ** 9);
    expect(refusal(`{ ...F0 } ${levels}`)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxRootFields: DEFAULT_QUERY_LIMITS.maxRootFields });
  });

  it('counts a fragment cycle as empty rather than looping (validation refuses it)', () => {
    expect(shapeOf('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A viewer { id } }').fields).toBe(2);
  });

  it('notices introspection anywhere, fragments and aliases included', () => {
    expect(shapeOf('{ __typename }').introspects).toBe(false);
    expect(shapeOf('{ x: __schema { types { name } } }').introspects).toBe(true);
    expect(shapeOf('{ ...F } fragment F on Query { viewer { id } __type(name: "Site") { name } }').introspects).toBe(true);
  });

  it('is refused past each limit, naming the limit', () => {
    expect(refusal(`{ viewer { ${Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ')} } }`)).toMatchObject({ aliases: 31 });
    expect(refusal(`{ ${'viewer { id } '.repeat(21)} }`)).toMatchObject({ rootFields: 21 });
    expect(refusal(`{ viewer { ${'id '.repeat(300)} } }`)).toMatchObject({ fields: 301 });
    expect(refusal(`{ ${'a { '.repeat(13)} b ${'} '.repeat(13)} }`)).toMatchObject({ depth: 14 });
    expect(refusal('{ viewer { id } sites { edges { node { id name } } } }')).toBeUndefined();
  });
});
