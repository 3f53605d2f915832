import 'reflect-metadata';
import { parse, type GraphQLSchema } from 'graphql';
import { Field, ID, ObjectType, Query, Resolver, createUnionType } from 'type-graphql';
import { buildSchema } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditedReadTypes, selectsAnyType } from './audit-reach';

@ObjectType({ description: 'Patient data: every read is audited.' })
class Chart {
  @Field(() => ID, { description: 'Id.' })
  id!: string;
}

@ObjectType({ description: 'A subclass is audited as its parent.' })
class OncologyChart extends Chart {
  @Field({ description: 'Regimen.' })
  regimen!: string;
}

@ObjectType({ description: 'Holds a chart.' })
class Visit {
  @Field(() => ID, { description: 'Id.' })
  id!: string;

  @Field(() => Chart, { description: 'The chart.' })
  chart!: Chart;
}

@ObjectType({ description: 'A payload without id: looked into one level deep.' })
class VisitPage {
  @Field(() => [Visit], { description: 'Visits.' })
  visits!: Visit[];
}

@ObjectType({ description: 'Nothing audited in reach.' })
class Fee {
  @Field({ description: 'Amount.' })
  amount!: string;
}

const Found = createUnionType({ name: 'Found', description: 'Either.', types: () => [OncologyChart, Fee] as const });

@Resolver()
class ReachResolver {
  @Query(() => [Fee], { description: 'Fees.' })
  fees(): Fee[] {
    return [];
  }

  @Query(() => VisitPage, { description: 'Visits.' })
  visits(): VisitPage {
    return { visits: [] };
  }

  @Query(() => OncologyChart, { description: 'A chart.' })
  chart(): OncologyChart {
    return new OncologyChart();
  }

  @Query(() => [Found], { description: 'Search.' })
  search(): (typeof Found)[] {
    return [];
  }
}

describe('which operations can return an audited entity', () => {
  let schema: GraphQLSchema;
  let audited: Set<string>;
  const selects = (query: string) => selectsAnyType(schema, parse(query), audited);

  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [ReachResolver], orphanedTypes: [Chart], validate: false });
    audited = auditedReadTypes(schema, [Chart]);
  });

  it('names the audited types, their subclasses and unions, and the types that hold one', () => {
    expect([...audited].sort()).toEqual(['Chart', 'Found', 'OncologyChart', 'Visit']);
  });

  it('finds them in any field of the operation, fragments included', () => {
    expect(selects('{ chart { id } }')).toBe(true);
    expect(selects('{ visits { visits { id } } }')).toBe(true); // Visit holds a chart
    expect(selects('{ search { ... on Fee { amount } } }')).toBe(true);
    expect(selects('query { ...F } fragment F on Query { chart { regimen } }')).toBe(true);
  });

  it('sees nothing to audit in an operation that selects none of them', () => {
    expect(selects('{ fees { amount } }')).toBe(false);
    expect(selects('{ visits { __typename } }')).toBe(false);
    expect(selectsAnyType(schema, parse('{ chart { id } }'), new Set())).toBe(false);
  });
});
