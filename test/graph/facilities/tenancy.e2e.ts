import { describe, expect, it } from 'vitest';
import { seededWorld } from '../../support/platform';
import { codes, facilitiesFingerprint, gql, issueKey, newClient } from './support';

/** Every facilities mutation, aimed at the rows of `target` (a client and one of its sites). */
function writesAt(target: { clientId: string; siteId: string }) {
  const world = seededWorld();
  const chair = world.chairs.find((c) => c.siteId === target.siteId)!;
  const equipment = world.equipment.find((e) => e.siteId === target.siteId)!;
  const certification = world.certifications.find((c) => c.siteId === target.siteId)!;
  const enrolment = world.remsEnrolments.find((r) => r.clientId === target.clientId);
  const future = '2030-01-02';
  return [
    ['updateClient', 'mutation($i: UpdateClientInput!) { updateClient(input: $i) { id } }', { i: { id: target.clientId, specialty: 'Taken over' } }],
    ['createSite', 'mutation($i: CreateSiteInput!) { createSite(input: $i) { id } }', { i: { clientId: target.clientId, name: 'Smuggled site', kind: 'OFFICE', timeZone: 'America/Chicago', street: '1 A St', city: 'Chicago', state: 'IL', postalCode: '60601' } }],
    ['updateSite', 'mutation($i: UpdateSiteInput!) { updateSite(input: $i) { id } }', { i: { id: target.siteId, name: 'Renamed' } }],
    ['closeSite', 'mutation($id: ID!) { closeSite(id: $id, reason: "x") { id } }', { id: target.siteId }],
    ['setWeeklyHours', 'mutation($i: SetWeeklyHoursInput!) { setWeeklyHours(input: $i) { id } }', { i: { siteId: target.siteId, days: [] } }],
    ['setHoursException', 'mutation($i: SetHoursExceptionInput!) { setHoursException(input: $i) { id } }', { i: { siteId: target.siteId, date: future, closed: true } }],
    ['removeHoursException', 'mutation($s: ID!, $d: LocalDate!) { removeHoursException(siteId: $s, date: $d) { id } }', { s: target.siteId, d: world.hoursExceptions.find((h) => h.siteId === target.siteId)!.date }],
    ['addChair', 'mutation($i: AddChairInput!) { addChair(input: $i) { id } }', { i: { siteId: target.siteId, label: 'Smuggled chair' } }],
    ['retireChair', 'mutation($id: ID!) { retireChair(chairId: $id, reason: "x") { id } }', { id: chair.id }],
    ['addEquipment', 'mutation($i: AddEquipmentInput!) { addEquipment(input: $i) { id } }', { i: { siteId: target.siteId, kind: 'INFUSION_PUMP', model: 'X', serialNumber: 'SMUGGLED1', nextServiceDue: future } }],
    ['recordMaintenance', 'mutation($i: RecordMaintenanceInput!) { recordMaintenance(input: $i) { id } }', { i: { equipmentId: equipment.id, servicedOn: '2026-01-05', kind: 'PREVENTIVE', performedBy: 'x' } }],
    ['setEquipmentStatus', 'mutation($id: ID!) { setEquipmentStatus(equipmentId: $id, status: RETIRED) { id } }', { id: equipment.id }],
    ['addCertification', 'mutation($i: AddCertificationInput!) { addCertification(input: $i) { id } }', { i: { siteId: target.siteId, kind: 'FAKE_CERT', issuer: 'x', issuedOn: '2026-01-01', expiresOn: future } }],
    ['renewCertification', 'mutation($i: RenewCertificationInput!) { renewCertification(input: $i) { id } }', { i: { id: certification.id, issuedOn: '2026-12-01', expiresOn: future } }],
    ['enrolSiteInRems', 'mutation($i: EnrolSiteInRemsInput!) { enrolSiteInRems(input: $i) { id } }', { i: { siteId: target.siteId, programme: 'CLOZAPINE', enrolledOn: '2026-01-01' } }],
    ...(enrolment ? [['renewRemsEnrolment', 'mutation($id: ID!, $e: LocalDate!) { renewRemsEnrolment(id: $id, expiresOn: $e) { id } }', { id: enrolment.id, e: future }] as const] : []),
  ] as const;
}

describe('facilities writes across clients and sites', () => {
  it('answers NOT_FOUND to a client key writing another client’s rows, for every mutation, and changes nothing', async () => {
    const world = seededWorld();
    const hospital = world.clients.find((c) => c.kind === 'HOSPITAL')!;
    const mine = world.clients.find((c) => c.id !== hospital.id)!;
    const key = await issueKey(mine.id, ['facilities:read', 'facilities:write']);
    const target = { clientId: hospital.id, siteId: world.sites.find((s) => s.clientId === hospital.id)!.id };
    const writes = writesAt(target);
    expect(writes.map(([name]) => name)).toContain('renewRemsEnrolment');
    const before = await facilitiesFingerprint();
    for (const [name, query, variables] of writes) {
      const result = await gql(query, variables, key);
      expect(codes(result), name).toEqual(['NOT_FOUND']);
    }
    expect(codes(await gql('mutation($i: CreateClientInput!) { createClient(input: $i) { id } }', { i: newClient() }, key))).toEqual(['FORBIDDEN']);
    expect(await facilitiesFingerprint()).toBe(before);
  });

  it('answers NOT_FOUND to a site-limited key writing another site of its own client', async () => {
    const world = seededWorld();
    const client = world.clients.find((c) => world.sites.filter((s) => s.clientId === c.id).length > 1)!;
    const [own, other] = world.sites.filter((s) => s.clientId === client.id);
    const key = await issueKey(client.id, ['facilities:read', 'facilities:write'], [own!.id]);
    const before = await facilitiesFingerprint();
    for (const [name, query, variables] of writesAt({ clientId: client.id, siteId: other!.id })) {
      if (name === 'updateClient' || name === 'createSite') {
        // Client-wide writes are not for a caller limited to some sites.
        expect(codes(await gql(query, variables, key)), name).toEqual(['FORBIDDEN']);
        continue;
      }
      expect(codes(await gql(query, variables, key)), name).toEqual(['NOT_FOUND']);
    }
    expect(await facilitiesFingerprint()).toBe(before);
  });

  it('answers FORBIDDEN to a client key without facilities:write, on its own rows', async () => {
    const world = seededWorld();
    const client = world.clients.find((c) => c.kind === 'HOSPITAL')!;
    const key = await issueKey(client.id, ['facilities:read']);
    const before = await facilitiesFingerprint();
    for (const [name, query, variables] of writesAt({ clientId: client.id, siteId: world.sites.find((s) => s.clientId === client.id)!.id })) {
      expect(codes(await gql(query, variables, key)), name).toEqual(['FORBIDDEN']);
    }
    expect(await facilitiesFingerprint()).toBe(before);
  });
});
