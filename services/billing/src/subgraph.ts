import { subgraphEvents } from '@infusion/events';
import { loadReference, stubReference, type SubgraphDefinition } from '@infusion/subgraph-kit';
import { FeeSchedule } from './contracts/fee-schedule.entity';
import { ContractSite } from './contracts/contract-site.entity';
import { FeePercentTier } from './contracts/fee-percent-tier.entity';
import { FeePercentTierResolver, FeeScheduleResolver, FeeTierResolver } from './contracts/fee-schedule.resolver';
import { FeeTier } from './contracts/fee-tier.entity';
import { ManagementContract } from './contracts/management-contract.entity';
import { ManagementContractResolver } from './contracts/management-contract.resolver';
import { Coverage } from './coverages/coverage.entity';
import { CoverageResolver } from './coverages/coverage.resolver';
import { Migration20261124000001Initial } from './migrations/Migration20261124000001Initial';
import { Migration20261124000002RowLevelSecurity } from './migrations/Migration20261124000002RowLevelSecurity';
import { Migration20261127000001SiteOfCoverages } from './migrations/Migration20261127000001SiteOfCoverages';
import { Migration20261129000001ContractsAndScheduleVersions } from './migrations/Migration20261129000001ContractsAndScheduleVersions';
import { Migration20261129000002VolumeLedger } from './migrations/Migration20261129000002VolumeLedger';
import { Migration20261129000003Invoices } from './migrations/Migration20261129000003Invoices';
import { Migration20261130000001MonthlyRollups } from './migrations/Migration20261130000001MonthlyRollups';
import { Migration20261201000001RollupsByMonth } from './migrations/Migration20261201000001RollupsByMonth';
import { FeeInvoice, FeeInvoiceLine } from './invoices/invoice.entity';
import { FeeInvoiceLineResolver, FeeInvoiceResolver } from './invoices/invoice.resolver';
import { FeeReportResolver } from './fees/report.resolver';
import { onAdministrationCompleted } from './ledger/administration-completed.handler';
import { Collection } from './ledger/collection.entity';
import { CollectionResolver } from './ledger/collection.resolver';
import { BillableTreatment } from './ledger/treatment.entity';
import { Payer } from './payers/payer.entity';
import { PayerResolver } from './payers/payer.resolver';
import { PriorAuthorization } from './prior-authorizations/prior-authorization.entity';
import { PriorAuthorizationResolver } from './prior-authorizations/prior-authorization.resolver';
import { ClientBillingResolver } from './references/client.resolver';
import { Client } from './references/client.stub';
import { PatientBillingResolver } from './references/patient.resolver';
import { Patient } from './references/patient.stub';
import { Site } from './references/site.stub';

/** Billing: payers, patients' coverage and prior authorizations, management contracts and their fees. */
export const billing: SubgraphDefinition = {
  name: 'billing',
  database: {
    schema: 'billing',
    // Payer first: seeding is skipped when the first table already has rows.
    entities: [Payer, Coverage, PriorAuthorization, ManagementContract, FeeSchedule, FeeTier, FeePercentTier, ContractSite, BillableTreatment, Collection, FeeInvoice, FeeInvoiceLine],
    migrations: [
      { name: 'Migration20261124000001Initial', class: Migration20261124000001Initial },
      { name: 'Migration20261124000002RowLevelSecurity', class: Migration20261124000002RowLevelSecurity },
      { name: 'Migration20261127000001SiteOfCoverages', class: Migration20261127000001SiteOfCoverages },
      { name: 'Migration20261129000001ContractsAndScheduleVersions', class: Migration20261129000001ContractsAndScheduleVersions },
      { name: 'Migration20261129000002VolumeLedger', class: Migration20261129000002VolumeLedger },
      { name: 'Migration20261129000003Invoices', class: Migration20261129000003Invoices },
      { name: 'Migration20261130000001MonthlyRollups', class: Migration20261130000001MonthlyRollups },
      { name: 'Migration20261201000001RollupsByMonth', class: Migration20261201000001RollupsByMonth },
    ],
  },
  access: { read: 'billing:read', write: 'billing:write' },
  // Consumes AdministrationCompleted into the treatment ledger (ledger/administration-completed.handler.ts).
  events: subgraphEvents({ subgraph: 'billing', handlers: [onAdministrationCompleted] }),
  // Coverage and authorizations are patient data: every read of them is audited.
  auditedReads: [Coverage, PriorAuthorization],
  schema: {
    resolvers: [
      PayerResolver,
      CoverageResolver,
      PriorAuthorizationResolver,
      ManagementContractResolver,
      FeeScheduleResolver,
      FeeTierResolver,
      FeePercentTierResolver,
      PatientBillingResolver,
      ClientBillingResolver,
      CollectionResolver,
      FeeInvoiceResolver,
      FeeInvoiceLineResolver,
      FeeReportResolver,
    ],
    orphanedTypes: [Coverage, FeeSchedule, FeeTier, FeePercentTier, ContractSite, Client, Patient, Site],
    references: {
      Payer: loadReference(Payer),
      Coverage: loadReference(Coverage),
      PriorAuthorization: loadReference(PriorAuthorization),
      ManagementContract: loadReference(ManagementContract),
      FeeSchedule: loadReference(FeeSchedule),
      FeeTier: loadReference(FeeTier),
      FeePercentTier: loadReference(FeePercentTier),
      ContractSite: loadReference(ContractSite),
      Collection: loadReference(Collection),
      FeeInvoice: loadReference(FeeInvoice),
      Client: stubReference(Client),
      Patient: stubReference(Patient),
    },
  },
};
