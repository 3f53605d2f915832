import 'reflect-metadata';
import { graphql, type GraphQLSchema } from 'graphql';
import { Arg, Args, ArgsType, Field, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from './auth/principal';
import { createErrorFormatter } from './errors';
import { MAX_LIST_LENGTH, MAX_STRING_LENGTH, findInputProblem, textProblem } from './input-guard';
import { buildFederatedSchema } from './schema';
import { LocalDate } from './scalars';
import { InRange, MaxText } from './validation';

@InputType({ description: 'A visit to book.' })
class VisitInput {
  @MaxText('name')
  @Field({ description: 'Who comes.' })
  patientName!: string;

  @Field({ description: 'When.' })
  startsAt!: Date;

  @Field(() => [String], { nullable: true, description: 'Notes.' })
  notes?: string[] | null;
}

@ArgsType()
class CancelArgs {
  @MaxText('freeText')
  @Field({ description: 'Why.' })
  reason!: string;

  @InRange(1, 100)
  @Field(() => Int, { nullable: true, description: 'Version.' })
  version?: number | null;
}

@Resolver()
class VisitResolver {
  @Query(() => String, { description: 'Echoes a day.' })
  day(@Arg('on', () => LocalDate, { description: 'The day.' }) on: string): string {
    return on;
  }

  @Query(() => String, { description: 'Echoes a search.' })
  search(@Arg('text', { description: 'Text.' }) text: string): string {
    return text;
  }

  @Mutation(() => String, { description: 'Books a visit.' })
  book(@Arg('input', { description: 'The visit.' }) input: VisitInput): string {
    return input.startsAt.toISOString();
  }

  @Mutation(() => String, { description: 'Cancels.' })
  cancel(@Args() { reason }: CancelArgs): string {
    return reason;
  }
}

const principal: Principal = {
  kind: 'OPS_USER',
  id: 'u1',
  credentialId: null,
  name: 'tester',
  role: 'ADMIN',
  clientIds: null,
  siteIds: null,
  scopes: ['scheduling:read', 'scheduling:write'],
};

let schema: GraphQLSchema;
beforeAll(async () => {
  ({ schema } = await buildFederatedSchema({ resolvers: [VisitResolver], references: {} }, { read: 'scheduling:read', write: 'scheduling:write' }));
});

const format = createErrorFormatter(() => undefined);

/** Runs an operation as a subgraph would and returns what a client would see. */
async function run(source: string, variableValues?: Record<string, unknown>) {
  const result = await graphql({ schema, source, variableValues, contextValue: { caller: { principal } } });
  return { data: result.data, errors: result.errors?.map((e) => format(e.toJSON(), e)) };
}

describe('text a client may send', () => {
  it('accepts ordinary text, tabs and line breaks', () => {
    expect(textProblem('Reaction to infliximab;\n\tpatient sent home — café')).toBeUndefined();
  });

  it('refuses NUL and other control characters, lone surrogates and text over the hard cap', () => {
    expect(textProblem('a\u0000b')).toMatch(/control character/);
    expect(textProblem('a\u001bb')).toMatch(/control character/);
    expect(textProblem('a\u007fb')).toMatch(/control character/);
    expect(textProblem('a\ud800b')).toMatch(/Unicode/);
    expect(textProblem('a'.repeat(MAX_STRING_LENGTH))).toBeUndefined();
    expect(textProblem('a'.repeat(MAX_STRING_LENGTH + 1))).toMatch(/longer than 10000/);
  });

  it('names where in the arguments a problem sits', () => {
    expect(findInputProblem({ input: { notes: ['ok', 'bad\u0000'] } })).toEqual({ argument: 'input.notes[1]', problem: expect.stringMatching(/control/) });
    expect(findInputProblem({ ids: Array.from({ length: MAX_LIST_LENGTH + 1 }, () => 'x') })).toMatchObject({ argument: 'ids' });
    expect(findInputProblem({ first: 10, after: null, on: new Date() })).toBeUndefined();
  });
});

describe('the input guard in a subgraph schema', () => {
  it('answers an impossible date as BAD_USER_INPUT naming the argument, inline or as a variable', async () => {
    const inline = await run('{ day(on: "2026-02-30") }');
    expect(inline.errors).toEqual([expect.objectContaining({ path: ['day'], extensions: { code: 'BAD_USER_INPUT', argument: 'on' } })]);
    expect(inline.errors![0]!.message).toMatch(/`on` is not a possible calendar date/);

    const variable = await run('query($on: LocalDate!) { day(on: $on) }', { on: '2026-13-01' });
    expect(variable.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'on' } })]);
    expect((await run('{ day(on: "2024-02-29") }')).data).toEqual({ day: '2024-02-29' });
  });

  it('names the input field of an impossible date-time, and of a wrong type', async () => {
    const result = await run('mutation($i: VisitInput!) { book(input: $i) }', { i: { patientName: 'A', startsAt: '2026-01-01T25:00:00Z' } });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input.startsAt' });
    const wrongType = await run('mutation { book(input: { patientName: "A", startsAt: 5 }) }');
    expect(wrongType.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input.startsAt' });
  });

  it('refuses NUL bytes and 10,000+ characters in any string argument or input field', async () => {
    expect((await run('query($t: String!) { search(text: $t) }', { t: 'a\u0000b' })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'text' });
    expect((await run('query($t: String!) { search(text: $t) }', { t: 'a'.repeat(10_001) })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'text' });
    const note = await run('mutation($i: VisitInput!) { book(input: $i) }', { i: { patientName: 'A', startsAt: '2026-01-01T10:00:00Z', notes: ['a\u0000'] } });
    expect(note.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input.notes[0]' });
  });

  it('applies the domain limits of input and args classes, with validationErrors and the field named', async () => {
    const longName = await run('mutation($i: VisitInput!) { book(input: $i) }', { i: { patientName: 'a'.repeat(201), startsAt: '2026-01-01T10:00:00Z' } });
    expect(longName.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/`patientName`: .*200 characters/),
      extensions: { code: 'BAD_USER_INPUT', argument: 'patientName', validationErrors: [expect.objectContaining({ property: 'patientName' })] },
    });
    const range = await run('mutation { cancel(reason: "r", version: -1) }');
    expect(range.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'version' });
    // The refused value is not echoed back: it may be patient data, or megabytes.
    expect(JSON.stringify(longName.errors)).not.toContain('a'.repeat(201));
    expect((await run('mutation { cancel(reason: "No transport", version: 3) }')).data).toEqual({ cancel: 'No transport' });
  });
});
