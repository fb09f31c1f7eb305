/**
 * The REST API as tests use it to set the stage (deploy, start cases) and to check what the browser did.
 * Failures throw with the server's problem detail, so a broken setup says why.
 */
export class E2eApi {
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<E2eApi> {
    const response = await fetch(`${baseUrl}/v2/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!response.ok) throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
    const { token } = (await response.json()) as { token: string };
    return new E2eApi(baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body: payload });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text) as T;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }

  /** POST /v2/deployments with the files as `resources` parts. */
  deploy(files: Array<{ name: string; content: string }>) {
    const form = new FormData();
    for (const file of files) form.append('resources', new Blob([file.content], { type: 'application/octet-stream' }), file.name);
    return this.request('POST', '/v2/deployments', form);
  }

  /** Polls until the condition holds: the read model follows the engine a moment later. */
  async until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value).slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
