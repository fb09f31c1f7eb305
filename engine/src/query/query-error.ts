/**
 * A search or lookup the read side cannot run as asked: an unknown filter or sort field, an operator the
 * field does not have, a malformed value or page. `field` is the path of what is wrong inside the request
 * (`filter.state.$in[1]`, `sort[0].field`, `page.limit`), so the REST layer can answer 400 naming it.
 */
export class QueryError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'QueryError';
  }
}
