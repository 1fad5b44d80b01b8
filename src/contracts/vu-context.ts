// The typed client a scenario's `exec` function receives.

/** Options of a cookie set from exec (k6's names). */
export interface CookieOptions {
  domain?: string;
  path?: string;
  /** An HTTP date or a Date. */
  expires?: string | Date;
  /** Seconds. */
  max_age?: number;
  secure?: boolean;
  http_only?: boolean;
}

/** What exec sees: k6's CookieJar methods. */
export interface CookieJarApi {
  /** Cookies the jar would send to `url`, as name -> values. */
  cookiesForURL(url: string): Record<string, string[]>;
  /** Stores a cookie for `url` as if `url` had set it. */
  set(url: string, name: string, value: string, opts?: CookieOptions): void;
  /** Removes every cookie the jar would send to `url`. */
  clear(url: string): void;
  /** Removes the cookie `name` the jar would send to `url`. */
  delete(url: string, name: string): void;
}

/** Per-request options of the client. */
export interface RequestParams {
  headers?: Record<string, string>;
  /** Tags added to this request's samples (every one is recorded); `name` groups URLs into one endpoint. */
  tags?: Record<string, string>;
  /** Statuses counted as success (default 200-399); judged on the final response of a redirect chain. */
  expect?: number[];
  /** Per-request timeout in ms (default: the scenario's http.timeout). */
  timeout?: number;
  /** Redirects followed for this request (k6's name; default the step's / workload's / scenario's maxRedirects, else 10); 0 returns the redirect itself. */
  redirects?: number;
}

/**
 * A request body: a string (sent as is), Buffer / Uint8Array / ArrayBuffer (bytes), URLSearchParams
 * (a form), FormData (multipart/form-data), Blob, or any other value (sent as JSON).
 */
export type RequestBody = string | Buffer | Uint8Array | ArrayBuffer | URLSearchParams | FormData | Blob | object | null;

/** A completed response. Failed requests (network errors) resolve with status 0 and `error` set; they never throw. */
export interface HttpResponse {
  /** Status of the final response (after redirects). */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Response body as text, decoded per Content-Encoding (gzip, deflate, br). */
  body: string;
  /** Parses the body as JSON (throws on invalid JSON). */
  json<T = unknown>(): T;
  /** Duration of the final response from intended start to last byte, ms. */
  duration: number;
  /** URL of the final response (after redirects). */
  url: string;
  error?: string;
}

/** One request of http.batch: a URL (GET), [method, url, body?, params?] or an object. */
export type BatchRequest = string | [string, string, RequestBody?, RequestParams?] | { method?: string; url: string; body?: RequestBody; params?: RequestParams };

/** HTTP client bound to a VU: every call is measured and tagged. */
export interface HttpClient {
  request(method: string, path: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse>;
  get(path: string, params?: RequestParams): Promise<HttpResponse>;
  del(path: string, params?: RequestParams): Promise<HttpResponse>;
  post(path: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse>;
  put(path: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse>;
  patch(path: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse>;
  /** Sends the requests in parallel (at most http.batchPerHost per origin at once); responses in the same order. */
  batch(requests: BatchRequest[]): Promise<HttpResponse[]>;
  /** This VU's cookie jar (k6's http.cookieJar()). */
  cookieJar(): CookieJarApi;
}

/** What an `exec` function gets for each iteration. */
export interface VuContext {
  readonly http: HttpClient;
  /** This VU's cookie jar (the same as http.cookieJar()). */
  readonly cookies: CookieJarApi;
  /** Runs named predicates on a value; each records into the `checks` rate. Returns true when all passed. */
  check<T>(value: T, checks: Record<string, (v: T) => boolean>, tags?: Record<string, string>): boolean;
  /**
   * k6's group(): runs `fn` inside the group `name` (nested groups make the path `::outer::name`); its
   * checks and requests carry the `group` tag and its time is recorded in `group_duration`. Await it.
   */
  group<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** Pauses for `seconds` (think time); the next request's latency is measured from the end of the pause. */
  sleep(seconds: number): Promise<void>;
  /** VU number (1-based, unique within the workload) and its iteration count. */
  readonly vu: { readonly id: number; readonly iteration: number };
  /** Workload name. */
  readonly workload: string;
  /**
   * k6's `__ENV`: the process environment as it was when the workload started, with the workload's
   * `env` option (k6's `scenarios.<name>.env`) over it. Read-only; `process.env` is not changed.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Signal aborted when the run is stopping hard. */
  readonly signal: AbortSignal;
}
