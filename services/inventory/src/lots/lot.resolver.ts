import { ConnectionType, LocalDate, Money, PageArgs, paginate, whereEquals, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Product } from '../products/product.entity';
import { Administration } from '../references/administration.stub';
import { Patient } from '../references/patient.stub';
import { Site } from '../references/site.stub';
import { Lot } from './lot.entity';
import { isExpired } from './lot.rules';
import { StockMovement } from './stock-movement.entity';

const LotConnection = ConnectionType(Lot, 'Lot');
const StockMovementConnection = ConnectionType(StockMovement, 'StockMovement');

@Resolver(() => Lot)
export class LotResolver {
  @Query(() => LotConnection, { description: 'Drug and supply lots, first to expire first; optionally of one site and/or product.' })
  lots(
    @Args() page: PageArgs,
    @Ctx() { em }: RequestContext,
    @Arg('siteId', () => ID, { nullable: true, description: 'Only lots held at this site.' }) siteId?: string | null,
    @Arg('productId', () => ID, { nullable: true, description: 'Only lots of this product.' }) productId?: string | null,
    @Arg('inStockOnly', { defaultValue: false, description: 'Only lots with packages on hand.' }) inStockOnly: boolean = false,
    @Arg('expiringBy', () => LocalDate, { nullable: true, description: 'Only lots whose expiry date is on or before this day (what expires within a window).' }) expiringBy?: string | null,
  ) {
    const where: FilterQuery<Lot>[] = [whereEquals<Lot>({ siteId, productId })];
    if (inStockOnly) where.push({ quantityOnHand: { $gt: 0 } });
    if (expiringBy) where.push({ expiresOn: { $lte: expiringBy } });
    return paginate(em, Lot, { $and: where }, page, 'expiresOn');
  }

  @Query(() => StockMovementConnection, { description: 'A lot’s stock ledger one page at a time, oldest first (Lot.movements is the whole ledger at once).' })
  async stockMovements(
    @Args() page: PageArgs,
    @Ctx() { em, loaders }: RequestContext,
    @Arg('lotId', () => ID, { description: 'The lot whose movements to list.' }) lotId: string,
  ) {
    // An id the caller cannot see answers NOT_FOUND rather than an empty page.
    await loaders.require(Lot, lotId);
    return paginate(em, StockMovement, { lotId }, page, 'occurredAt');
  }

  @Query(() => Lot, { description: 'One lot.' })
  async lot(@Arg('id', () => ID, { description: 'Lot id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<Lot> {
    return loaders.require(Lot, id);
  }

  @FieldResolver(() => Product, { description: 'The catalogue product of the lot.' })
  async product(@Root() lot: Lot, @Ctx() { loaders }: RequestContext): Promise<Product> {
    return loaders.require(Product, lot.productId);
  }

  @FieldResolver(() => Site, { description: 'The site that holds the lot.' })
  site(@Root() lot: Lot): Site {
    return stubOf(Site, lot.siteId);
  }

  @FieldResolver(() => Patient, { nullable: true, description: 'The patient a white-bagged lot was shipped for.' })
  patient(@Root() lot: Lot): Patient | null {
    return lot.patientId ? stubOf(Patient, lot.patientId) : null;
  }

  @FieldResolver(() => Money, { description: 'Acquisition cost of one package.' })
  unitCost(@Root() lot: Lot): Money {
    return Money.usd(lot.unitCost);
  }

  @FieldResolver(() => Boolean, { description: 'True when the lot is past its expiry date on the given day.' })
  expired(@Root() lot: Lot, @Arg('on', () => LocalDate, { description: 'The calendar day to check, e.g. the day of a visit.' }) on: string): boolean {
    return isExpired(lot.expiresOn, on);
  }

  @FieldResolver(() => [StockMovement], { description: 'The lot’s stock ledger, oldest first.' })
  movements(@Root() lot: Lot, @Ctx() { loaders }: RequestContext): Promise<StockMovement[]> {
    return loaders.manyBy(StockMovement, 'lotId', { orderBy: { occurredAt: 'asc', id: 'asc' } }).load(lot.id);
  }
}

@Resolver(() => StockMovement)
export class StockMovementResolver {
  @FieldResolver(() => Lot, { description: 'The lot whose stock changed.' })
  async lot(@Root() movement: StockMovement, @Ctx() { loaders }: RequestContext): Promise<Lot> {
    return loaders.require(Lot, movement.lotId);
  }

  @FieldResolver(() => Administration, { nullable: true, description: 'The administration that caused a dispense, if any.' })
  administration(@Root() movement: StockMovement): Administration | null {
    return movement.administrationId ? Object.assign(new Administration(), { id: movement.administrationId }) : null;
  }
}
