import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

export interface Received {
  id: string
  timestamp: string
  signature: string
  body: string
  /** the status the receiver answered */
  answered: number
}

/**
 * A business software's webhook receiver, on loopback: it answers what
 * `answer` says for the n-th request (1-based) and records every request.
 * `verify` checks a request with the maintained Standard Webhooks library.
 */
export async function startReceiver(answer: (n: number) => number = () => 200) {
  const received: Received[] = []
  let behaviour = answer
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      const status = behaviour(received.length + 1)
      received.push({
        id: String(request.headers['webhook-id']),
        timestamp: String(request.headers['webhook-timestamp']),
        signature: String(request.headers['webhook-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
        answered: status,
      })
      response.writeHead(status, { 'content-type': 'text/plain' })
      response.end(status >= 200 && status < 300 ? 'reçu' : `indisponible ${status}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/parvis/webhooks`,
    received,
    answer(next: (n: number) => number) {
      behaviour = next
    },
    /** Verifies a request with `standardwebhooks`; throws when the signature does not match. */
    verify(request: Received, secret: string) {
      return new Webhook(secret).verify(request.body, {
        'webhook-id': request.id,
        'webhook-timestamp': request.timestamp,
        'webhook-signature': request.signature,
      }) as { type: string; timestamp: string; data: Record<string, unknown> }
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
