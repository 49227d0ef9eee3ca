import type { HttpContext } from '@adonisjs/core/http'
import type { ShieldConfig } from '@adonisjs/shield/types'

/*
 * The Content-Security-Policy header of every response, from config/shield.ts.
 *
 * Shield's own CSP guard draws a nonce for every response (random bytes,
 * shared with the view), wraps helmet's middleware in a promise and lets
 * helmet rebuild the header from the directives each time. Parvis uses no
 * nonce (script-src 'self': every script is a file under /assets), and the
 * header changes only when a directive's function gives another value (the
 * map's tile server, FranceConnect's origin: settings an admin may change).
 * So the functions are asked at each response and the header is built again
 * only when one of them answers differently.
 */

type DirectiveValue = string | ((...args: unknown[]) => string)
type Guard = (ctx: Pick<HttpContext, 'response'>) => void

/** `frameAncestors` → `frame-ancestors`, as helmet names directives. */
function kebab(name: string) {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
}

export function contentSecurityPolicy(options?: ShieldConfig['csp']): Guard {
  if (!options?.enabled) return () => {}
  const header = options.reportOnly
    ? 'Content-Security-Policy-Report-Only'
    : 'Content-Security-Policy'
  const directives = Object.entries(options.directives ?? {}).map(([name, values]) => {
    const list = ([] as unknown[]).concat(values ?? []) as DirectiveValue[]
    for (const value of list)
      if (typeof value === 'string' && value === '@nonce')
        throw new Error(
          `config/shield.ts: ${name} asks for a nonce; Parvis serves every script from /assets ('self') and draws no nonce`
        )
    return { name: kebab(name), values: list }
  })
  const dynamic = directives.some(({ values }) =>
    values.some((value) => typeof value === 'function')
  )
  const build = (answers: string[]) => {
    let next = 0
    return directives
      .map(({ name, values }) => {
        const text = values
          .map((value) => (typeof value === 'function' ? answers[next++] : value))
          .join(' ')
        return text ? `${name} ${text}` : name
      })
      .join(';')
  }

  if (!dynamic) {
    const fixed = build([])
    return (ctx) => void ctx.response.header(header, fixed)
  }
  let lastKey: string | null = null
  let lastValue = ''
  return (ctx) => {
    const answers: string[] = []
    for (const { values } of directives)
      for (const value of values)
        if (typeof value === 'function')
          answers.push(String(value(ctx.response.request, ctx.response.response)))
    const key = answers.join('\u0000')
    if (key !== lastKey) {
      lastValue = build(answers)
      lastKey = key
    }
    ctx.response.header(header, lastValue)
  }
}
