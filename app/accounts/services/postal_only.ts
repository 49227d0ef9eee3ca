/**
 * Residents registered by a mediator without an e-mail address get a
 * placeholder address in this domain: `.invalid` is reserved (RFC 2606),
 * nothing can be delivered there, and the mail outbox drops it instead of
 * trying. The city writes to them by post (letters printed from the back
 * office).
 */
export const POSTAL_ONLY_DOMAIN = 'courrier.invalid'

/** True for a postal-only resident's placeholder address. */
export function isPostalOnlyAddress(address: string) {
  return address.toLowerCase().endsWith(`@${POSTAL_ONLY_DOMAIN}`)
}
