// A VU's cookie jar (RFC 6265 through tough-cookie), with k6's http.cookieJar() methods for exec.
import { CookieJar, MemoryCookieStore, Cookie } from 'tough-cookie';
import type { CookieJarApi, CookieOptions } from '../../../contracts/vu-context.ts';

/**
 * One VU's cookies. Until a cookie is stored the jar is not even created, and `header` answers
 * undefined at the cost of one field read (the fast path of a system without cookies).
 */
export class VuCookieJar implements CookieJarApi {
  private jar: CookieJar | undefined;
  private store: MemoryCookieStore | undefined;
  /** Some cookie was stored since the last reset. */
  private used = false;

  /** The Cookie header value for `href`, or undefined when the jar has none for it. */
  header(href: string): string | undefined {
    if (!this.used) return undefined;
    const s = this.jar!.getCookieStringSync(href);
    return s === '' ? undefined : s;
  }

  /** Stores the Set-Cookie values a response from `href` carried (invalid ones are ignored, as browsers do). */
  receive(href: string, setCookie: readonly string[]): void {
    const jar = this.open();
    for (const c of setCookie) jar.setCookieSync(c, href, { ignoreError: true });
  }

  /** Forgets every cookie (the start of an iteration). */
  reset(): void {
    if (!this.used) return;
    this.jar!.removeAllCookiesSync();
    this.used = false;
  }

  cookiesForURL(url: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    if (!this.used) return out;
    for (const c of this.jar!.getCookiesSync(url)) (out[c.key] ??= []).push(c.value);
    return out;
  }

  set(url: string, name: string, value: string, opts: CookieOptions = {}): void {
    const cookie = new Cookie({
      key: name, value,
      domain: opts.domain,
      path: opts.path ?? '/',
      expires: opts.expires === undefined ? undefined : new Date(opts.expires),
      maxAge: opts.max_age,
      secure: opts.secure ?? false,
      httpOnly: opts.http_only ?? false,
    });
    if (!opts.domain) cookie.domain = null;
    const jar = this.open();
    jar.setCookieSync(cookie, url, { ignoreError: false });
  }

  clear(url: string): void {
    if (!this.used) return;
    for (const c of this.jar!.getCookiesSync(url)) this.remove(c);
  }

  delete(url: string, name: string): void {
    if (!this.used) return;
    for (const c of this.jar!.getCookiesSync(url)) if (c.key === name) this.remove(c);
  }

  private remove(c: Cookie): void {
    // MemoryCookieStore removes synchronously; the callback form avoids a dangling promise.
    this.store!.removeCookie(c.domain ?? '', c.path ?? '/', c.key, () => {});
  }

  private open(): CookieJar {
    this.used = true;
    if (!this.jar) {
      this.store = new MemoryCookieStore();
      this.jar = new CookieJar(this.store, { looseMode: true });
    }
    return this.jar;
  }
}
