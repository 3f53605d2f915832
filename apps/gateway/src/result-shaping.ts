import { readFileSync } from 'node:fs';
import {
  assert,
  ERRORS,
  isSubtype,
  isValidLeafValue,
  typenameFieldName,
  Variable,
  type CompositeType,
  type Directive,
  type FieldSelection,
  type Schema,
  type Selection,
  type SelectionSet,
  type Type,
} from '@apollo/federation-internals';
import * as apolloResultShaping from '@apollo/gateway/dist/resultShaping';
import type { GraphQLError } from 'graphql';

/**
 * The gateway's result shaping: after the subgraphs answered, @apollo/gateway copies their data
 * into the shape of the operation (selection order, aliases, type conditions, `__typename`,
 * null propagation for non-null fields, leaf value checks). Its own `computeResponse` does this
 * per value with re-exported getters, two directive lookups per field per object and
 * null-prototype objects (dictionary mode in V8, slow to fill and to stringify): ~12 ms of the
 * ~25 ms the gateway added to the 174 KB fee report drill-down. This is the same algorithm,
 * step for step, with the per-selection work (skip/include, response name, field type) done once
 * per selection set per operation and the output built from ordinary objects. Output and errors
 * are identical (result-shaping.test.ts compares both implementations on the cases that differ
 * in path).
 */

type Shaper = typeof apolloResultShaping.computeResponse;
type ShapingInput = Parameters<Shaper>[0];
type ShapingResult = ReturnType<Shaper>;
type Json = Record<string, unknown>;

/** The @apollo/gateway release whose `computeResponse` this reproduces. */
export const SHAPED_LIKE_GATEWAY_VERSION = '2.14.4';

interface ShapingParameters {
  schema: Schema;
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  introspectionHandling: ShapingInput['introspectionHandling'];
  /** Each selection set's selections, with @skip/@include already decided (variables are fixed per operation). */
  compiled: Map<SelectionSet, CompiledSelection[]>;
}

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

const NULL_BUBBLE_UP = 1;
const OK = 0;

const hasOwn = (object: object, key: string) => Object.hasOwn(object, key);
const getOwn = (object: Json, key: string) => (hasOwn(object, key) ? object[key] : undefined);

/** Sets a response key; an alias may be `__proto__`, which must stay a plain key of an ordinary object. */
function setKey(output: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(output, key, { value, enumerable: true, writable: true, configurable: true });
  else output[key] = value;
}

export function computeResponse({ operation, variables, input, introspectionHandling }: ShapingInput): ShapingResult {
  if (!input) return { data: input, errors: [] };
  const schema = operation.schema();
  const parameters: ShapingParameters = {
    schema,
    variables: { __proto__: null, ...operation.collectDefaultedVariableValues(), ...variables },
    errors: [],
    introspectionHandling,
    compiled: new Map(),
  };
  const data: Json = {};
  const res = applySelectionSet(input, operation.selectionSet, data, parameters, [], schema.schemaDefinition.rootType(operation.rootKind)!);
  return { data: res === NULL_BUBBLE_UP ? null : data, errors: parameters.errors };
}

function ifValue(directive: Directive<Selection['element'], { if: boolean | Variable }>, variables: Record<string, unknown>): boolean {
  const ifArg = directive.arguments().if;
  if (ifArg instanceof Variable) {
    const value = variables[ifArg.name];
    assert(value !== undefined && typeof value === 'boolean', () => `Unexpected value ${value} for variable ${ifArg} of ${directive}`);
    return value;
  }
  return ifArg;
}

function shouldSkip(selection: Selection, parameters: ShapingParameters): boolean {
  const element = selection.element;
  const skip = element.appliedDirectivesOf(parameters.schema.skipDirective())[0];
  const include = element.appliedDirectivesOf(parameters.schema.includeDirective())[0];
  return Boolean((skip && ifValue(skip, parameters.variables)) || (include && !ifValue(include, parameters.variables)));
}

