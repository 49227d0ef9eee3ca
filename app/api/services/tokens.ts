import { createHash, randomBytes } from 'node:crypto'

/** Tokens start with this, so that a leaked one is recognised by secret scanners and by people. */
export const TOKEN_PREFIX = 'pvs_'

export function hashToken(token: string) {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A new token (shown once) and what is kept of it: its hash and a prefix to tell tokens apart. */
export function newToken() {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) }
}
