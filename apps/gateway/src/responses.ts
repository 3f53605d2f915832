import type { GraphQLFormattedError } from 'graphql';
import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import Negotiator from 'negotiator';

export const MEDIA_TYPES = {
  /** The legacy GraphQL response type: every well-formed request answers 200 with it. */
  json: 'application/json; charset=utf-8',
  /** The GraphQL-over-HTTP response type: a request that cannot execute answers 4xx with it. */
  graphqlResponse: 'application/graphql-response+json; charset=utf-8',
} as const;

/** The response type the caller asked for (Apollo Server's own choice, made here so status and type agree). */
export function responseMediaType(accept: string | undefined): string {
  if (!accept) return MEDIA_TYPES.json;
  return new Negotiator({ headers: { accept } }).mediaType([MEDIA_TYPES.json, MEDIA_TYPES.graphqlResponse]) ?? MEDIA_TYPES.json;
}

/**
 * The HTTP status of a response that carries no data: the request never executed. Per the
 * GraphQL-over-HTTP spec a parse, validation or variable error answers 200 under
 * `application/json` and 400 under `application/graphql-response+json`; QUERY_TOO_COMPLEX and our
 * other refusals of a well-formed request follow the same rule. A request that is not
 * well-formed GraphQL over HTTP (no query, a query that is not a string) keeps Apollo Server's
 * 4xx. Limits, authentication and unavailability keep their own statuses; nothing a caller sends
 * answers 500.
 */
export function statusWithoutData(error: GraphQLFormattedError | undefined, mediaType: string, declared: number | undefined): number {
  const code = error?.extensions?.code;
  if (error?.extensions?.reason === 'BAD_REQUEST') return declared && declared >= 400 ? declared : 400;
  switch (code) {
    case 'RATE_LIMITED':
      return 429;
    case 'UNAUTHENTICATED':
      return 401;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INTERNAL_SERVER_ERROR':
    case undefined:
      return 500;
    default:
      return mediaType === MEDIA_TYPES.graphqlResponse ? 400 : 200;
  }
}

/**
 * Adds `extensions.argument` to errors about a literal argument value (e.g. `first: 1e20`, or
 * `input: { name: 5 }` as `input.name`): validation names the value's position, this names the
 * argument found there.
 */
export function nameArguments(errors: GraphQLFormattedError[], document: DocumentNode | undefined): GraphQLFormattedError[] {
  const unnamed = (e: GraphQLFormattedError) => e.locations?.length && e.extensions?.argument === undefined && e.extensions?.variable === undefined;
  if (!document || !errors.some(unnamed)) return errors;
  const argumentAt = new Map<string, string>();
  const record = (value: ValueNode, name: string) => {
    const start = value.loc?.startToken;
    if (start) argumentAt.set(`${start.line}:${start.column}`, name);
  };
  visit(document, {
    Argument(node) {
      record(node.value, node.name.value);
    },
    ObjectField(node, _key, _parent, _path, ancestors) {
      const names = [...ancestors, node].flatMap((a) => ('kind' in a && (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD) ? [a.name.value] : []));
      record(node.value, names.join('.'));
    },
  });
  return errors.map((error) => {
    const at = error.locations?.[0];
    const argument = unnamed(error) && at ? argumentAt.get(`${at.line}:${at.column}`) : undefined;
    return argument ? { ...error, extensions: { ...error.extensions, argument } } : error;
  });
}