function compile(selectionSet: SelectionSet, parameters: ShapingParameters): CompiledSelection[] {
  let compiled = parameters.compiled.get(selectionSet);
  if (compiled) return compiled;
  compiled = [];
  for (const selection of selectionSet.selections()) {
    if (shouldSkip(selection, parameters)) continue;
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
  parameters.compiled.set(selectionSet, compiled);
  return compiled;
}

function typeConditionApplies(schema: Schema, typeCondition: CompositeType | undefined, typename: string | undefined, parentType: CompositeType): boolean {
  if (!typeCondition) return true;
  if (typename) {
    const type = schema.type(typename);
    return !!type && isSubtype(typeCondition, type);
  }
  return isSubtype(typeCondition, parentType);
}

function applySelectionSet(input: Json, selectionSet: SelectionSet, output: Json, parameters: ShapingParameters, path: (string | number)[], parentType: CompositeType): number {
  for (const selection of compile(selectionSet, parameters)) {
    if (selection.kind === 'field') {
      const { responseName } = selection;
      const outputValue = hasOwn(output, responseName) ? output[responseName] : undefined;
      if (selection.introspection) {
        if (outputValue === undefined) setKey(output, responseName, parameters.introspectionHandling(selection.selection));
        continue;
      }
      let inputValue = getOwn(input, responseName) ?? null;
      if (selection.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
          const type = inputValue !== null && typeof inputValue === 'string' ? (parameters.schema.type(inputValue) ?? parentType) : parentType;
          if (type.kind !== 'ObjectType') return NULL_BUBBLE_UP;
          setKey(output, responseName, type.name);
        }
        continue;
      }
      path.push(responseName);
      const updated = updateOutputValue(outputValue, selection.type, inputValue, selection.selectionSet, path, parameters, parentType);
      setKey(output, responseName, updated.updated);
      path.pop();
      if (updated.isInvalid) return NULL_BUBBLE_UP;
    } else {
      const typename = input[typenameFieldName];
      assert(!typename || typeof typename === 'string', () => `Got unexpected value for __typename: ${typename}`);
      if (typeConditionApplies(parameters.schema, selection.typeCondition, typename as string | undefined, parentType)) {
        const res = applySelectionSet(input, selection.selectionSet, output, parameters, path, selection.typeCondition ?? parentType);
        if (res === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
      }
    }
  }
  return OK;
}

function pathLastElementDescription(path: (string | number)[], currentType: Type, parentType: CompositeType): string {
  const element = path[path.length - 1];
  assert(element !== undefined, () => 'Should not have been called on an empty path');
  return typeof element === 'string' ? `field ${parentType}.${element}` : `array element of type ${currentType} at index ${element}`;
}

interface Updated {
  updated: unknown;
  isInvalid?: boolean;
  hasErrors?: boolean;
}

/** A leaf copied as it came: the most frequent answer, shared rather than allocated per value. */
const UNCHANGED_NULL: Updated = { updated: null };

function updateOutputValue(
  outputValue: unknown,
  type: Type,
  inputValue: unknown,
  selectionSet: SelectionSet | undefined,
  path: (string | number)[],
  parameters: ShapingParameters,
  parentType: CompositeType,
): Updated {
  assert(inputValue !== undefined, () => 'Should not pass undefined for `inputValue` to this method');
  if (outputValue === null || (outputValue !== undefined && !selectionSet)) return { updated: outputValue };
  switch (type.kind) {
    case 'NonNullType': {
      const { updated, hasErrors } = updateOutputValue(outputValue, type.ofType, inputValue, selectionSet, path, parameters, parentType);
      if (updated === null) {
        if (!hasErrors) {
          parameters.errors.push(
            ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${pathLastElementDescription(path, type.ofType, parentType)}.`, { path: Array.from(path) }),
          );
        }
        return { updated, isInvalid: true, hasErrors: true };
      }
      return { updated };
    }
    case 'ListType': {
      if (inputValue === null) return UNCHANGED_NULL;
      assert(Array.isArray(inputValue), () => `Invalid non-list value ${inputValue} returned by subgraph for list type ${type}`);
      assert(outputValue === undefined || Array.isArray(outputValue), () => `Invalid non-list value ${outputValue} returned by subgraph for list type ${type}`);
      const outputList: unknown[] = outputValue === undefined ? new Array(inputValue.length).fill(undefined) : (outputValue as unknown[]);
      assert(inputValue.length === outputList.length, () => `[${inputValue}].length (${inputValue.length}) !== [${outputList}].length (${outputList.length})`);
      let shouldNullify = false;
      let hasErrors = false;
      const updated = new Array<unknown>(outputList.length);
      for (let idx = 0; idx < outputList.length; idx++) {
        path.push(idx);
        const element = updateOutputValue(outputList[idx], type.ofType, inputValue[idx], selectionSet, path, parameters, parentType);
        path.pop();
        shouldNullify ||= !!element.isInvalid;
        hasErrors ||= !!element.hasErrors;
        updated[idx] = element.updated;
      }
      return { updated: shouldNullify ? null : updated, hasErrors };
    }
    case 'ObjectType':
    case 'InterfaceType':
    case 'UnionType': {
      if (inputValue === null) return UNCHANGED_NULL;
      assert(selectionSet, () => `Invalid empty selection set for composite type ${type}`);
      assert(typeof inputValue === 'object', () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
      assert(outputValue === undefined || typeof outputValue === 'object', () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
      const inputObject = inputValue as Json;
      const inputTypename = inputObject[typenameFieldName];
      assert(inputTypename === undefined || typeof inputTypename === 'string', () => `Invalid non-string value ${inputTypename} for __typename at ${path}`);
      let objectType: CompositeType = type;
      if (inputTypename) {
        const typenameType = parameters.schema.type(inputTypename);
        if (!typenameType || (typenameType.kind !== 'ObjectType' && typenameType.kind !== 'InterfaceType' && typenameType.kind !== 'UnionType')) {
          parameters.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${pathLastElementDescription(path, type, parentType)}.`, { path: Array.from(path) }));
          return { updated: null, hasErrors: true };
        }
        objectType = typenameType;
      }
      const outputObject = outputValue === undefined ? {} : (outputValue as Json);
      const res = applySelectionSet(inputObject, selectionSet, outputObject, parameters, path, objectType);
      const hasErrors = res === NULL_BUBBLE_UP;
      return { updated: hasErrors ? null : outputObject, hasErrors };
    }
    default: {
      if (inputValue === null) return UNCHANGED_NULL;
      assert(outputValue === undefined, () => `Excepted output to be undefined but got ${type} for type ${type}`);
      const isValidValue = isValidLeafValue(parameters.schema, inputValue, type as Parameters<typeof isValidLeafValue>[2]);
      if (!isValidValue) {
        parameters.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${pathLastElementDescription(path, type, parentType)}.`, { path: Array.from(path) }));
      }
      return { updated: isValidValue ? inputValue : null, hasErrors: !isValidValue };
    }
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
  (apolloResultShaping as { computeResponse: Shaper }).computeResponse = computeResponse;
  return true;
}
