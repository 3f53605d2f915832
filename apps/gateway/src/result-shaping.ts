import { readFileSync } from 'node:fs';
import * as federation from '@apollo/federation-internals';
import type {
  CompositeType,
  Directive,
  FieldSelection,
  Schema,
  Selection,
  SelectionSet,
  Type,
  Variable as VariableValue,
} from '@apollo/federation-internals';
import * as apolloResultShaping from '@apollo/gateway/dist/resultShaping';
import type { GraphQLError } from 'graphql';

/**
 * The gateway's result shaping: after the subgraphs answered, @apollo/gateway copies their data
 * into the shape of the operation (selection order, aliases, type conditions, `__typename`,
 * null propagation for non-null fields, leaf value checks). Its own `computeResponse` does this
 * per value with re-exported getters, two directive lookups per field per object, a result object
 * per value and null-prototype output objects (dictionary mode in V8, slow to fill and to
 * stringify): about half of the gateway's CPU on the 174 KB fee report drill-down. This is the
 * same algorithm, step for step, with the per-selection work (skip/include, response name, field
 * type) done once per selection set per operation, ordinary output objects, and subgraph values
 * already in the operation's exact shape used as they are (`adoptable`). Output and errors are
 * identical: result-shaping.test.ts runs both implementations on the cases that take different
 * paths.
 */

type ShapeFunction = typeof apolloResultShaping.computeResponse;
type ShapingInput = Parameters<ShapeFunction>[0];
type ShapingResult = ReturnType<ShapeFunction>;
type Json = Record<string, unknown>;

/** The @apollo/gateway release whose `computeResponse` this reproduces. */
export const SHAPED_LIKE_GATEWAY_VERSION = '2.14.4';

// Read once: each `federation.x` is a getter of the package's re-exports, too slow per value.
const assert: typeof federation.assert = federation.assert;
const { ERRORS, isSubtype, isValidLeafValue, typenameFieldName, Variable } = federation;
type LeafType = Parameters<typeof isValidLeafValue>[2];

type CompiledSelection =
  | {
      kind: 'field';
      selection: FieldSelection;
      responseName: string;
      type: Type;
      introspection: boolean;
      typename: boolean;
      selectionSet: SelectionSet | undefined;
    }
  | { kind: 'fragment'; typeCondition: CompositeType | undefined; selectionSet: SelectionSet };

interface CompiledSet {
  selections: CompiledSelection[];
  /**
   * Fields only, each response name once, no `__typename` or introspection: an object of exactly
   * these keys in this order, with valid values, is its own shaped answer (see `adoptable`).
   */
  plain: boolean;
  names: string[];
}

const NULL_BUBBLE_UP = 1;
const OK = 0;

const getOwn = (object: Json, key: string) => (Object.hasOwn(object, key) ? object[key] : undefined);

/** Sets a response key; an alias may be `__proto__`, which must stay a plain key of an ordinary object. */
function setKey(output: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(output, key, { value, enumerable: true, writable: true, configurable: true });
  else output[key] = value;
}

export function computeResponse({ operation, variables, input, introspectionHandling }: ShapingInput): ShapingResult {
  if (!input) return { data: input, errors: [] };
  const schema = operation.schema();
  const shaper = new Shaper(schema, { __proto__: null, ...operation.collectDefaultedVariableValues(), ...variables }, introspectionHandling);
  const data: Json = {};
  const res = shaper.applySelectionSet(input, operation.selectionSet, data, [], schema.schemaDefinition.rootType(operation.rootKind)!);
  return { data: res === NULL_BUBBLE_UP ? null : data, errors: shaper.errors };
}

function ifValue(directive: Directive<Selection['element'], { if: boolean | VariableValue }>, variables: Record<string, unknown>): boolean {
  const ifArg = directive.arguments().if;
  if (ifArg instanceof Variable) {
    const value = variables[ifArg.name];
    assert(value !== undefined && typeof value === 'boolean', () => `Unexpected value ${value} for variable ${ifArg} of ${directive}`);
    return value;
  }
  return ifArg;
}

function typeConditionApplies(schema: Schema, typeCondition: CompositeType | undefined, typename: string | undefined, parentType: CompositeType): boolean {
  if (!typeCondition) return true;
  if (typename) {
    const type = schema.type(typename);
    return !!type && isSubtype(typeCondition, type);
  }
  return isSubtype(typeCondition, parentType);
}

function pathLastElementDescription(path: (string | number)[], currentType: Type, parentType: CompositeType): string {
  const element = path[path.length - 1];
  assert(element !== undefined, 'Should not have been called on an empty path');
  return typeof element === 'string' ? `field ${parentType}.${element}` : `array element of type ${currentType} at index ${element}`;
}

const isComposite = (type: { kind: string }): type is CompositeType => type.kind === 'ObjectType' || type.kind === 'InterfaceType' || type.kind === 'UnionType';

/**
 * One operation's shaping. Apollo's `updateOutputValue` returns `{ updated, isInvalid, hasErrors }`
 * per value; here `update` returns the value and leaves the two flags in `invalid` and `hasErrors`
 * (the same values, read by the caller right after the call), so a leaf allocates nothing.
 */
