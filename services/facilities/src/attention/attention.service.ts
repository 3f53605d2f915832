import { addLocalDays, badInput, localDateIn, type RequestContext } from '@infusion/subgraph-kit';
import { Certification } from '../certifications/certification.entity';
import { Client } from '../clients/client.entity';
import { Equipment } from '../equipment/equipment.entity';
import { RemsEnrolment } from '../rems/rems-enrolment.entity';
import { Chair } from '../sites/chair.entity';
import { Site } from '../sites/site.entity';
import { byUrgency, MAX_ATTENTION_DAYS, severityOf, type AttentionEntry } from './attention.rules';

/**
 * What needs doing at the caller's open sites within `withinDays`: certifications and REMS
 * enrolments expiring (or lapsed), maintenance due (or overdue), sites with no chair in service.
 * Dates are judged in each site's own time zone. `clientIds` narrows to some clients; the tenant
 * filter already narrows to what the caller may see. A fixed number of queries, whatever the size.
 */
export async function attentionItems(ctx: RequestContext, withinDays: number, clientIds?: readonly string[]): Promise<AttentionEntry[]> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_ATTENTION_DAYS) {
    throw badInput(`\`withinDays\` is from 0 to ${MAX_ATTENTION_DAYS}`, { argument: 'withinDays' });
  }
  const liveClients = await ctx.em.find(Client, { status: { $ne: 'ENDED' }, ...(clientIds ? { id: { $in: [...clientIds] } } : {}) }, { fields: ['id'] });
  if (liveClients.length === 0) return [];
  const sites = await ctx.em.find(Site, { status: 'OPEN', clientId: { $in: liveClients.map((c) => c.id) } });
  if (sites.length === 0) return [];
  const siteIds = sites.map((s) => s.id);
  const days = new Map(sites.map((s) => {
    const today = localDateIn(new Date(), s.timeZone);
    return [s.id, { today, horizon: addLocalDays(today, withinDays), site: s }];
  }));
  // The latest horizon of any zone bounds the queries; each row is then judged in its own site's zone.
  const latest = [...days.values()].reduce((max, d) => (d.horizon > max ? d.horizon : max), '0000-00-00');
  const [certifications, equipment, enrolments, chairs] = await Promise.all([
    ctx.em.find(Certification, { siteId: { $in: siteIds }, expiresOn: { $lte: latest } }),
    ctx.em.find(Equipment, { siteId: { $in: siteIds }, status: { $ne: 'RETIRED' }, nextServiceDue: { $lte: latest } }),
    ctx.em.find(RemsEnrolment, { siteId: { $in: siteIds }, expiresOn: { $ne: null, $lte: latest } }),
    ctx.em.find(Chair, { siteId: { $in: siteIds }, active: true }, { fields: ['siteId'] }),
  ]);

  const items: AttentionEntry[] = [];
  const add = (siteId: string, dueOn: string, entry: Omit<AttentionEntry, 'severity' | 'dueOn' | 'siteId' | 'clientId'>) => {
    const day = days.get(siteId)!;
    if (dueOn > day.horizon) return;
    items.push({ ...entry, siteId, clientId: day.site.clientId, dueOn, severity: severityOf(dueOn, day.today) });
  };
  for (const c of certifications) {
    add(c.siteId, c.expiresOn, { kind: 'CERTIFICATION_EXPIRY', entityType: 'Certification', entityId: c.id, message: `${c.kind} at ${days.get(c.siteId)!.site.name} expires on ${c.expiresOn}` });
  }
  for (const e of equipment) {
    add(e.siteId, e.nextServiceDue, { kind: 'EQUIPMENT_MAINTENANCE', entityType: 'Equipment', entityId: e.id, message: `${e.kind} ${e.model} (serial ${e.serialNumber}) at ${days.get(e.siteId)!.site.name} is due for maintenance on ${e.nextServiceDue}` });
  }
  for (const r of enrolments) {
    add(r.siteId, r.expiresOn!, { kind: 'REMS_ENROLMENT_EXPIRY', entityType: 'RemsEnrolment', entityId: r.id, message: `${r.programme} REMS enrolment of ${days.get(r.siteId)!.site.name} expires on ${r.expiresOn}` });
  }
  const withChairs = new Set(chairs.map((c) => c.siteId));
  for (const site of sites) {
    if (withChairs.has(site.id)) continue;
    items.push({
      kind: 'SITE_WITHOUT_ACTIVE_CHAIR', severity: 'WARNING', dueOn: null, clientId: site.clientId, siteId: site.id, entityType: 'Site', entityId: site.id,
      message: `${site.name} is open with no chair in service`,
    });
  }
  return items.sort(byUrgency);
}
