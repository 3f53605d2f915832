import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A staff member (the nurse of an appointment, the prescriber of an order), owned by the staffing subgraph; scheduling knows only its key and adds a nurse’s bookings (`appointments`). */
@Directive('@key(fields: "id")')
@ObjectType()
export class StaffMember {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
