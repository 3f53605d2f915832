import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MEDIA_TYPES, nameArguments, responseMediaType, statusWithoutData } from './responses';

describe('answers to requests that never executed', () => {
  it('follow the media type the caller prefers', () => {
    expect(responseMediaType(undefined)).toBe(MEDIA_TYPES.json);
    expect(responseMediaType('application/json')).toBe(MEDIA_TYPES.json);
    expect(responseMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(MEDIA_TYPES.graphqlResponse);
    expect(responseMediaType('*/*')).toBe(MEDIA_TYPES.json);
  });

  it('answer a caller’s mistake 200 under application/json and 400 under graphql-response+json, never 500', () => {
    const invalid = { message: 'x', extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' } };
    const tooComplex = { message: 'x', extensions: { code: 'QUERY_TOO_COMPLEX' } };
    expect(statusWithoutData(invalid, MEDIA_TYPES.json, 400)).toBe(200);
    expect(statusWithoutData(invalid, MEDIA_TYPES.graphqlResponse, 400)).toBe(400);
    expect(statusWithoutData(tooComplex, MEDIA_TYPES.json, 500)).toBe(200);
    expect(statusWithoutData(tooComplex, MEDIA_TYPES.graphqlResponse, 500)).toBe(400);
  });

  it('keep 4xx for a request that is not GraphQL over HTTP, and the statuses of limits and outages', () => {
    expect(statusWithoutData({ message: 'x', extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } }, MEDIA_TYPES.json, 400)).toBe(400);
    expect(statusWithoutData({ message: 'x', extensions: { code: 'RATE_LIMITED' } }, MEDIA_TYPES.json, undefined)).toBe(429);
    expect(statusWithoutData({ message: 'x', extensions: { code: 'SERVICE_UNAVAILABLE' } }, MEDIA_TYPES.json, undefined)).toBe(503);
    expect(statusWithoutData({ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, MEDIA_TYPES.json, undefined)).toBe(500);
  });

  it('name the argument, or input field, a literal error is about', () => {
    const document = parse('mutation {\n  createApiKey(input: { clientId: "x", name: 5 }) { secret }\n  other(first: 1e20)\n}');
    const errors = nameArguments(
      [
        { message: 'String cannot represent a non string value: 5', locations: [{ line: 2, column: 46 }] },
        { message: 'Int cannot represent non-integer value: 1e20', locations: [{ line: 3, column: 16 }] },
        { message: 'unrelated', locations: [{ line: 1, column: 1 }] },
      ],
      document,
    );
    expect(errors.map((e) => e.extensions?.argument)).toEqual(['input.name', 'first', undefined]);
  });
});
