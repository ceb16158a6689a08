import type { AlternatorErrorReply } from '../alternator-errors.js';
import { decodeStoredVector } from './float32-vector-codec.js';
import {
  isJsonObject,
  typedValue,
  validation,
  type AttributeMap,
  type JsonObject,
} from './json-values.js';
import { updateTargets } from './update-expression-targets.js';
import type { LocalAlternatorServerVersion } from '../local-cluster-options.interface.js';
import type { VectorIndexDefinition } from './vector-index-definition.js';
import { searchValueProblem, vectorMessages } from './vector-write-messages.js';
import type { VectorIndexRegistry } from './vector-index-registry.js';
import { float32OfNumberText } from './vector-values.js';

/**
 * Refuses writes that break a vector index of their table: the vector attribute must be a list
 * of exactly `Dimensions` float32 numbers (or a FLOAT32VECTOR, already in its stored form here),
 * and in 2026.4 the SearchSchema attributes must have their declared type and no empty value. A
 * missing attribute is fine: the item is simply not indexed.
 */
export class VectorWriteValidator {
  constructor(
    private readonly registry: VectorIndexRegistry,
    private readonly release: LocalAlternatorServerVersion,
  ) {}

  /** The error for the first write of the request that breaks a rule; the whole request fails. */
  check(operation: string, request: JsonObject): AlternatorErrorReply | undefined {
    switch (operation) {
      case 'PutItem':
        return this.checkItem(String(request.TableName), request.Item);
      case 'BatchWriteItem':
        return this.checkBatch(request.RequestItems);
      case 'UpdateItem':
        return this.checkUpdate(request);
      default:
        return undefined;
    }
  }

  private checkBatch(requestItems: unknown): AlternatorErrorReply | undefined {
    if (!isJsonObject(requestItems)) {
      return undefined;
    }
    for (const [table, writes] of Object.entries(requestItems)) {
      for (const write of Array.isArray(writes) ? (writes as unknown[]) : []) {
        const put = isJsonObject(write) ? write.PutRequest : undefined;
        const error = isJsonObject(put) ? this.checkItem(table, put.Item) : undefined;
        if (error !== undefined) {
          return error;
        }
      }
    }
    return undefined;
  }

  private checkItem(table: string, item: unknown): AlternatorErrorReply | undefined {
    if (!isJsonObject(item)) {
      return undefined;
    }
    for (const name of Object.keys(item)) {
      const error = this.checkValue(table, name, item[name]);
      if (error !== undefined) {
        return error;
      }
    }
    return undefined;
  }

  private checkUpdate(request: JsonObject): AlternatorErrorReply | undefined {
    const table = String(request.TableName);
    const values: AttributeMap = isJsonObject(request.ExpressionAttributeValues)
      ? request.ExpressionAttributeValues
      : {};
    const names = isJsonObject(request.ExpressionAttributeNames)
      ? request.ExpressionAttributeNames
      : {};
    const expression = typeof request.UpdateExpression === 'string' ? request.UpdateExpression : '';
    for (const target of updateTargets(expression, names)) {
      const index = this.vectorIndexOn(table, target.attribute);
      const writes = target.clause === 'SET' || target.clause === 'ADD';
      const removesWhole = target.clause === 'REMOVE' && target.whole;
      if (index !== undefined && !removesWhole && target.clause !== 'DELETE') {
        if (!target.whole || target.valueToken === undefined) {
          return validation(
            `UpdateItem: LocalAlternatorCluster cannot check "${target.text}" against vector ` +
              `index ${index.indexName}; assign the whole vector instead ` +
              `(SET ${target.attribute} = :vector)`,
          );
        }
      }
      if (writes && target.whole && target.valueToken !== undefined) {
        const error = this.checkValue(table, target.attribute, values[target.valueToken]);
        if (error !== undefined) {
          return error;
        }
      }
    }
    if (isJsonObject(request.AttributeUpdates)) {
      for (const [name, update] of Object.entries(request.AttributeUpdates)) {
        const value = isJsonObject(update) && update.Action !== 'DELETE' ? update.Value : undefined;
        const error = this.checkValue(table, name, value);
        if (error !== undefined) {
          return error;
        }
      }
    }
    return undefined;
  }

  private vectorIndexOn(table: string, attribute: string): VectorIndexDefinition | undefined {
    return this.registry.definitionsOf(table).find((index) => index.attributeName === attribute);
  }

  private checkValue(
    table: string,
    name: string,
    value: unknown,
  ): AlternatorErrorReply | undefined {
    if (value === undefined) {
      return undefined;
    }
    for (const index of this.registry.definitionsOf(table)) {
      if (index.attributeName === name) {
        const problem = this.vectorProblem(name, index.dimensions, value);
        if (problem !== undefined) {
          return validation(problem);
        }
      }
      const element = index.searchSchema.find((entry) => entry.attributeName === name);
      if (element !== undefined && this.release === '2026.4') {
        const problem = searchValueProblem(element, index.indexName, value);
        if (problem !== undefined) {
          return validation(problem);
        }
      }
    }
    return undefined;
  }

  private vectorProblem(name: string, dimensions: number, value: unknown): string | undefined {
    const [type, content] = typedValue(value) ?? ['', undefined];
    const stored =
      type === 'B' && typeof content === 'string' ? decodeStoredVector(content) : undefined;
    const messages = vectorMessages(this.release, name, dimensions);
    if (this.release !== '2026.2' && stored !== undefined) {
      return stored.length === dimensions ? undefined : messages.size(stored.length);
    }
    if (type !== 'L' || !Array.isArray(content)) {
      return messages.type(type);
    }
    if (content.length !== dimensions) {
      return messages.size(content.length);
    }
    for (const element of content as unknown[]) {
      const number = typedValue(element);
      if (number?.[0] !== 'N') {
        return messages.notNumber();
      }
      if (float32OfNumberText(number[1]) === undefined) {
        return messages.notFloat32(String(number[1]));
      }
    }
    return undefined;
  }
}
