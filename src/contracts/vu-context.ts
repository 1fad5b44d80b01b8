// The typed client a scenario's `exec` function receives.

/** Per-request options of the client. */
export interface RequestParams {
  headers?: Record<string, string>;
  /** Tags added to this request's samples; `name` groups URLs into one endpoint. */
  tags?: Record<string, string>;
  /** Statuses counted as success (default 200-399). */
  expect?: number[];
  /** Per-request timeout in ms (default: the scenario's http.timeout). */
  timeout?: number;
}

/** A completed response. Failed requests (network errors) resolve with status 0 and `error` set; they never throw. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Response body as text. */
  body: string;
  /** Parses the body as JSON (throws on invalid JSON). */
  json<T = unknown>(): T;
  /** Duration from intended start to last byte, ms. */
  duration: number;
  error?: string;
}

/** HTTP client bound to a VU: every call is measured and tagged. */
export interface HttpClient {
  request(method: string, path: string, body?: string | object | null, params?: RequestParams): Promise<HttpResponse>;
  get(path: string, params?: RequestParams): Promise<HttpResponse>;
  del(path: string, params?: RequestParams): Promise<HttpResponse>;
  post(path: string, body?: string | object | null, params?: RequestParams): Promise<HttpResponse>;
  put(path: string, body?: string | object | null, params?: RequestParams): Promise<HttpResponse>;
  patch(path: string, body?: string | object | null, params?: RequestParams): Promise<HttpResponse>;
}

/** What an `exec` function gets for each iteration. */
export interface VuContext {
  readonly http: HttpClient;
  /** Runs named predicates on a value; each records into the `checks` rate. Returns true when all passed. */
  check<T>(value: T, checks: Record<string, (v: T) => boolean>, tags?: Record<string, string>): boolean;
  /** Pauses for `seconds` (think time); the next request's latency is measured from the end of the pause. */
  sleep(seconds: number): Promise<void>;
  /** VU number (1-based, unique within the workload) and its iteration count. */
  readonly vu: { readonly id: number; readonly iteration: number };
  /** Workload name. */
  readonly workload: string;
  /** Signal aborted when the run is stopping hard. */
  readonly signal: AbortSignal;
}
