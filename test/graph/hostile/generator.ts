import { randomUUID } from 'node:crypto';
import {
  GraphQLInt,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  valueFromAST,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Knowledge, View } from './knowledge';
import {
  argsOf,
  connectionNode,
  entityOf,
  fieldsOf,
  inputFieldsOf,
  isLeaf,
  isList,
  isRequired,
  isTenantType,
  type AnyField,
  type RootField,
} from './schema';

/** A field or argument the generator cannot fill or select: coverage would silently shrink. */
export class Unprobeable extends Error {
  constructor(
    readonly coordinate: string,
    readonly reason: string,
  ) {
    super(`${coordinate}: ${reason}`);
  }
}

/** A hostile value with its inline literal (which is not always its JSON: enums, `$` keys). */
export class Fuzz {
  constructor(
    readonly label: string,
    readonly json: unknown,
    readonly literal: string,
  ) {}
}

/**
 * How ID arguments are filled. `own`: the principal's own data. `foreign-client`: another
 * client's; `foreign-site`: the principal's client at a site it may not see; `random`: ids that
 * exist nowhere. `paths` limits the non-own mode to some argument paths (one reference crossed,
 * the rest consistent and own).
 */
export type IdMode = 'own' | 'foreign-client' | 'foreign-site' | 'random';

export interface Fill {
  view: View;
  ids: IdMode;
  paths?: Set<string>;
  /** Include optional ID arguments (filters, limits) rather than leave them out. */
  optionalIds?: boolean;
  /** Argument path → hostile value. */
  fuzz?: Map<string, Fuzz>;
  /** Print every argument inline instead of as variables. */
  inline?: boolean;
  /** Page size for connections (`first`). */
  pageSize?: number;
}

/** An ID argument or input field that names an entity. */
export interface IdPath {
  path: string;
  name: string;
  /** The entity type it names, when the schema tells; undefined means "some entity". */
  target: string | undefined;
  required: boolean;
  /** Names a client's entity (so another client's id can be put there). */
  tenant: boolean;
}

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
  /** Every id put into the arguments: an answer may echo these without leaking anything. */
  sent: Set<string>;
}

const DAY = 24 * 60 * 60 * 1000;
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let uniqueCounter = 0;

export class Generator {
  private readonly idTargets = new Map<string, string | undefined>();
  /** Counts tuples; starts where the clock says so that a rerun on a kept platform books other weeks. */
  private tuples = Math.floor(Date.now() / 60_000);

  constructor(
    readonly schema: GraphQLSchema,
    readonly knowledge: Knowledge,
    /** The day the demo schedule is built around (dates default near it). */
    readonly anchorDate: string,
  ) {}

  // ---------------------------------------------------------------- what an ID argument names

