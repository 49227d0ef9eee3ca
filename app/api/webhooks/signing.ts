import { createHmac, randomBytes, randomUUID } from 'node:crypto'

/**
 * Standard Webhooks (https://www.standardwebhooks.com): a secret is `whsec_`
 * + base64 of its bytes; a signature is `v1,` + base64 of
 * HMAC-SHA256(secret bytes, "<webhook-id>.<webhook-timestamp>.<body>");
 * several signatures are separated by spaces (the previous secret signs too
 * during a rotation, so the receiver may switch at its own pace).
 */
export function newSecret() {
  return `whsec_${randomBytes(24).toString('base64')}`
}

/** The `webhook-id` of a delivery: the same on every attempt and every replay, so receivers drop duplicates. */
export function newMessageId() {
  return `msg_${randomUUID().replaceAll('-', '')}`
}

export function sign(secret: string, id: string, timestamp: number, body: string) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

export function signatureHeader(secrets: string[], id: string, timestamp: number, body: string) {
  return secrets.map((secret) => sign(secret, id, timestamp, body)).join(' ')
}
