import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import { createServer, type AddressInfo, type Socket } from 'node:net'

/**
 * A real SMTP server for the test suite: the app sends through SMTP as in
 * production, and tests read what arrived.
 */
export interface TestSmtpServer {
  port: number
  close(): Promise<void>
}

const inbox: ParsedMail[] = []
const waiters: Array<() => void> = []
/** Mails still to refuse with a temporary error, like a greylisting server. */
let greylisted = 0

/**
 * `answerDelayMs` makes the server take that long to accept each mail (a
 * slow receiver: jobs that take a while). Every server started here fills
 * the same mailbox.
 */
export async function startTestSmtpServer(
  options: { answerDelayMs?: number } = {}
): Promise<TestSmtpServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (greylisted > 0) {
        greylisted--
        stream.resume()
        stream.on('end', () =>
          callback(
            Object.assign(new Error('Greylisted, please try again later'), { responseCode: 451 })
          )
        )
        return
      }
      simpleParser(stream)
        .then(async (mail) => {
          if (options.answerDelayMs)
            await new Promise((resolve) => setTimeout(resolve, options.answerDelayMs))
          inbox.push(mail)
          waiters.splice(0).forEach((wake) => wake())
          callback()
        })
        .catch((error) => callback(error))
    },
  })
  // A client that vanishes mid-mail (a worker killed by a test) is not an error of the server.
  server.on('error', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * A TCP server that accepts connections and never says a word: an SMTP
 * server that hangs. `connections` counts who knocked.
 */
export async function startSilentServer(): Promise<TestSmtpServer & { connections(): number }> {
  const sockets = new Set<Socket>()
  let connections = 0
  const server = createServer((socket) => {
    connections++
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []
  return to.flatMap((address) => address.value.map((entry) => (entry.address ?? '').toLowerCase()))
}

/** How long a test waits for an expected mail before failing. */
const MAIL_WAIT_MS = 20_000

async function arrival(
  address: string,
  subject: RegExp | undefined,
  timeoutMs: number,
  deliver: boolean
): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs
  while (true) {
    if (deliver) await mailbox.deliver()
    const found = mailbox
      .for(address)
      .reverse()
      .find((mail) => !subject || subject.test(mail.subject ?? ''))
    if (found) return found
    const left = deadline - Date.now()
    if (left <= 0) {
      throw new Error(
        `No mail to ${address}${subject ? ` matching ${subject}` : ''} within ${timeoutMs} ms`
      )
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(left, 200))
      waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
}

export const mailbox = {
  /** Every mail received so far, oldest first. */
  all(): ParsedMail[] {
    return [...inbox]
  },

  /** Mails received by an address. */
  for(address: string): ParsedMail[] {
    return inbox.filter((mail) => recipients(mail).includes(address.toLowerCase()))
  },

  /**
   * Waits for a mail to `address` whose subject matches, for at most
   * `timeoutMs`, and returns it. Runs the outbox in this process meanwhile.
   * The wait ends as soon as the mail is there: the limit only matters on a
   * loaded machine (CI's two cores), where 5 s was sometimes too short.
   */
  waitFor(address: string, subject?: RegExp, timeoutMs = MAIL_WAIT_MS): Promise<ParsedMail> {
    return arrival(address, subject, timeoutMs, true)
  },

  /**
   * The same without running the outbox here: for mails another process
   * sends (a `node ace jobs:work` started by the test).
   */
  receive(address: string, subject?: RegExp, timeoutMs = MAIL_WAIT_MS): Promise<ParsedMail> {
    return arrival(address, subject, timeoutMs, false)
  },

  /**
   * Runs the mails waiting in the outbox (the tests run no background
   * worker), so that what the app queued reaches this SMTP server.
   */
  async deliver() {
    const { Worker } = await import('#jobs/worker')
    await new Worker().drain()
  },

  /** The first link of a mail's text body that contains `fragment`. */
  linkIn(mail: ParsedMail, fragment: string): string {
    const text = `${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`
    const links = text.match(/https?:\/\/[^\s"'<>]+/g) ?? []
    const link = links.find((candidate) => candidate.includes(fragment))
    if (!link) throw new Error(`No link containing "${fragment}" in mail "${mail.subject}"`)
    return link.replace(/&amp;/g, '&')
  },

  /** The next `count` mails are refused with "451 Greylisted" (a temporary error: the sender retries). */
  greylist(count = 1) {
    greylisted = count
  },

  clear() {
    inbox.splice(0)
    greylisted = 0
  },
}