  /**
   * The entity type an ID argument names: `id` on a field names what the field returns (or the
   * one entity inside it); `siteId`/`siteIds` name `Site`; `nurseId` names whatever `nurse`
   * returns where a type has both (`Appointment.nurse: StaffMember`). Undefined when the schema
   * does not tell.
   */
  idTarget(name: string, returns?: GraphQLObjectType): string | undefined {
    if (name === 'id') {
      if (!returns || returns.getFields().id) return returns?.name;
      // A result wrapping the entity (`IssuedApiKey { apiKey secret }`): the one entity inside.
      const inside = fieldsOf(returns)
        .map((f) => getNamedType(f.type))
        .filter((t): t is GraphQLObjectType => isObjectType(t) && !!t.getFields().id);
      return inside.length === 1 ? inside[0]!.name : undefined;
    }
    const stem = name.match(/^(.+?)Ids?$/)?.[1];
    if (!stem) return undefined;
    if (this.idTargets.has(stem)) return this.idTargets.get(stem);
    const direct = this.schema.getType(stem[0]!.toUpperCase() + stem.slice(1));
    let target: string | undefined = direct && isObjectType(direct) && direct.getFields().id ? direct.name : undefined;
    if (!target) {
      const votes = new Map<string, number>();
      for (const type of Object.values(this.schema.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__')) continue;
        const field = type.getFields()[stem];
        const named = field && getNamedType(field.type);
        if (named && isObjectType(named) && named.getFields().id) votes.set(named.name, (votes.get(named.name) ?? 0) + 1);
      }
      target = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    }
    this.idTargets.set(stem, target);
    return target;
  }

  /** Every ID argument and input field of a field, with what it names. */
  idPaths(field: AnyField): IdPath[] {
    const returns = entityOf(field.type);
    const paths: IdPath[] = [];
    const visit = (name: string, type: GraphQLInputType, path: string, required: boolean, host: GraphQLObjectType | undefined, depth: number) => {
      const named = getNamedType(type);
      if (isScalarType(named) && named.name === 'ID') {
        const target = this.idTarget(name, host);
        const targetType = target ? this.schema.getType(target) : undefined;
        paths.push({ path, name, target, required, tenant: targetType ? isTenantType(targetType) : true });
      } else if (isInputObjectType(named) && depth < 4) {
        for (const inner of inputFieldsOf(named)) visit(inner.name, inner.type, `${path}.${inner.name}`, required && isRequired(inner), undefined, depth + 1);
      }
    };
    for (const arg of argsOf(field)) visit(arg.name, arg.type, arg.name, isRequired(arg), returns, 0);
    return paths;
  }

  /** Every argument path of a field, input object fields included: what fuzzing covers. */
  argumentPaths(field: AnyField): string[] {
    const paths: string[] = [];
    const visit = (type: GraphQLInputType, path: string, depth: number) => {
      paths.push(path);
      const named = getNamedType(type);
      if (isInputObjectType(named) && depth < 4) for (const inner of inputFieldsOf(named)) visit(inner.type, `${path}.${inner.name}`, depth + 1);
    };
    for (const arg of argsOf(field)) visit(arg.type, arg.name, 0);
    return paths;
  }

  // ---------------------------------------------------------------- values

  private iso(offsetDays: number): string {
    return new Date(Date.parse(`${this.anchorDate}T00:00:00Z`) + offsetDays * DAY).toISOString();
  }

  /**
   * A set of consistent ids for arguments that name several entities at once (a booking's site,
   * chair, nurse, patient and order): the known object that carries most of those names as
   * fields, e.g. an existing appointment. Using its values keeps every other reference valid, so
   * a probe that crosses one reference tests exactly that one.
   */
  private tuple(names: string[], view: View, mode: IdMode): Tuple | undefined {
    const idNames = names.filter((n) => /Ids?$/.test(n) && n !== 'id');
    if (idNames.length < 2) return undefined;
    const candidates = (type: string) =>
      mode === 'foreign-client' ? this.knowledge.foreign(type, view, 'client') : mode === 'foreign-site' ? this.knowledge.foreign(type, view, 'site') : this.knowledge.visible(type, view);
    let best: { score: number; fields: Record<string, unknown> } | undefined;
    for (const type of this.knowledge.types()) {
      const sample = this.knowledge.objects(type)[0];
      if (!sample) continue;
      const score = idNames.filter((n) => n in sample.fields).length;
      if (score < 2 || (best && score <= best.score)) continue;
      const object = candidates(type).find((o) => idNames.every((n) => !(n in sample.fields) || o.fields[n] !== null));
      if (object) best = { score, fields: object.fields };
    }
    // Each tuple books a different week, so probes that get through do not collide with each other.
    return best && { fields: best.fields, weeksAhead: 52 + (this.tuples++ % 52) };
  }

  private ownId(target: string | undefined, view: View): string | undefined {
    if (target) return this.knowledge.visible(target, view)[0]?.id;
    return this.knowledge.allObjects().find((o) => this.knowledge.clientsOf(o.id) && this.knowledge.isVisible(o.id, view))?.id;
  }

  private crossedId(target: string | undefined, view: View, mode: IdMode): string | undefined {
    if (mode === 'random') return randomUUID();
    const level = mode === 'foreign-site' ? 'site' : 'client';
    if (target) {
      const object = this.knowledge.foreign(target, view, level)[0];
      if (object) return object.id;
      // A type without site-bound rows cannot be crossed by site; one without rows of the other client, by client.
      if (level === 'site' || this.knowledge.objects(target).length) return undefined;
    }
    return this.knowledge.anyForeignId(view, level);
  }

  /** A plausible scalar for an argument of this name. */
  private scalar(type: GraphQLNamedType, name: string, view: View, fill: Fill, tuple: Tuple | undefined, coordinate: string): unknown {
    const fromTuple = tuple?.fields[name];
    if (type.name === 'DateTime' || type.name === 'LocalDate') {
      // A tuple's own time a year or more on: same weekday and hour, in the future, and free.
      const base = typeof fromTuple === 'string' ? Date.parse(fromTuple) + tuple!.weeksAhead * 7 * DAY : undefined;
      const value = base
        ? new Date(base).toISOString()
        : /expire/i.test(name)
          ? this.iso(365)
          : /(^to$|To$|end|until|before|Before)/.test(name)
            ? this.iso(2)
            : this.iso(0);
      return type.name === 'LocalDate' ? value.slice(0, 10) : value;
    }
    const known = this.knowledge.valuesOf(name, view);
    switch (type.name) {
      case 'String': {
        if (/email$/i.test(name)) return `hostile-${Date.now().toString(36)}-${++uniqueCounter}@infusiongraph.test`;
        if (/password/i.test(name)) return `Hostile-probe-${++uniqueCounter}-passw0rd!`;
        const value = known.find((v) => typeof v === 'string' || (Array.isArray(v) && typeof v[0] === 'string'));
        return Array.isArray(value) ? value[0] : (value ?? 'hostile probe');
      }
      case 'Int':
        if (name === 'first') return fill.pageSize ?? 10;
        return known.find((v) => Number.isInteger(v) && (v as number) > 0) ?? 1;
      case 'Float':
        return known.find((v) => typeof v === 'number' && v > 0) ?? 1;
      case 'Boolean':
        return known.find((v) => typeof v === 'boolean') ?? false;
      default:
        throw new Unprobeable(coordinate, `cannot make up a value of scalar ${type.name} for \`${name}\``);
    }
  }

  /**
   * Fills one argument or input field. Required ones always; optional ones only when fuzzed or,
   * with `optionalIds`, when they name entities. Returns `undefined` to leave it out.
   */
  private value(
    name: string,
    type: GraphQLInputType,
    path: string,
    required: boolean,
    host: GraphQLObjectType | undefined,
    fill: Fill,
    tuple: Tuple | undefined,
    coordinate: string,
    sent: Set<string>,
  ): unknown {
    const fuzz = fill.fuzz?.get(path);
    if (fuzz) return fuzz;
    const touchesFuzz = [...(fill.fuzz?.keys() ?? [])].some((p) => p.startsWith(`${path}.`));
    const named = getNamedType(type);
    const isId = isScalarType(named) && named.name === 'ID';
    const crossed = fill.ids !== 'own' && (!fill.paths || fill.paths.has(path));
    if (!required && !touchesFuzz && !(isId && fill.optionalIds && crossed)) return undefined;
    const list = isListType(getNullableType(type));
    let item: unknown;
    if (isId) {
      const target = this.idTarget(name, host);
      const targetType = target ? this.schema.getType(target) : undefined;
      const tenant = targetType ? isTenantType(targetType) : true;
      // An argument left own takes its value from the own tuple, so the references stay consistent.
      const own = (tuple && !crossed ? (tuple.fields[name] as string | undefined) : undefined) ?? this.ownId(target, fill.view);
      if (crossed && tenant) {
        const fromTuple = fill.ids !== 'random' && tuple && !fill.paths ? (tuple.fields[name] as string | undefined) : undefined;
        // Nothing of this kind at another site (a client id under a site limit): the own id stays.
        item = fromTuple ?? this.crossedId(target, fill.view, fill.ids) ?? (fill.ids === 'foreign-site' ? own : randomUUID());
      } else item = own;
      if (Array.isArray(item) && item.length === 0) item = undefined;
      if (item === undefined) item = randomUUID();
      // A tuple's list of ids (an API key's `siteIds`) is the whole list, not one item of it.
      const ids = Array.isArray(item) ? (item as unknown[]).map(String) : [String(item)];
      for (const one of ids) sent.add(one);
      if (Array.isArray(item)) return list ? ids : ids[0];
    } else if (isInputObjectType(named)) {
      const fields = inputFieldsOf(named);
      const names = fields.map((f) => f.name);
      const innerTuple = this.tuple(names, fill.view, fill.ids === 'random' || fill.paths ? 'own' : fill.ids);
      const crossTuple = fill.paths && fill.ids !== 'random' ? this.tuple(names, fill.view, fill.ids) : undefined;
      const object: Record<string, unknown> = {};
      for (const inner of fields) {
        const innerPath = `${path}.${inner.name}`;
        // One reference crossed: take it from the other client's tuple so it is a real entity there.
        const found = fill.paths?.has(innerPath) ? crossTuple?.fields[inner.name] : undefined;
        const crossing = typeof found === 'string' ? [found] : Array.isArray(found) && found.length ? found.map(String) : undefined;
        for (const one of crossing ?? []) sent.add(one);
        const value = crossing
          ? isListType(getNullableType(inner.type))
            ? crossing
            : crossing[0]
          : this.value(inner.name, inner.type, innerPath, isRequired(inner), undefined, fill, innerTuple, `${coordinate}.${inner.name}`, sent);
        if (value !== undefined) object[inner.name] = value;
      }
      item = object;
    } else if (isEnumType(named)) {
      item = named.getValues()[0]!.name;
    } else if (isScalarType(named)) {
      item = this.scalar(named, name, fill.view, fill, tuple, coordinate);
      if (Array.isArray(item) && list) return item;
    } else {
      throw new Unprobeable(coordinate, `cannot make up a value of ${String(type)}`);
    }
    return list ? [item] : item;
  }

  /** Arguments of one field, as a map name → value (Fuzz markers inside). */
  arguments(field: AnyField, fill: Fill, coordinate: string, sent: Set<string>): Map<string, unknown> {
    const args = argsOf(field);
    const returns = entityOf(field.type);
    const tuple = this.tuple(
      args.map((a) => a.name),
      fill.view,
      fill.ids === 'random' || fill.paths ? 'own' : fill.ids,
    );
    const values = new Map<string, unknown>();
    for (const arg of args) {
      const value = this.value(arg.name, arg.type, arg.name, isRequired(arg) || arg.name === 'first', returns, fill, tuple, `${coordinate}(${arg.name})`, sent);
      if (value !== undefined) values.set(arg.name, value);
    }
    return values;
  }

  /** A field's arguments printed inline, with the view's own plausible values ('' when it has none to give). */
  inlineArguments(field: AnyField, view: View, coordinate: string): string {
    const writer = new Writer(true);
    return writer.args(this.arguments(field, { view, ids: 'own' }, coordinate, writer.sent), field);
  }

  // ---------------------------------------------------------------- documents

  /**
   * The selection of an object type: `__typename`, every leaf (arguments made up), and the nested
   * objects named by `nested` (all, none, or one field) with their leaves: one level, bounded.
   */
  selection(type: GraphQLObjectType, writer: Writer, fill: Fill, nested: 'all' | 'none' | string): string {
    const parts = ['__typename'];
    for (const field of fieldsOf(type)) {
      const coordinate = `${type.name}.${field.name}`;
      const leaf = isLeaf(field.type);
      if (!leaf && nested !== 'all' && nested !== field.name) continue;
      const args = writer.args(this.arguments(field, fill, coordinate, writer.sent), field);
      if (leaf) parts.push(`${field.name}${args}`);
      else parts.push(`${field.name}${args} { ${this.inner(field, writer, fill)} }`);
    }
    return parts.join(' ');
  }

  /** A nested object's leaves (a connection's node leaves, with its page info). */
  private inner(field: AnyField, writer: Writer, fill: Fill): string {
    const node = connectionNode(field.type);
    if (node) return `edges { cursor node { ${this.selection(node, writer, fill, 'none')} } } pageInfo { hasNextPage endCursor }`;
    const named = getNamedType(field.type);
    if (isObjectType(named)) return this.selection(named, writer, fill, 'none');
    return '__typename';
  }

  /** What to select under a field: its entity's selection, inside `edges { node }` for connections. */
  private under(field: AnyField, writer: Writer, fill: Fill, nested: 'all' | 'none' | string): string {
    const node = connectionNode(field.type);
    if (node) return `edges { cursor node { ${this.selection(node, writer, fill, nested)} } } pageInfo { hasNextPage endCursor }`;
    const named = getNamedType(field.type);
    if (isObjectType(named)) return this.selection(named, writer, fill, nested);
    return isLeaf(field.type) ? '' : '__typename';
  }

  /** One root field as a whole operation, selecting its leaves and the nested objects asked for. */
  rootOperation(root: RootField, fill: Fill, nested: 'all' | 'none' | string = 'none'): Operation {
    const writer = new Writer(fill.inline ?? false);
    const args = writer.args(this.arguments(root.field, fill, root.coordinate, writer.sent), root.field);
    const body = this.under(root.field, writer, ownFill(fill), nested);
    return writer.operation(root.operation, `${root.field.name}${args}${body ? ` { ${body} }` : ''}`);
  }

  /**
   * An operation that reaches `target.field` through `path` (root field first) and selects it;
   * the fuzz, if any, applies to the target field's arguments.
   */
  pathOperation(path: Step[], fill: Fill, leavesOnly = false): Operation {
    const writer = new Writer(fill.inline ?? false);
    const own = ownFill(fill);
    let text = '';
    for (let i = path.length - 1; i >= 0; i--) {
      const step = path[i]!;
      const isTarget = i === path.length - 1;
      const args = writer.args(this.arguments(step.field, isTarget ? fill : own, step.coordinate, writer.sent), step.field);
      let inner: string;
      if (isTarget) inner = leavesOnly || isLeaf(step.field.type) ? this.leafSelection(step.field, writer, own) : this.inner(step.field, writer, own);
      else inner = connectionNode(step.field.type) ? `edges { node { __typename ${text} } }` : `__typename ${text}`;
      text = `${step.field.name}${args}${inner ? ` { ${inner} }` : ''}`;
    }
    return writer.operation(path[0]!.operation, text);
  }

  private leafSelection(field: AnyField, writer: Writer, fill: Fill): string {
    if (isLeaf(field.type)) return '';
    const node = connectionNode(field.type);
    const entity = node ?? getNamedType(field.type);
    if (!isObjectType(entity)) return '__typename';
    const ids = entity.getFields().id ? '__typename id' : this.selection(entity, writer, fill, 'none');
    return node ? `edges { node { ${ids} } }` : ids;
  }

  // ---------------------------------------------------------------- reaching every field

  /**
   * The shortest way from a root query field to every object type (by-id root fields first,
   * since they answer one object), bounded in depth. Fields of a type are then reached through
   * its path.
   */
  paths(maxDepth = 4): Map<string, Step[]> {
    const query = this.schema.getQueryType()!;
    const reached = new Map<string, Step[]>();
    const roots = fieldsOf(query)
      .map((field) => ({ field, single: !isList(field.type) && !connectionNode(field.type) }))
      .sort((a, b) => Number(b.single) - Number(a.single) || a.field.name.localeCompare(b.field.name));
    let frontier: { type: GraphQLObjectType; path: Step[] }[] = [];
    for (const { field } of roots) {
      const entity = entityOf(field.type);
      if (!entity || reached.has(entity.name)) continue;
      const path = [{ operation: 'query' as const, field, coordinate: `Query.${field.name}` }];
      reached.set(entity.name, path);
      frontier.push({ type: entity, path });
    }
    for (let depth = 1; depth < maxDepth && frontier.length; depth++) {
      const next: typeof frontier = [];
      for (const { type, path } of frontier) {
        for (const field of fieldsOf(type)) {
          const entity = entityOf(field.type);
          if (!entity || reached.has(entity.name)) continue;
          const extended = [...path, { operation: 'query' as const, field, coordinate: `${type.name}.${field.name}` }];
          reached.set(entity.name, extended);
          next.push({ type: entity, path: extended });
        }
      }
      frontier = next;
    }
    return reached;
  }

  /** Every field of every reachable object type, with the path that reaches it. */
  reachableFields(): { coordinate: string; path: Step[] }[] {
    const out: { coordinate: string; path: Step[] }[] = [];
    for (const [typeName, path] of [...this.paths()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const type = this.schema.getType(typeName) as GraphQLObjectType;
      for (const field of fieldsOf(type)) {
        out.push({ coordinate: `${typeName}.${field.name}`, path: [...path, { operation: 'query', field, coordinate: `${typeName}.${field.name}` }] });
      }
    }
    return out;
  }
}

/** Arguments below the probed field: the principal's own, plain values. */
const ownFill = (fill: Fill): Fill => ({ view: fill.view, ids: 'own', inline: fill.inline, pageSize: fill.pageSize });

/** Consistent values for several references at once (see `tuple`), and how far ahead to book. */
interface Tuple {
  fields: Record<string, unknown>;
  weeksAhead: number;
}

export interface Step {
  operation: 'query' | 'mutation';
  field: AnyField;
  coordinate: string;
}

/** Prints arguments inline or as variables, and collects the variable definitions. */
export class Writer {
  private readonly definitions: string[] = [];
  private readonly variables: Record<string, unknown> = {};
  readonly sent = new Set<string>();

  constructor(private readonly inline: boolean) {}

  args(values: Map<string, unknown>, field: AnyField): string {
    if (!values.size) return '';
    const parts: string[] = [];
    for (const [name, value] of values) {
      const arg = field.args.find((a) => a.name === name)!;
      if (this.inline) parts.push(`${name}: ${literal(value, arg.type)}`);
      else {
        const variable = `v${this.definitions.length}`;
        this.definitions.push(`$${variable}: ${String(arg.type)}`);
        this.variables[variable] = toJson(value);
        parts.push(`${name}: $${variable}`);
      }
    }
    return `(${parts.join(', ')})`;
  }

  operation(kind: 'query' | 'mutation', selection: string): Operation {
    const header = this.definitions.length ? `${kind} Probe(${this.definitions.join(', ')})` : `${kind} Probe`;
    for (const id of [...this.sent]) if (!UUID.test(id)) this.sent.delete(id);
    return { query: `${header} { ${selection} }`, variables: this.variables, sent: this.sent };
  }
}

function toJson(value: unknown): unknown {
  if (value instanceof Fuzz) return value.json;
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/** A GraphQL literal for a value of an input type (enum values bare). */
export function literal(value: unknown, type: GraphQLInputType): string {
  if (value instanceof Fuzz) return value.literal;
  if (value === null || value === undefined) return 'null';
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) {
    const item = isListType(nullable) ? nullable.ofType : nullable;
    return `[${value.map((v) => literal(v, item as GraphQLInputType)).join(', ')}]`;
  }
  const named = getNamedType(type);
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{${Object.entries(value)
      .filter(([k]) => NAME.test(k))
      .map(([k, v]) => `${k}: ${literal(v, (fields[k]?.type ?? named) as GraphQLInputType)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') {
    if (isEnumType(named) && named.getValue(value)) return value;
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * Roughly what the gateway charges for an operation (README: 1 per field plus its children times
 * `first` for connections or 10 for lists), so probes can size their pages to stay well under
 * the limit: a probe refused as QUERY_TOO_COMPLEX tests nothing.
 */
export function estimatedCost(schema: GraphQLSchema, operation: Operation): number {
  const document = parse(operation.query);
  const definition = document.definitions[0];
  if (definition?.kind !== Kind.OPERATION_DEFINITION) return 0;
  const root = definition.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  const cost = (selectionSet: SelectionSetNode, parent: GraphQLObjectType): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const field = parent.getFields()[selection.name.value];
      const named = field && getNamedType(field.type);
      const children = field && selection.selectionSet && isObjectType(named) ? cost(selection.selectionSet, named) : 0;
      const firstArg = selection.arguments?.find((a) => a.name.value === 'first');
      const first = firstArg ? valueFromAST(firstArg.value, GraphQLInt, operation.variables) : undefined;
      const many = field !== undefined && isList(field.type) && field.name !== 'edges';
      total += 1 + children * (typeof first === 'number' ? first : many ? 10 : 1);
    }
    return total;
  };
  return root && definition.selectionSet ? cost(definition.selectionSet, root) : 0;
}

/** The operation `build` makes with the largest page size (at most `largest`) whose cost stays within `budget`. */
export function fitted(schema: GraphQLSchema, build: (pageSize: number) => Operation, largest = 25, budget = 6000): Operation {
  let size = largest;
  for (;;) {
    const operation = build(size);
    const cost = estimatedCost(schema, operation);
    if (cost <= budget || size === 1) return operation;
    size = Math.max(1, Math.floor((size * budget) / cost));
  }
}
