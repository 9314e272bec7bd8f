import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from 'kysely';
import type { Sql, TransactionSql } from 'postgres';
import { PostgresFamilyDialect } from './postgres-family-dialect.ts';

/**
 * A Kysely dialect over postgres.js that never calls `sql.reserve()`: a statement outside a transaction runs on the
 * pool, a transaction runs inside `sql.begin()`, which holds its connection until the transaction ends.
 *
 * Why not kysely-postgres-js: it reserves a connection for every query, and postgres.js 3.4.9 puts a reserved
 * connection whose server went away back into the pool as if it were open; the next query on it throws from a timer
 * (an uncaught TypeError that stops the process) and never settles (porsager/postgres#1199, #1208). One database
 * restart took the server down; the pool itself recovers cleanly.
 */
export class PostgresJsDialect extends PostgresFamilyDialect {
  constructor(private readonly sql: Sql) {
    super();
  }
  createDriver(): Driver {
    return new PostgresJsDriver(this.sql);
  }
}

class PostgresJsDriver implements Driver {
  constructor(private readonly sql: Sql) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PostgresJsConnection(this.sql);
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await (connection as PostgresJsConnection).begin(settings);
  }
  async commitTransaction(connection: DatabaseConnection) {
    await (connection as PostgresJsConnection).end(true);
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await (connection as PostgresJsConnection).end(false);
  }
  async releaseConnection() {}
  async destroy() {
    await this.sql.end({ timeout: 5 });
  }
}

const PREPARE_MAX_PARAMETERS = 64;

/** Rejects the `sql.begin` callback so that postgres.js rolls the transaction back. */
const ROLLBACK = Symbol('rollback');

class PostgresJsConnection implements DatabaseConnection {
  #tx: TransactionSql | undefined;
  #finish: ((commit: boolean) => void) | undefined;
  #outcome: Promise<unknown> | undefined;

  constructor(private readonly sql: Sql) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // named prepared statements: parsed and planned once per connection, as postgres.js's tagged templates are; a
    // statement with very many parameters (a bulk insert whose shape changes with its size) is not kept
    const prepare = compiled.parameters.length <= PREPARE_MAX_PARAMETERS;
    const result = await (this.#tx ?? this.sql).unsafe(compiled.sql, compiled.parameters as never[], { prepare });
    const counted = ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(result.command);
    return {
      rows: Array.from(result) as R[],
      numAffectedRows: counted && result.count !== null ? BigInt(result.count) : undefined,
    };
  }

  // biome-ignore lint/correctness/useYield: nothing streams; callers get a clear error.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported');
  }

  /** Starts `sql.begin` and keeps its callback pending until `end`; resolves once the transaction is open. */
  async begin(settings: TransactionSettings) {
    const options = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode]
      .filter(Boolean)
      .join(' ');
    await new Promise<void>((opened, failed) => {
      this.#outcome = this.sql.begin(options, (tx) => {
        this.#tx = tx;
        opened();
        return new Promise((resolve, reject) => {
          this.#finish = (commit) => (commit ? resolve(undefined) : reject(ROLLBACK));
        });
      });
      // a failure before the callback ran (no connection, say) fails begin; later ones surface in end
      this.#outcome.catch(failed);
    });
  }

  /** Commits or rolls back; a commit that fails, or a connection lost meanwhile, rejects. */
  async end(commit: boolean) {
    const outcome = this.#outcome;
    this.#finish?.(commit);
    this.#tx = undefined;
    this.#finish = undefined;
    this.#outcome = undefined;
    try {
      await outcome;
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
  }
}
