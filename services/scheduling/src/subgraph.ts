import { subgraphEvents } from '@infusion/events';
import { loadReference, stubReference, type SubgraphDefinition } from '@infusion/subgraph-kit';
import { Administration } from './administrations/administration.entity';
import { AdministrationResolver } from './administrations/administration.resolver';
import { Appointment } from './appointments/appointment.entity';
import { AppointmentResolver } from './appointments/appointment.resolver';
import { ChairScheduleResolver, SiteScheduleResolver, StaffMemberScheduleResolver } from './appointments/schedule.resolver';
import { onChairRetired } from './chairs/chair-retired.handler';
import { RetiredChair } from './chairs/retired-chair.entity';
import { Migration20261124000001Initial } from './migrations/Migration20261124000001Initial';
import { Migration20261124000002RowLevelSecurity } from './migrations/Migration20261124000002RowLevelSecurity';
import { Migration20261127000001SiteOfOrdersAndAdministrations } from './migrations/Migration20261127000001SiteOfOrdersAndAdministrations';
import { Migration20261128000010RetiredChairs } from './migrations/Migration20261128000010RetiredChairs';
import { Migration20261129000001PatientsAndOrders } from './migrations/Migration20261129000001PatientsAndOrders';
import { Migration20261129000002NoDoubleBooking } from './migrations/Migration20261129000002NoDoubleBooking';
import { Migration20261129000003SeriesDoses } from './migrations/Migration20261129000003SeriesDoses';
import { Migration20261129000004AdministrationRecord } from './migrations/Migration20261129000004AdministrationRecord';
import { Migration20261129000005BookingOverrides } from './migrations/Migration20261129000005BookingOverrides';
import { Migration20261130000020AcceptedWindow } from './migrations/Migration20261130000020AcceptedWindow';
import { BookingOverride } from './booking-rules/booking-override.entity';
import { VisitRecord } from './administrations/visit-record.entity';
import { Order } from './orders/order.entity';
import { OrderResolver } from './orders/order.resolver';
import { Patient } from './patients/patient.entity';
import { PatientWeight } from './patients/patient-weight.entity';
import { PatientResolver } from './patients/patient.resolver';
import { AppointmentWindowResolver, DayOptimisationResolver } from './optimisation/day-optimisation.resolver';
import { PatientTimelineResolver, SiteReportResolver, SiteUtilisationResolver } from './reports/reports.resolver';
import { Chair } from './references/chair.stub';
import { Lot } from './references/lot.stub';
import { Product } from './references/product.stub';
import { Site } from './references/site.stub';
import { SeriesResolver } from './series/series.resolver';
import { AvailabilityResolver } from './availability/availability.resolver';
import { StaffMember } from './references/staff-member.stub';

/** Scheduling: patients, their therapy orders, appointments in chairs, and administrations. */
export const scheduling: SubgraphDefinition = {
  name: 'scheduling',
  database: {
    schema: 'scheduling',
    entities: [Patient, PatientWeight, Order, Appointment, Administration, VisitRecord, BookingOverride, RetiredChair],
    migrations: [
      { name: 'Migration20261124000001Initial', class: Migration20261124000001Initial },
      { name: 'Migration20261124000002RowLevelSecurity', class: Migration20261124000002RowLevelSecurity },
      { name: 'Migration20261127000001SiteOfOrdersAndAdministrations', class: Migration20261127000001SiteOfOrdersAndAdministrations },
      { name: 'Migration20261128000010RetiredChairs', class: Migration20261128000010RetiredChairs },
      { name: 'Migration20261129000001PatientsAndOrders', class: Migration20261129000001PatientsAndOrders },
      { name: 'Migration20261129000002NoDoubleBooking', class: Migration20261129000002NoDoubleBooking },
      { name: 'Migration20261129000003SeriesDoses', class: Migration20261129000003SeriesDoses },
      { name: 'Migration20261129000004AdministrationRecord', class: Migration20261129000004AdministrationRecord },
      { name: 'Migration20261129000005BookingOverrides', class: Migration20261129000005BookingOverrides },
      { name: 'Migration20261130000020AcceptedWindow', class: Migration20261130000020AcceptedWindow },
    ],
  },
  access: { read: 'scheduling:read', write: 'scheduling:write' },
  events: subgraphEvents({ subgraph: 'scheduling', handlers: [onChairRetired] }),
  // Every read of patient data is audited (DESIGN section 4): the patient and their clinical records.
  auditedReads: [Patient, PatientWeight, Order, Appointment, Administration, VisitRecord],
  schema: {
    resolvers: [
      PatientResolver,
      OrderResolver,
      AppointmentResolver,
      AdministrationResolver,
      SiteReportResolver,
      SiteUtilisationResolver,
      PatientTimelineResolver,
      SiteScheduleResolver,
      StaffMemberScheduleResolver,
      ChairScheduleResolver,
      DayOptimisationResolver,
      AppointmentWindowResolver,
      SeriesResolver,
      AvailabilityResolver,
    ],
    references: {
      Patient: loadReference(Patient),
      Order: loadReference(Order),
      Appointment: loadReference(Appointment),
      Administration: loadReference(Administration),
      Site: stubReference(Site),
      Chair: stubReference(Chair),
      StaffMember: stubReference(StaffMember),
      Product: stubReference(Product),
      Lot: stubReference(Lot),
    },
  },
};
