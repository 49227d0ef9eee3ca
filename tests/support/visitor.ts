import parvisConfig from '#config/parvis'

/** Form fields; a list is sent as repeated fields (checkboxes). */
type Form = Record<string, string | string[]>

/**
 * A browser reduced to what sessions need: it keeps the cookies the portal
 * sets, sends them back, follows no redirect, and posts forms with the CSRF
 * token of the last page it read. `saveCookies()` copies its cookies the way
 * someone who stole them (or a shared computer's disk) would keep them, and
 * `Visitor.replaying()` sends exactly those again later.
 */
export class Visitor {
  #cookies = new Map<string, string>()
  #csrf: string | null = null

  static replaying(saved: Map<string, string>) {
    const visitor = new Visitor()
    for (const [name, value] of saved) visitor.#cookies.set(name, value)
    return visitor
  }

  saveCookies() {
    return new Map(this.#cookies)
  }

  cookie(name: string) {
    return this.#cookies.get(name)
  }

  async get(path: string) {
    return this.#send(path, { method: 'GET' })
  }

  /** Posts a form with the CSRF token of the last page read (read one first). */
  async post(path: string, form: Form = {}) {
    if (!this.#csrf) throw new Error(`Read a page with a form before posting to ${path}`)
    const body = new URLSearchParams({ _csrf: this.#csrf })
    for (const [name, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item)
    }
    return this.#send(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }

  /** Reads `formPage`, then posts `form` to `action` with its token. */
  async submit(formPage: string, action: string, form: Form = {}) {
    const page = await this.get(formPage)
    if (page.status !== 200) throw new Error(`${formPage} answered ${page.status}`)
    return this.post(action, form)
  }

  async #send(
    path: string,
    init: { method: string; body?: URLSearchParams; headers?: Record<string, string> }
  ) {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(new URL(path, parvisConfig.appUrl), {
      ...init,
      redirect: 'manual',
      headers: {
        'accept': 'text/html',
        'accept-language': 'fr',
        ...init.headers,
        ...(cookie ? { cookie } : {}),
      },
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      const removed =
        !value ||
        attributes.some(
          (attribute) =>
            /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute)
        )
      if (removed) this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
    const text = await response.text()
    const token = text.match(/name=['"]_csrf['"] value=['"]([^'"]+)['"]/)?.[1]
    if (token) this.#csrf = token
    return {
      status: response.status,
      location: response.headers.get('location'),
      headers: response.headers,
      text,
    }
  }
}
