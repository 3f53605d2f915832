import { describe, expect, it } from 'vitest';
import { asAdmin, bearer, signInAs } from '../../support/auth';
import {
  argumentOf, codes, CREATE_CLIENT, CREATE_SITE, facilitiesFingerprint, gql, gqlOk, issueKey, mutationsAuditedSince, newClient, newSite, UPDATE_CLIENT,
} from './support';
import { seededWorld } from '../../support/platform';

const HOURS = `query($id: ID!, $from: LocalDate!, $to: LocalDate!) { site(id: $id) { timeZone openingHours(from: $from, to: $to) { date closed opensAt closesAt opensAtUtc closesAtUtc note } } }`;

describe('onboarding a client and its site through the graph', () => {
  it('creates a client (ONBOARDING), opens a site with defaults from its kind, sets hours, adds a chair — each audited', async () => {
    const since = new Date();
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    const { createClient: client } = await gqlOk<{ createClient: { id: string; status: string; legalName: string; version: number } }>(CREATE_CLIENT, { i: newClient() }, ops);
    expect(client).toMatchObject({ status: 'ONBOARDING', legalName: 'Prairie Infusion Partners, LLC', version: 1 });

    const { createSite: site } = await gqlOk<{ createSite: Record<string, unknown> & { id: string } }>(CREATE_SITE, { i: newSite(client.id) }, ops);
    expect(site).toMatchObject({ placeOfService: '11', claimForm: 'PROFESSIONAL', supervision: 'DIRECT', supervisionOverrideReason: null, status: 'OPEN' });

    const before = await gqlOk<{ client: { attention: { kind: string; entityId: string }[] } }>(
      'query($id: ID!) { client(id: $id) { attention(withinDays: 30) { kind entityId severity } } }', { id: client.id }, ops);
    expect(before.client.attention).toEqual([expect.objectContaining({ kind: 'SITE_WITHOUT_ACTIVE_CHAIR', entityId: site.id })]);

    await gqlOk('mutation($i: SetWeeklyHoursInput!) { setWeeklyHours(input: $i) { id } }', {
      i: { siteId: site.id, days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '07:30', closesAt: '18:00' })) },
    }, ops);
    const { addChair } = await gqlOk<{ addChair: { id: string; active: boolean } }>('mutation($i: AddChairInput!) { addChair(input: $i) { id active } }', { i: { siteId: site.id, label: 'Chair 1' } }, ops);
    expect(addChair.active).toBe(true);
    const after = await gqlOk<{ client: { attention: unknown[] } }>('query($id: ID!) { client(id: $id) { attention(withinDays: 30) { kind } } }', { id: client.id }, ops);
    expect(after.client.attention).toEqual([]);

    await gqlOk(UPDATE_CLIENT, { i: { id: client.id, status: 'ACTIVE', expectedVersion: 1 } }, ops);
    const audited = await mutationsAuditedSince(since);
    // A client's own record is the tenant root: its audit rows name it among the entities.
    const mine = audited.filter((a) => a.clientId === client.id || a.entityIds.includes(client.id));
    expect(mine.map((a) => a.operation).sort()).toEqual(['addChair', 'createClient', 'createSite', 'setWeeklyHours', 'updateClient']);
    expect(mine.find((a) => a.operation === 'createSite')).toMatchObject({ entityType: 'Site', entityIds: [site.id], actorName: 'ops@infusiongraph.test' });
  });

  it('refuses an NPI with a wrong check digit and a malformed EIN, naming the field, and writes nothing', async () => {
    const ops = await asAdmin();
    const before = await facilitiesFingerprint();
    const badNpi = await gql(CREATE_CLIENT, { i: newClient({ npi: '1245319598' }) }, ops);
    expect(codes(badNpi)).toEqual(['BAD_USER_INPUT']);
    expect(argumentOf(badNpi)).toBe('input.npi');
    expect(badNpi.errors![0]!.message).toMatch(/check digit/);
    const badEin = await gql(CREATE_CLIENT, { i: newClient({ taxId: '364123456' }) }, ops);
    expect(argumentOf(badEin)).toBe('input.taxId');
    expect(await facilitiesFingerprint()).toBe(before);
  });

  it('moves a client only along ONBOARDING → ACTIVE → OFFBOARDING → ENDED, CONFLICT naming the status otherwise', async () => {
    const ops = await asAdmin();
    const { createClient: client } = await gqlOk<{ createClient: { id: string } }>(CREATE_CLIENT, { i: newClient() }, ops);
    const skip = await gql(UPDATE_CLIENT, { i: { id: client.id, status: 'OFFBOARDING' } }, ops);
    expect(codes(skip)).toEqual(['CONFLICT']);
    expect(argumentOf(skip)).toBe('input.status');
    await gqlOk(UPDATE_CLIENT, { i: { id: client.id, status: 'ACTIVE' } }, ops);
    expect(codes(await gql(UPDATE_CLIENT, { i: { id: client.id, status: 'ENDED' } }, ops))).toEqual(['CONFLICT']);
    await gqlOk(UPDATE_CLIENT, { i: { id: client.id, status: 'OFFBOARDING' } }, ops);
    const ended = await gqlOk<{ updateClient: { status: string; version: number } }>(UPDATE_CLIENT, { i: { id: client.id, status: 'ENDED' } }, ops);
    expect(ended.updateClient).toEqual(expect.objectContaining({ status: 'ENDED', version: 4 }));
    expect(codes(await gql(UPDATE_CLIENT, { i: { id: client.id, status: 'ACTIVE' } }, ops))).toEqual(['CONFLICT']);
    // No new site for an ended client.
    const site = await gql(CREATE_SITE, { i: newSite(client.id) }, ops);
    expect(codes(site)).toEqual(['CONFLICT']);
    expect(argumentOf(site)).toBe('input.clientId');
  });

  it('refuses a stale version (CONFLICT) and leaves the client as it was', async () => {
    const ops = await asAdmin();
    const { createClient: client } = await gqlOk<{ createClient: { id: string; name: string } }>(CREATE_CLIENT, { i: newClient() }, ops);
    await gqlOk(UPDATE_CLIENT, { i: { id: client.id, specialty: 'Neurology', expectedVersion: 1 } }, ops);
    const stale = await gql(UPDATE_CLIENT, { i: { id: client.id, name: 'Renamed from a stale copy', expectedVersion: 1 } }, ops);
    expect(codes(stale)).toEqual(['CONFLICT']);
    const now = await gqlOk<{ client: { name: string; version: number } }>('query($id: ID!) { client(id: $id) { name version } }', { id: client.id }, ops);
    expect(now.client).toEqual({ name: client.name, version: 2 });
  });

  it('lets only unrestricted ops users create clients; a client key may change only its own client, and not its status', async () => {
    const world = seededWorld();
    const [mine, theirs] = world.clients;
    const limitedOps = bearer(await signInAs('redrock.ops@infusiongraph.test'));
    const writeKey = await issueKey(mine!.id, ['facilities:read', 'facilities:write']);
    for (const caller of [limitedOps, writeKey]) expect(codes(await gql(CREATE_CLIENT, { i: newClient() }, caller))).toEqual(['FORBIDDEN']);

    const foreign = await gql(UPDATE_CLIENT, { i: { id: theirs!.id, specialty: 'Hijacked' } }, writeKey);
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    const own = await gqlOk<{ updateClient: { id: string } }>(UPDATE_CLIENT, { i: { id: mine!.id, specialty: mine!.specialty } }, writeKey);
    expect(own.updateClient.id).toBe(mine!.id);
    const status = await gql(UPDATE_CLIENT, { i: { id: mine!.id, status: 'OFFBOARDING' } }, writeKey);
    expect(codes(status)).toEqual(['FORBIDDEN']);
    const readOnly = await issueKey(mine!.id, ['facilities:read']);
    expect(codes(await gql(UPDATE_CLIENT, { i: { id: mine!.id, specialty: 'x' } }, readOnly))).toEqual(['FORBIDDEN']);
  });
});

