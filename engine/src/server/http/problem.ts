/** RFC 9457 problem details, the only error shape the API answers with. */
export interface ProblemDetail {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Field-level errors (validation): JSON pointer or dotted path, and why. */
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

/** An error a route throws on purpose; the error middleware renders it as problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (detail: string, errors?: ProblemDetail['errors']) =>
  new HttpProblem(400, 'INVALID_ARGUMENT', detail, errors ? { errors } : {});
export const notFound = (detail: string) => new HttpProblem(404, 'NOT_FOUND', detail);
export const conflict = (detail: string) => new HttpProblem(409, 'INVALID_STATE', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'FORBIDDEN', detail);
export const unauthorized = (detail: string) =>
  new HttpProblem(401, 'UNAUTHORIZED', detail, {}, { 'WWW-Authenticate': 'Bearer realm="gongzhi", Basic realm="gongzhi"' });
