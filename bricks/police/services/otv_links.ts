import type { HttpContext } from '@adonisjs/core/http'
import { signedUrl } from '#core/links'

export const MANAGE_PURPOSE = 'otv'

/** The page the receipt mail's signed link opens; the route uses the same pattern. */
export const MANAGE_BY_LINK = '/police-municipale/tranquillite-vacances/gerer/:reference'

/**
 * The receipt mail's link: whoever holds it (the owner of the e-mail given,
 * account or not) may see the absence, change its dates, cancel it or
 * declare an early return, for about a year (the data is purged 6 months
 * after return by default). Built from the reference: the mail may leave
 * before the home is recorded.
 */
export function manageLink(reference: string) {
  return signedUrl(MANAGE_BY_LINK, { reference }, { purpose: MANAGE_PURPOSE, expiresIn: '400d' })
}

const GRANTS = 'otv_grants'

/** After a valid signed link, the session may keep managing that absence (its forms post without the signature). */
export function grantAbsence(session: HttpContext['session'], id: number) {
  const ids: number[] = session.get(GRANTS, [])
  if (!ids.includes(id)) session.put(GRANTS, [...ids.slice(-9), id])
}

export function hasGrant(session: HttpContext['session'], id: number) {
  return (session.get(GRANTS, []) as number[]).includes(id)
}