class Shaper {
  readonly errors: GraphQLError[] = [];
  /** Each selection set's selections, with @skip/@include decided once (variables are fixed per operation). */
  private readonly compiled = new Map<SelectionSet, CompiledSet>();
  /** Of the last `update`: the value is null where null is not allowed (the parent must become null). */
  private invalid = false;
  /** Of the last `update`: an error was recorded at or below the value. */
  private hasErrors = false;

  constructor(
    private readonly schema: Schema,
    private readonly variables: Record<string, unknown>,
    private readonly introspectionHandling: ShapingInput['introspectionHandling'],
  ) {}

  private compile(selectionSet: SelectionSet): CompiledSet {
    const known = this.compiled.get(selectionSet);
    if (known) return known;
    const compiled: CompiledSelection[] = [];
    for (const selection of selectionSet.selections()) {
      if (this.shouldSkip(selection)) continue;
      if (selection.kind === 'FieldSelection') {
        const field = selection.element;
        compiled.push({
          kind: 'field',
          selection,
          responseName: field.responseName(),
          type: field.definition.type!,
          introspection: field.definition.isSchemaIntrospectionField(),
          typename: field.name === typenameFieldName,
          selectionSet: selection.selectionSet,
        });
      } else {
        compiled.push({ kind: 'fragment', typeCondition: selection.element.typeCondition, selectionSet: selection.selectionSet });
      }
    }
    const names = compiled.flatMap((c) => (c.kind === 'field' ? [c.responseName] : []));
    const plain = compiled.every((c) => c.kind === 'field' && !c.introspection && !c.typename) && new Set(names).size === names.length;
    const set = { selections: compiled, plain, names };
    this.compiled.set(selectionSet, set);
    return set;
  }

  /**
   * Whether a subgraph's value is already exactly what shaping would build from it, without
   * errors: objects of a concrete type whose keys are their plain selection set's, in order;
   * nothing null where null is not allowed; every leaf valid. Such a value is used as it is,
   * which is most of any answer, instead of being copied.
   */
  private adoptable(value: unknown, type: Type, selectionSet: SelectionSet | undefined): boolean {
    if (value === undefined) return false;
    if (type.kind === 'NonNullType') return value !== null && this.adoptable(value, type.ofType, selectionSet);
    if (value === null) return true;
    switch (type.kind) {
      case 'ListType':
        if (!Array.isArray(value)) return false;
        for (const element of value) if (!this.adoptable(element, type.ofType, selectionSet)) return false;
        return true;
      case 'ObjectType': {
        if (typeof value !== 'object' || Array.isArray(value) || !selectionSet) return false;
        const set = this.compile(selectionSet);
        if (!set.plain) return false;
        const keys = Object.keys(value);
        if (keys.length !== set.names.length) return false;
        for (let i = 0; i < keys.length; i++) if (keys[i] !== set.names[i]) return false;
        for (const field of set.selections) {
          if (field.kind !== 'field' || !this.adoptable((value as Json)[field.responseName], field.type, field.selectionSet)) return false;
        }
        return true;
      }
      case 'InterfaceType':
      case 'UnionType':
        return false;
      default:
        return isValidLeafValue(this.schema, value, type as LeafType);
    }
  }

  private shouldSkip(selection: Selection): boolean {
    const element = selection.element;
    const skip = element.appliedDirectivesOf(this.schema.skipDirective())[0];
    const include = element.appliedDirectivesOf(this.schema.includeDirective())[0];
    return Boolean((skip && ifValue(skip, this.variables)) || (include && !ifValue(include, this.variables)));
  }

