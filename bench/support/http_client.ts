/** A tiny browser: cookies, CSRF token from the last page, no redirects followed, a client IP of its own, an optional timeout per request. */
export class BenchBrowser {
  #cookies = new Map<string, string>()
  csrf = ''
  lastHtml = ''

  constructor(
    private base: string,
    private ip: string,
    private options: { timeoutMs?: number } = {}
  ) {}

  /** The cookies this browser holds, as a Cookie header. */
  cookieHeader() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
    const headers: Record<string, string> = { 'X-Forwarded-For': this.ip, 'Accept': 'text/html' }
    if (this.#cookies.size) headers.Cookie = this.cookieHeader()
    let body: string | undefined
    if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams({ _csrf: this.csrf, ...form }).toString()
    }
    const response = await fetch(this.base + path, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: this.options.timeoutMs ? AbortSignal.timeout(this.options.timeoutMs) : undefined,
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair.indexOf('=')
      this.#cookies.set(pair.slice(0, index), pair.slice(index + 1))
    }
    const html = await response.text()
    if (response.headers.get('content-type')?.includes('text/html')) {
      this.lastHtml = html
      const token = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(html)
      if (token) this.csrf = token[1]
    }
    return { status: response.status, location: response.headers.get('location'), html }
  }
}
