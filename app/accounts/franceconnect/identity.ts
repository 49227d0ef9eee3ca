/*
 * The identity FranceConnect certifies, in the portal's terms. Its formats
 * are checked: a birth date that is not YYYY-MM-DD or a missing name is an
 * answer the portal refuses rather than stores.
 */
export interface VerifiedIdentity {
  sub: string
  /** all first names, space separated */
  firstName: string
  /** the nom d'usage when FranceConnect gives one, else the birth name */
  lastName: string
  birthName: string
  /** YYYY-MM-DD */
  birthDate: string
  gender: string | null
  birthplace: string | null
  birthcountry: string | null
  email: string | null
}

function text(value: unknown) {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

export function identityFromClaims(claims: Record<string, unknown>): VerifiedIdentity {
  const sub = text(claims.sub)
  const firstName = text(claims.given_name)
  const birthName = text(claims.family_name)
  const birthDate = text(claims.birthdate)
  if (!sub || !firstName || !birthName || !birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate))
    throw new Error('FranceConnect identity incomplete or malformed')
  const email = text(claims.email)
  return {
    sub,
    firstName: firstName.slice(0, 100),
    lastName: (text(claims.preferred_username) ?? birthName).slice(0, 100),
    birthName,
    birthDate,
    gender: text(claims.gender),
    birthplace: text(claims.birthplace),
    birthcountry: text(claims.birthcountry),
    email: email ? email.toLowerCase().slice(0, 254) : null,
  }
}
