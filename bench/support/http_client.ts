import http from 'node:http'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'

/**
 * One keep-alive pool for every browser of a run: the load generator shares
 * the machine's cores with the servers it measures, so it keeps to what a
 * request needs (node:http costs a fraction of what fetch does per request).
 * An idle connection is dropped after 4 s, before node's server closes it
 * (5 s), so that no request is sent on a connection being closed.
 */
const agent = new http.Agent({ keepAlive: true, timeout: 4000 })

/** The encodings a browser accepts over plain HTTP, so that servers compress as they would for one. */
const ACCEPT_ENCODING = 'gzip, deflate'

function decoded(body: Buffer, encoding: string | undefined) {
  if (encoding === 'gzip') return gunzipSync(body)
  if (encoding === 'deflate') return inflateSync(body)
  if (encoding === 'br') return brotliDecompressSync(body)
  return body
}

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

  request(
    method: 'GET' | 'POST',
    path: string,
    form?: Record<string, string>
  ): Promise<{ status: number; location: string | null; html: string }> {
    const url = new URL(this.base + path)
    const headers: Record<string, string> = {
      'X-Forwarded-For': this.ip,
      'Accept': 'text/html',
      'Accept-Encoding': ACCEPT_ENCODING,
    }
    if (this.#cookies.size) headers.Cookie = this.cookieHeader()
    let body: string | undefined
    if (form) {
      body = new URLSearchParams({ _csrf: this.csrf, ...form }).toString()
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
      headers['Content-Length'] = String(Buffer.byteLength(body))
    }
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          headers,
          agent,
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('error', reject)
          response.on('end', () => {
            clearTimeout(timer)
            try {
              for (const cookie of response.headers['set-cookie'] ?? []) {
                const [pair] = cookie.split(';')
                const index = pair.indexOf('=')
                this.#cookies.set(pair.slice(0, index), pair.slice(index + 1))
              }
              const html = decoded(
                Buffer.concat(chunks),
                response.headers['content-encoding']
              ).toString('utf8')
              if (response.headers['content-type']?.includes('text/html')) {
                this.lastHtml = html
                const token = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(html)
                if (token) this.csrf = token[1]
              }
              resolve({
                status: response.statusCode ?? 0,
                location: response.headers.location ?? null,
                html,
              })
            } catch (error) {
              reject(error)
            }
          })
        }
      )
      request.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      if (this.options.timeoutMs) {
        timer = setTimeout(() => {
          const error = new Error(`no answer within ${this.options.timeoutMs} ms`)
          error.name = 'TimeoutError'
          request.destroy(error)
        }, this.options.timeoutMs)
      }
      request.end(body)
    })
  }
}
