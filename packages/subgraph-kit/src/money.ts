import { Directive, Field, ObjectType } from 'type-graphql';

/** An exact amount of money: a decimal string (never a float) and an ISO 4217 currency. */
@Directive('@shareable')
@ObjectType({ description: 'An exact amount of money.' })
export class Money {
  @Field({ description: 'Decimal amount as a string, e.g. "1250.00".' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "USD".' })
  currency!: string;

  static usd(amount: string): Money {
    return Object.assign(new Money(), { amount, currency: 'USD' });
  }
}
