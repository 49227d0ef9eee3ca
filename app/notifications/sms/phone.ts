/*
 * Mobile numbers in E.164. Residents type French numbers as they say them
 * ("06 12 34 56 78", "07.12…", "+33 6…", "0033 6…", "+33 (0)6…"); operators
 * want "+33612345678". Only mobiles can receive an SMS: in France 06 and 07
 * (metropolitan), and the overseas mobiles written with their own country
 * code (+262 692/693, +590 690/691, +594 694, +596 696/697, +269 639).
 */

const OVERSEAS_MOBILES = /^\+(262(69[23])|590(69[01])|594(694)|596(69[67])|269(639))\d{6}$/

/** The number in E.164 when it is a French mobile, null otherwise. */
export function normaliseMobile(input: string): string | null {
  const compact = input.replace(/[\s.\-/]/g, '').replace(/^\+33\(0\)/, '+33')
  let international = compact
  if (/^0[67]\d{8}$/.test(compact)) international = `+33${compact.slice(1)}`
  else if (/^0033\d+$/.test(compact)) international = `+${compact.slice(2)}`
  if (/^\+33[67]\d{8}$/.test(international)) return international
  if (OVERSEAS_MOBILES.test(international)) return international
  return null
}

/** What a log or a page shows of a number: its country code and last two digits. */
export function maskNumber(e164: string) {
  const last = e164.slice(-2)
  const country = e164.startsWith('+33') ? '+33' : e164.slice(0, 4)
  return `${country} ${'•'.repeat(Math.max(e164.length - country.length - 2, 0))}${last}`
}
