import { createServer, type IncomingMessage, type Server } from 'node:http'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import SmsSimulatorMessage from '#notifications/models/sms_simulator_message'
import { prepareSmsText, SENDER_PATTERN } from '#notifications/sms/gsm'
import { OCTOPUSH_SEND_PATH } from '#notifications/sms/octopush_client'

export const SIMULATOR_LOGIN = 'simulateur@parvis.localhost'
export const SIMULATOR_KEY = 'simulateur'

export interface SmsSimulator {
  baseUrl: string
  stop(): Promise<void>
}

async function readJson(request: IncomingMessage) {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += chunk.length
    if (size > 64 * 1024) return null
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>
  } catch {
    return null
  }
}

/** Octopush's checks on a send request, in its words; null when it is acceptable. */
function refusal(body: Record<string, any> | null) {
  if (!body) return 'invalid JSON'
  const recipients = body.recipients
  if (!Array.isArray(recipients) || recipients.length !== 1) return 'one recipient expected'
  if (!/^\+[1-9]\d{7,14}$/.test(String(recipients[0]?.phone_number)))
    return 'phone_number must be E.164'
  if (typeof body.text !== 'string' || body.text.length < 1 || body.text.length > 1224)
    return 'text must have 1 to 1224 characters'
  if (!SENDER_PATTERN.test(String(body.sender))) return 'sender must have 3 to 11 letters or digits'
  if (body.type !== 'sms_premium' && body.type !== 'sms_low_cost') return 'unknown type'
  return null
}

/**
 * A loopback stand-in for Octopush: the same path, headers and JSON, and the
 * same answer. What it receives is kept in `sms_simulator_messages`, with the
 * segments it counts itself, for admins at /agents/admin/sms/simulateur:
 * a worker process (`jobs:work`) starts its own and the web pages still see
 * what it received.
 */
export async function startSmsSimulator(): Promise<SmsSimulator> {
  const server: Server = createServer(async (request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    if (request.method !== 'POST' || request.url !== OCTOPUSH_SEND_PATH)
      return answer(404, { code: 404, message: 'not found' })
    if (
      request.headers['api-login'] !== SIMULATOR_LOGIN ||
      request.headers['api-key'] !== SIMULATOR_KEY
    )
      return answer(401, { code: 101, message: 'bad credentials' })
    const body = await readJson(request)
    const refused = refusal(body)
    if (refused) return answer(400, { code: 100, message: refused })
    const prepared = prepareSmsText(body!.text)
    const ticket = `sms_${randomUUID().replace(/-/g, '').slice(0, 16)}`
    try {
      await SmsSimulatorMessage.create({
        ticket,
        sender: body!.sender,
        recipient: body!.recipients[0].phone_number,
        text: body!.text,
        encoding: prepared.encoding,
        segments: prepared.segments,
      })
    } catch {
      return answer(500, { code: 500, message: 'simulator storage failed' })
    }
    answer(201, {
      sms_ticket: ticket,
      number_of_contacts: 1,
      number_of_sms_needed: prepared.segments,
      total_cost: 0,
      residual_credit: 0,
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
