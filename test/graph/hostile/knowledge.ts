import type { Ownership } from './database';

/**
 * What the suite knows about the data: every object the unrestricted admin saw through the graph
 * (type, id, leaf values), and from the database who owns each id. Probes draw their arguments
 * from here: a principal's own ids, another client's ids, values of same-named fields.
 */
export interface KnownObject {
  type: string;
  id: string;
  fields: Record<string, unknown>;
}

/** Whose data a principal may see: null means every client / every site of its clients. */
export interface View {
  clientIds: string[] | null;
  siteIds: string[] | null;
}

export class Knowledge {
  private readonly byType = new Map<string, Map<string, KnownObject>>();
  /** Ids this suite created (victim keys and users): used first when a probe needs a target to harm. */
  readonly createdBySuite = new Set<string>();
  ownership!: Ownership;

  /** Sorted lists, rebuilt after the next `add`. */
  private sorted = new Map<string, KnownObject[]>();

  add(object: KnownObject): boolean {
    this.sorted.clear();
    const objects = this.byType.get(object.type) ?? new Map<string, KnownObject>();
    this.byType.set(object.type, objects);
    const known = objects.get(object.id);
    if (known) {
      Object.assign(known.fields, object.fields);
      return false;
    }
    objects.set(object.id, object);
    return true;
  }

  /** Records every object with `__typename` and `id` anywhere in a response. */
  absorb(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.absorb(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.__typename === 'string' && typeof record.id === 'string') {
      const leaves = Object.fromEntries(Object.entries(record).filter(([, v]) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((i) => typeof i !== 'object'))));
      this.add({ type: record.__typename, id: record.id, fields: leaves });
    }
    for (const child of Object.values(record)) if (child && typeof child === 'object') this.absorb(child);
  }

  objects(type: string): KnownObject[] {
    let objects = this.sorted.get(type);
    if (!objects) {
      // Deterministic, suite-created objects first.
      objects = [...(this.byType.get(type)?.values() ?? [])].sort(
        (a, b) => Number(this.createdBySuite.has(b.id)) - Number(this.createdBySuite.has(a.id)) || a.id.localeCompare(b.id),
      );
      this.sorted.set(type, objects);
    }
    return objects;
  }

  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  allObjects(): KnownObject[] {
    return this.types().flatMap((t) => this.objects(t));
  }

  clientsOf(id: string): string[] | undefined {
    return this.ownership.clients.get(id);
  }

  siteOf(id: string): string | undefined {
    return this.ownership.site.get(id);
  }

  /** Objects the view may see: of its clients (or shared), at its sites (or at no site). */
  visible(type: string, view: View): KnownObject[] {
    return this.objects(type).filter((o) => this.isVisible(o.id, view));
  }

  isVisible(id: string, view: View): boolean {
    const clients = this.clientsOf(id);
    if (clients && view.clientIds && !clients.some((c) => view.clientIds!.includes(c))) return false;
    const site = this.siteOf(id);
    if (site && view.siteIds && !view.siteIds.includes(site)) return false;
    return true;
  }

  /** The first client the view may not see: whose ids its cross-client probes use. */
  foreignClient(view: View): string | undefined {
    return view.clientIds ? this.ownership.clientIds.find((c) => !view.clientIds!.includes(c)) : undefined;
  }

  /**
   * Objects of another client (`client`), or, for a site-limited view, of its own client at a
   * site it may not see (`site`).
   */
  foreign(type: string, view: View, level: 'client' | 'site'): KnownObject[] {
    if (level === 'client') {
      const other = this.foreignClient(view);
      return other ? this.objects(type).filter((o) => this.clientsOf(o.id)?.includes(other) && this.clientsOf(o.id)!.length === 1) : [];
    }
    if (!view.siteIds) return [];
    return this.objects(type).filter((o) => {
      const site = this.siteOf(o.id);
      return site !== undefined && !view.siteIds!.includes(site) && (!view.clientIds || this.clientsOf(o.id)?.some((c) => view.clientIds!.includes(c)));
    });
  }

  /** Any id of the foreign client (or foreign site), when the target type cannot be told. */
  anyForeignId(view: View, level: 'client' | 'site'): string | undefined {
    if (level === 'client') {
      const other = this.foreignClient(view);
      return other;
    }
    return view.siteIds ? [...this.ownership.siteIds.keys()].find((s) => !view.siteIds!.includes(s) && (!view.clientIds || view.clientIds.includes(this.ownership.siteIds.get(s)!))) : undefined;
  }

  /**
   * Ids the view must never see: rows of clients it is not limited to (and those clients' ids),
   * and for a site-limited view the rows that belong to its clients' other sites (`site`).
   */
  forbiddenIds(view: View): { client: Set<string>; site: Set<string> } {
    const client = new Set<string>();
    const site = new Set<string>();
    if (!view.clientIds) return { client, site };
    for (const [id, owners] of this.ownership.clients) {
      if (!owners.some((c) => view.clientIds!.includes(c))) client.add(id);
      else if (view.siteIds && !this.ownership.siteIds.has(id)) {
        // Another site's id itself may show (a nurse's home site); that site's rows may not.
        const at = this.ownership.site.get(id);
        if (at && !view.siteIds.includes(at)) site.add(id);
      }
    }
    return { client, site };
  }

  /** Values of a field of this name on objects the view may see (then on any object). */
  valuesOf(fieldName: string, view: View): unknown[] {
    const own: unknown[] = [];
    const any: unknown[] = [];
    for (const object of this.allObjects()) {
      const value = object.fields[fieldName];
      if (value === undefined || value === null || value === '') continue;
      (this.isVisible(object.id, view) ? own : any).push(value);
    }
    return [...own, ...any];
  }
}
