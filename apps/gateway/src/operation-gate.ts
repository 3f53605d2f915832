import { AppError } from '@infusion/subgraph-kit/errors';
import { errorBody } from '@infusion/subgraph-kit/http';
import { Kind, Lexer, parse, Source, TokenKind, type DocumentNode } from 'graphql';
import type express from 'express';
import { assertShapeWithinLimits, operationShape, type QueryLimits } from './limits';
import { responseMediaType, statusWithoutData } from './responses';

/** The parsed document, or undefined when there is none or it does not parse (Apollo Server answers that). */
function documentOf(query: string, maxTokens: number): DocumentNode | undefined {
  const lexer = new Lexer(new Source(query));
  try {
    for (let tokens = 0; lexer.advance().kind !== TokenKind.EOF; ) {
      if (++tokens > maxTokens) throw new AppError('QUERY_TOO_COMPLEX', `The document has more than ${maxTokens} tokens; the limit is ${maxTokens}`, { maxTokens });
    }
    return parse(query, { maxTokens, noLocation: true });
  } catch (error) {
    if (error instanceof AppError) throw error;
    return undefined;
  }
}

/**
 * Refuses a document too long, or an operation too deep, too wide, too large or with too many
 * aliases, before Apollo Server parses and validates it. Validation compares fields pairwise
 * (OverlappingFieldsCanBeMerged), so a few hundred repeated fields cost it seconds of CPU; counting
 * tokens and measuring the parsed document cost one pass each. Every operation of the document is
 * measured, not only the one asked for.
 */
export function operationGate(limits: QueryLimits): express.RequestHandler {
  return (req, res, next) => {
    const query: unknown = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string') return next();
    try {
      const document = documentOf(query, limits.maxTokens);
      for (const definition of document?.definitions ?? []) {
        if (definition.kind === Kind.OPERATION_DEFINITION) assertShapeWithinLimits(operationShape(document!, definition), limits);
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const { code, http: _http, ...details } = error.extensions;
      const mediaType = responseMediaType(req.headers.accept);
      const body = errorBody(error.message, String(code), details);
      res.status(statusWithoutData(body.errors[0], mediaType, undefined)).type(mediaType).send(JSON.stringify(body));
      return;
    }
    next();
  };
}
