import sharp from 'sharp'
import jsQR from 'jsqr'
import { Secret, TOTP, URI } from 'otpauth'
import type Agent from '#accounts/models/agent'
import AgentSecondFactor from '#accounts/models/agent_second_factor'
import db from '@adonisjs/lucid/services/db'
import { replaceRecoveryCodes } from '#accounts/actions/replace_recovery_codes'
import { newBrowserKey, newTotpSecret } from '#accounts/services/second_factor'
import { clock } from '#core/clock'

// jsqr is a CommonJS bundle whose function is its `default` export: Node's ESM loader (and
// TypeScript) hand over the whole exports object.
const decodeQr = jsQR.default

/** The inline SVG QR code of a page, as the browser would draw it. */
export function qrSvgOf(html: string) {
  const svg = html.match(/<svg[^>]*class="qr-code"[\s\S]*?<\/svg>/)?.[0]
  if (!svg) throw new Error('No QR code on the page')
  return svg
}

/**
 * Reads a QR code the way a phone does: the SVG is rasterised (sharp, at a
 * camera-like resolution) and the pixels are decoded (jsQR). Returns the
 * text it holds.
 */
export async function readQrCode(svg: string) {
  const { data, info } = await sharp(Buffer.from(svg), { density: 144 })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length)
  const found = decodeQr(pixels, info.width, info.height)
  if (!found) throw new Error(`No QR code could be read in the ${info.width}×${info.height} image`)
  return found.data
}

/** What an authenticator application makes of an otpauth:// address. */
export function authenticatorFrom(uri: string) {
  const otp = URI.parse(uri)
  if (!(otp instanceof TOTP)) throw new Error(`Not a TOTP address: ${uri}`)
  return otp
}

/** The code the application shows at the app's clock (tests set it), or `offsetSeconds` later. */
export function codeOf(app: TOTP, offsetSeconds = 0) {
  return app.generate({ timestamp: clock.nowMs() + offsetSeconds * 1000 })
}

/**
 * An agent who enrolled earlier, as the enrolment leaves them: a confirmed
 * authenticator with a secret the test knows, and ten recovery codes.
 */
export async function enrolledAgent(agent: Agent) {
  const secret = newTotpSecret()
  await AgentSecondFactor.create({
    agentId: agent.id,
    secret,
    confirmedAt: clock.now().minus({ days: 1 }),
    lastUsedStep: null,
    browserKey: newBrowserKey(),
  })
  const recoveryCodes = await db.transaction((trx) => replaceRecoveryCodes(agent.id, trx))
  const app = new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6 })
  return { secret, recoveryCodes, app }
}