  applySelectionSet(input: Json, selectionSet: SelectionSet, output: Json, path: (string | number)[], parentType: CompositeType): number {
    const set = this.compile(selectionSet);
    for (const selection of set.selections) {
      if (selection.kind === 'field') {
        const { responseName } = selection;
        const outputValue = Object.hasOwn(output, responseName) ? output[responseName] : undefined;
        if (selection.introspection) {
          if (outputValue === undefined) setKey(output, responseName, this.introspectionHandling(selection.selection));
          continue;
        }
        let inputValue = getOwn(input, responseName) ?? null;
        if (selection.typename) {
          if (outputValue === undefined) {
            if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
            const type = inputValue !== null && typeof inputValue === 'string' ? (this.schema.type(inputValue) ?? parentType) : parentType;
            if (type.kind !== 'ObjectType') return NULL_BUBBLE_UP;
            setKey(output, responseName, type.name);
          }
          continue;
        }
        // In a plain set no other selection adds to this key, so an adopted value is never merged into.
        if (set.plain && outputValue === undefined && this.adoptable(inputValue, selection.type, selection.selectionSet)) {
          setKey(output, responseName, inputValue);
          continue;
        }
        path.push(responseName);
        setKey(output, responseName, this.update(outputValue, selection.type, inputValue, selection.selectionSet, path, parentType));
        path.pop();
        if (this.invalid) return NULL_BUBBLE_UP;
      } else {
        const typename = input[typenameFieldName];
        if (typename && typeof typename !== 'string') assert(false, `Got unexpected value for __typename: ${typename}`);
        if (typeConditionApplies(this.schema, selection.typeCondition, typename as string | undefined, parentType)) {
          const res = this.applySelectionSet(input, selection.selectionSet, output, path, selection.typeCondition ?? parentType);
          if (res === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
        }
      }
    }
    return OK;
  }

  /** Apollo's `updateOutputValue`: the value, with `invalid` and `hasErrors` set. */
  private update(outputValue: unknown, type: Type, inputValue: unknown, selectionSet: SelectionSet | undefined, path: (string | number)[], parentType: CompositeType): unknown {
    if (inputValue === undefined) assert(false, 'Should not pass undefined for `inputValue` to this method');
    this.invalid = false;
    this.hasErrors = false;
    if (outputValue === null || (outputValue !== undefined && !selectionSet)) return outputValue;
    if (type.kind === 'NonNullType') {
      const updated = this.update(outputValue, type.ofType, inputValue, selectionSet, path, parentType);
      if (updated === null) {
        if (!this.hasErrors) {
          this.errors.push(ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${pathLastElementDescription(path, type.ofType, parentType)}.`, { path: Array.from(path) }));
        }
        this.invalid = true;
        this.hasErrors = true;
        return updated;
      }
      this.invalid = false;
      this.hasErrors = false;
      return updated;
    }
    if (inputValue === null) return null;
    if (type.kind === 'ListType') {
      if (!Array.isArray(inputValue)) assert(false, () => `Invalid non-list value ${inputValue} returned by subgraph for list type ${type}`);
      if (outputValue !== undefined && !Array.isArray(outputValue)) assert(false, () => `Invalid non-list value ${outputValue} returned by subgraph for list type ${type}`);
      const outputList: unknown[] = outputValue === undefined ? new Array(inputValue.length).fill(undefined) : (outputValue as unknown[]);
      if (inputValue.length !== outputList.length) assert(false, () => `[${inputValue}].length (${inputValue.length}) !== [${outputList}].length (${outputList.length})`);
      let shouldNullify = false;
      let hasErrors = false;
      const updated = new Array<unknown>(outputList.length);
      for (let idx = 0; idx < outputList.length; idx++) {
        path.push(idx);
        updated[idx] = this.update(outputList[idx], type.ofType, inputValue[idx], selectionSet, path, parentType);
        path.pop();
        shouldNullify ||= this.invalid;
        hasErrors ||= this.hasErrors;
      }
      this.invalid = false;
      this.hasErrors = hasErrors;
      return shouldNullify ? null : updated;
    }
    if (isComposite(type)) {
      if (!selectionSet) assert(false, () => `Invalid empty selection set for composite type ${type}`);
      if (typeof inputValue !== 'object') assert(false, () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
      if (outputValue !== undefined && typeof outputValue !== 'object') assert(false, () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
      const inputObject = inputValue as Json;
      const inputTypename = inputObject[typenameFieldName];
      if (inputTypename !== undefined && typeof inputTypename !== 'string') assert(false, () => `Invalid non-string value ${inputTypename} for __typename at ${path}`);
      let objectType: CompositeType = type;
      if (inputTypename) {
        const typenameType = this.schema.type(inputTypename as string);
        if (!typenameType || !isComposite(typenameType)) {
          this.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${pathLastElementDescription(path, type, parentType)}.`, { path: Array.from(path) }));
          this.invalid = false;
          this.hasErrors = true;
          return null;
        }
        objectType = typenameType;
      }
      const outputObject = outputValue === undefined ? {} : (outputValue as Json);
      const hasErrors = this.applySelectionSet(inputObject, selectionSet!, outputObject, path, objectType) === NULL_BUBBLE_UP;
      this.invalid = false;
      this.hasErrors = hasErrors;
      return hasErrors ? null : outputObject;
    }
    if (outputValue !== undefined) assert(false, () => `Excepted output to be undefined but got ${type} for type ${type}`);
    const isValidValue = isValidLeafValue(this.schema, inputValue, type as LeafType);
    if (!isValidValue) {
      this.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${pathLastElementDescription(path, type, parentType)}.`, { path: Array.from(path) }));
    }
    this.hasErrors = !isValidValue;
    return isValidValue ? inputValue : null;
  }
}

/**
 * Makes @apollo/gateway shape results with `computeResponse` above. Its query plan executor calls
 * `computeResponse` through the module's exports, so replacing that export is the one change.
 * Only for the release this reproduces: after an upgrade the gateway keeps Apollo's own (and
 * result-shaping.test.ts fails until this is checked against the new release).
 */
export function useFastResultShaping(): boolean {
  const { version } = JSON.parse(readFileSync(require.resolve('@apollo/gateway/package.json'), 'utf8')) as { version: string };
  if (version !== SHAPED_LIKE_GATEWAY_VERSION) return false;
  (apolloResultShaping as { computeResponse: ShapeFunction }).computeResponse = computeResponse;
  return true;
}