describe('site rules', () => {
  it('refuses a place of service or claim form that contradicts the kind, naming both fields', async () => {
    const ops = await asAdmin();
    const { createClient: client } = await gqlOk<{ createClient: { id: string } }>(CREATE_CLIENT, { i: newClient() }, ops);
    const office22 = await gql(CREATE_SITE, { i: newSite(client.id, { placeOfService: '22' }) }, ops);
    expect(codes(office22)).toEqual(['BAD_USER_INPUT']);
    expect(office22.errors![0]!.extensions).toMatchObject({ argument: 'input.placeOfService', fields: ['input.placeOfService', 'input.kind'] });
    expect(office22.errors![0]!.message).toMatch(/22.*OFFICE/);
    const hopdProfessional = await gql(CREATE_SITE, { i: newSite(client.id, { kind: 'HOPD_OFF_CAMPUS', claimForm: 'PROFESSIONAL' }) }, ops);
    expect(hopdProfessional.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.claimForm', 'input.kind'] });
    const hopd = await gqlOk<{ createSite: { id: string; placeOfService: string; claimForm: string; supervision: string } }>(CREATE_SITE, { i: newSite(client.id, { kind: 'HOPD_OFF_CAMPUS' }) }, ops);
    expect(hopd.createSite).toMatchObject({ placeOfService: '19', claimForm: 'INSTITUTIONAL', supervision: 'GENERAL' });
    // Changing the kind back to an office while keeping POS 19 contradicts it too.
    const update = await gql('mutation($i: UpdateSiteInput!) { updateSite(input: $i) { id } }', { i: { id: hopd.createSite.id, kind: 'OFFICE', placeOfService: '19' } }, ops);
    expect(update.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.placeOfService', 'input.kind'] });
  });

  it('validates the time zone with Intl and suggests the canonical name for an alias', async () => {
    const ops = await asAdmin();
    const { createClient: client } = await gqlOk<{ createClient: { id: string } }>(CREATE_CLIENT, { i: newClient() }, ops);
    for (const timeZone of ['America/Springfield', 'US/Central', 'CST', '+05:00']) {
      const result = await gql(CREATE_SITE, { i: newSite(client.id, { timeZone }) }, ops);
      expect(codes(result), timeZone).toEqual(['BAD_USER_INPUT']);
      expect(argumentOf(result)).toBe('input.timeZone');
    }
    const alias = await gql(CREATE_SITE, { i: newSite(client.id, { timeZone: 'US/Central' }) }, ops);
    expect(alias.errors![0]!.message).toMatch(/America\/Chicago/);
  });

  it('defaults supervision from the kind and records the reason for an override, which it requires', async () => {
    const ops = await asAdmin();
    const { createClient: client } = await gqlOk<{ createClient: { id: string } }>(CREATE_CLIENT, { i: newClient() }, ops);
    const noReason = await gql(CREATE_SITE, { i: newSite(client.id, { supervision: 'GENERAL' }) }, ops);
    expect(codes(noReason)).toEqual(['BAD_USER_INPUT']);
    expect(argumentOf(noReason)).toBe('input.supervisionReason');
    const reason = 'Provider-based department of the hospital, billed under OPPS';
    const { createSite } = await gqlOk<{ createSite: { supervision: string; supervisionOverrideReason: string } }>(
      CREATE_SITE, { i: newSite(client.id, { supervision: 'GENERAL', supervisionReason: reason }) }, ops);
    expect(createSite).toMatchObject({ supervision: 'GENERAL', supervisionOverrideReason: reason });
  });
});

describe('opening hours', () => {
  it('gives DST-correct UTC instants on the spring-forward and fall-back days, local times unchanged', async () => {
    const ops = await asAdmin();
    const { createClient: client } = await gqlOk<{ createClient: { id: string } }>(CREATE_CLIENT, { i: newClient() }, ops);
    const { createSite: site } = await gqlOk<{ createSite: { id: string } }>(CREATE_SITE, { i: newSite(client.id, { timeZone: 'America/New_York', state: 'NY', postalCode: '12208', city: 'Albany' }) }, ops);
    await gqlOk('mutation($i: SetWeeklyHoursInput!) { setWeeklyHours(input: $i) { id } }', {
      i: { siteId: site.id, days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '17:30' })) },
    }, ops);
    type Day = { date: string; opensAt: string; opensAtUtc: string; closesAtUtc: string };
    // 2027-03-14: clocks go forward in New York; 2027-11-07: back.
    const spring = await gqlOk<{ site: { openingHours: Day[] } }>(HOURS, { id: site.id, from: '2027-03-13', to: '2027-03-14' }, ops);
    expect(spring.site.openingHours.map((d) => [d.date, d.opensAt, d.opensAtUtc, d.closesAtUtc])).toEqual([
      ['2027-03-13', '08:00', '2027-03-13T13:00:00.000Z', '2027-03-13T22:30:00.000Z'],
      ['2027-03-14', '08:00', '2027-03-14T12:00:00.000Z', '2027-03-14T21:30:00.000Z'],
    ]);
    const fall = await gqlOk<{ site: { openingHours: Day[] } }>(HOURS, { id: site.id, from: '2027-11-06', to: '2027-11-07' }, ops);
    expect(fall.site.openingHours.map((d) => [d.date, d.opensAtUtc, d.closesAtUtc])).toEqual([
      ['2027-11-06', '2027-11-06T12:00:00.000Z', '2027-11-06T21:30:00.000Z'],
      ['2027-11-07', '2027-11-07T13:00:00.000Z', '2027-11-07T22:30:00.000Z'],
    ]);
  });

  it('applies a holiday and a short day over the weekly hours, and bounds the range to 366 days', async () => {
    const ops = await asAdmin();
    const { createClient: client } = await gqlOk<{ createClient: { id: string } }>(CREATE_CLIENT, { i: newClient() }, ops);
    const { createSite: site } = await gqlOk<{ createSite: { id: string } }>(CREATE_SITE, { i: newSite(client.id) }, ops);
    await gqlOk('mutation($i: SetWeeklyHoursInput!) { setWeeklyHours(input: $i) { id } }', {
      i: { siteId: site.id, days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '17:00' })) },
    }, ops);
    const EXCEPTION = 'mutation($i: SetHoursExceptionInput!) { setHoursException(input: $i) { date closed opensAt closesAt note } }';
    await gqlOk(EXCEPTION, { i: { siteId: site.id, date: '2027-07-05', closed: true, note: 'Independence Day (observed)' } }, ops);
    await gqlOk(EXCEPTION, { i: { siteId: site.id, date: '2027-07-02', closed: false, opensAt: '08:00', closesAt: '12:00', note: 'Short day' } }, ops);
    const { site: hours } = await gqlOk<{ site: { openingHours: { date: string; closed: boolean; opensAt: string | null; closesAt: string | null; note: string | null }[] } }>(
      HOURS, { id: site.id, from: '2027-07-02', to: '2027-07-06' }, ops);
    expect(hours.openingHours.map((d) => [d.date, d.closed, d.opensAt, d.closesAt, d.note])).toEqual([
      ['2027-07-02', false, '08:00', '12:00', 'Short day'],
      ['2027-07-03', true, null, null, null],
      ['2027-07-04', true, null, null, null],
      ['2027-07-05', true, null, null, 'Independence Day (observed)'],
      ['2027-07-06', false, '08:00', '17:00', null],
    ]);
    const tooLong = await gql(HOURS, { id: site.id, from: '2027-01-01', to: '2028-01-02' }, ops);
    expect(codes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(argumentOf(tooLong)).toBe('to');
    const past = await gql(EXCEPTION, { i: { siteId: site.id, date: '2020-01-01', closed: true } }, ops);
    expect(argumentOf(past)).toBe('input.date');
    const backwards = await gql('mutation($i: SetWeeklyHoursInput!) { setWeeklyHours(input: $i) { id } }', { i: { siteId: site.id, days: [{ weekday: 1, opensAt: '17:00', closesAt: '08:00' }] } }, ops);
    expect(argumentOf(backwards)).toBe('input.days.0.closesAt');
  });
});
