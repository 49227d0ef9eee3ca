import { createHmac, randomBytes, randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import { appKey } from '#config/app'
import { clock } from '#core/clock'

/*
 * The arithmetic of agents' second factor: TOTP codes (RFC 6238, what every
 * authenticator application reads from an otpauth:// QR code: SHA-1, six
 * digits, 30 seconds) checked against the app's clock, never the machine's,
 * and recovery codes. What is stored and when lives in the actions.
 */

export const TOTP_PERIOD = 30
export const TOTP_DIGITS = 6

/** A code of the period just before or after is accepted too: phones' clocks drift, and typing takes time. */
const TOTP_WINDOW = 1

/** 160 random bits, the size RFC 4226 recommends, in base32 as applications take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The otpauth:// address an authenticator application reads from the QR code. */
export function otpauthUri(secret: string, account: { issuer: string; label: string }) {
  return new TOTP({
    issuer: account.issuer,
    label: account.label,
    secret: Secret.fromBase32(secret),
    period: TOTP_PERIOD,
    digits: TOTP_DIGITS,
  }).toString()
}

/** Digits only: applications show "123 456", people type it with or without the space. */
export function normalizeTotpCode(input: string) {
  return input.replace(/[\s\u00a0\u202f-]/g, '')
}

export function looksLikeTotpCode(input: string) {
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(normalizeTotpCode(input))
}

/**
 * The period (30-second steps since 1970) whose code this is, around the
 * app's clock, or null when it is the code of none of them. The caller
 * refuses a period already used (a code is single-use, RFC 6238 §5.2).
 */
export function totpCodeStep(secret: string, code: string, nowMs = clock.nowMs()): number | null {
  // A secret that no longer decrypts (APP_KEY changed) reads as empty: its codes would be anyone's.
  if (!secret) return null
  const delta = TOTP.validate({
    token: normalizeTotpCode(code),
    secret: Secret.fromBase32(secret),
    period: TOTP_PERIOD,
    digits: TOTP_DIGITS,
    timestamp: nowMs,
    window: TOTP_WINDOW,
  })
  if (delta === null) return null
  return TOTP.counter({ period: TOTP_PERIOD, timestamp: nowMs }) + delta
}

/**
 * The QR code of an otpauth:// address as an SVG element drawn by the app
 * itself (no image service sees the secret), with an accessible name; it
 * carries no style attribute, so the strict CSP lets it show inline.
 */
export async function qrCodeSvg(text: string, accessibleName: string) {
  const svg = await QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    width: 232,
  })
  const name = accessibleName.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  return svg.trim().replace('<svg ', `<svg role="img" aria-label="${name}" class="qr-code" `)
}

/** Letters and digits nobody confuses when copying them by hand (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const RECOVERY_LENGTH = 10
export const RECOVERY_CODE_COUNT = 10

/** Ten codes of ten characters (about 50 random bits each), shown as "abcde-fghjk". */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let code = ''
    for (let index = 0; index < RECOVERY_LENGTH; index++)
      code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]
    return `${code.slice(0, 5)}-${code.slice(5)}`
  })
}

/** What a typed recovery code is compared as: lower case, without spaces or dashes. */
export function normalizeRecoveryCode(input: string) {
  return input.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/**
 * The keyed hash a recovery code is stored as: HMAC-SHA256 with APP_KEY, so
 * that a copy of the database alone does not let anyone try codes offline.
 */
export function recoveryCodeHash(code: string) {
  return createHmac('sha256', appKey.release())
    .update(`agent-recovery-code:${normalizeRecoveryCode(code)}`)
    .digest('hex')
}

/** The random key a new enrolment gives remembered browsers. */
export function newBrowserKey() {
  return randomBytes(24).toString('base64url')
}
