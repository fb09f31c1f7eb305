import type { RawBuilder } from 'kysely';
import type { ValueKind } from './filter-property.js';

type Sql = RawBuilder<unknown>;

/** A filter field over a column (or column expression) of the entity's FROM clause. */
export interface ColumnFilter {
  column: Sql;
  kind: ValueKind;
}

/** A filter field with a condition of its own (a subquery, several columns). */
export interface CustomFilter {
  condition(path: string, value: unknown): Sql;
}

/**
 * What one entity's search knows: the SQL it reads from, its filter and sort fields (whitelists: nothing
 * else reaches the SQL text), and the fields the v2 API has that this read model cannot serve, with why.
 */
export interface SearchCatalog {
  /** Plural noun for messages: "process instances". */
  entity: string;
  from: Sql;
  /** Its unique key (one column, or several together): the last sort key, so pages never overlap or skip. */
  keyColumn: Sql | Sql[];
  filters: Record<string, ColumnFilter | CustomFilter>;
  /** Whether `$or` (a list of alternative filter objects) is accepted, as for process instances. */
  allowsOr?: boolean;
  /** Sort field → column, or columns sorted one after the other in the same direction. */
  sorts: Record<string, Sql | Sql[]>;
  unsupportedFilters?: Record<string, string>;
  unsupportedSorts?: Record<string, string>;
}
