/**
 * The one way the designer talks to the server: JSON over /v2 with the session's bearer token, errors turned into
 * ApiError (the server answers problem+json, RFC 9457, with `errors: [{field, message}]` for field-level problems).
 */

export interface FieldError {
  /** A JSON pointer (`/applicant/phone`) or a dotted path, as the server names the field. */
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly errors: FieldError[];
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title ?? `HTTP ${status}`;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }
}

/** Set by the auth context and the language provider; kept here so every call carries them. */
interface ApiSettings {
  token: string | null;
  language: 'zh' | 'en';
  /** Called when the server says the token is no longer good (401), so the app can show the login page. */
  onUnauthorized: () => void;
}

const settings: ApiSettings = { token: null, language: 'zh', onUnauthorized: () => {} };

export function configureApi(changes: Partial<ApiSettings>): void {
  Object.assign(settings, changes);
}

export function currentToken(): string | null {
  return settings.token;
}

export interface RequestOptions {
  /** Sent as Idempotency-Key, so that a retried create does not create twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Leave the session alone on 401 (the login call itself). */
  anonymous?: boolean;
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  if (!text) return { title: response.statusText, status: response.status };
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') return parsed as Problem;
  } catch {
    // A proxy or a crashed server can answer with HTML; show its first words rather than nothing.
  }
  return { title: response.statusText, status: response.status, detail: text.slice(0, 300) };
}

async function send(method: string, path: string, body: BodyInit | undefined, contentType: string | undefined, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': settings.language === 'zh' ? 'zh-CN' : 'en' };
  if (contentType) headers['Content-Type'] = contentType;
  if (settings.token && !options.anonymous) headers.Authorization = `Bearer ${settings.token}`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, { title: 'NETWORK', detail: settings.language === 'zh' ? '无法连接服务器，请检查网络后重试' : 'Cannot reach the server; check the connection and try again' });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !options.anonymous) settings.onUnauthorized();
    throw new ApiError(response.status, problem);
  }
  return response;
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  async get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return json<T>(await send('GET', path, undefined, undefined, options));
  },
  /** A text resource such as BPMN XML. */
  async getText(path: string, options: RequestOptions = {}): Promise<string> {
    return (await send('GET', path, undefined, undefined, options)).text();
  },
  async post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return json<T>(await send('POST', path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json', options));
  },
  async put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return json<T>(await send('PUT', path, JSON.stringify(body), 'application/json', options));
  },
  async patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return json<T>(await send('PATCH', path, JSON.stringify(body), 'application/json', options));
  },
  async delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return json<T>(await send('DELETE', path, undefined, undefined, options));
  },
  /** Multipart upload (deployments: files in the part `resources`); the browser sets the boundary. */
  async upload<T>(path: string, form: FormData, options: RequestOptions = {}): Promise<T> {
    return json<T>(await send('POST', path, form, undefined, options));
  },
};

/** A readable message for any error a call can throw: the problem's detail, or the error's own message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
