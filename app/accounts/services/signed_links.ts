import { createHash } from 'node:crypto'
import router from '@adonisjs/core/services/router'
import parvisConfig from '#config/parvis'

/**
 * A short fingerprint of the stored password hash. Put in a signed link, it
 * makes the link single-use: once the password changes, the fingerprint no
 * longer matches.
 */
export function passwordFingerprint(passwordHash: string) {
  return createHash('sha256').update(passwordHash).digest('hex').slice(0, 16)
}

/** An absolute signed URL for a named route, for mails. */
export function signedLink(
  route: string,
  params: Record<string, unknown>,
  options: { expiresIn: string; qs?: Record<string, unknown>; purpose: string }
) {
  return router.makeSignedUrl(route, params, {
    expiresIn: options.expiresIn,
    qs: options.qs,
    purpose: options.purpose,
    prefixUrl: parvisConfig.appUrl,
  })
}

/**
 * The account a single-use password link is for, if the link was not used:
 * the fingerprint it carries must match the password stored now.
 */
export async function findByPasswordLink<T extends { password: string }>(
  find: (id: number) => Promise<T | null>,
  id: number,
  fingerprint: unknown
) {
  const account = Number.isSafeInteger(id) && id > 0 ? await find(id) : null
  if (
    !account ||
    typeof fingerprint !== 'string' ||
    passwordFingerprint(account.password) !== fingerprint
  )
    return null
  return account
}
