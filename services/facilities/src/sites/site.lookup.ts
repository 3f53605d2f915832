import { AppError, badInput, conflict, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { LockMode, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import { Site } from './site.entity';

/**
 * A row a mutation names by id, locked for the rest of the operation so concurrent changes to it
 * queue up: NOT_FOUND naming the argument when the caller cannot see it (another client's, another
 * site's, or made up — alike), BAD_USER_INPUT when the id is not even an id.
 */
export async function lockForChange<T extends { id: string }>(ctx: RequestContext, entity: EntityClass<T>, id: string, argument: string): Promise<T> {
  if (!isUuid(id)) throw badInput(`\`${argument}\` is not a valid id`, { argument });
  const row = await ctx.em.findOne(entity, { id } as FilterQuery<T>, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw new AppError('NOT_FOUND', `${entity.name} ${id} was not found`, { type: entity.name, id, argument });
  return row;
}

/** A site that is still open, locked for the change; CONFLICT naming the argument when it has closed. */
export async function lockOpenSite(ctx: RequestContext, siteId: string, argument = 'siteId'): Promise<Site> {
  const site = await lockForChange(ctx, Site, siteId, argument);
  if (site.status === 'CLOSED') throw conflict(`Site ${site.name} is closed`, { argument, siteId });
  return site;
}
