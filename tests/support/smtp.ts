import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'

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

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push(mail)
          waiters.splice(0).forEach((wake) => wake())
          callback()
        })
        .catch((error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []
  return to.flatMap((address) => address.value.map((entry) => (entry.address ?? '').toLowerCase()))
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
   * `timeoutMs`, and returns it.
   */
  async waitFor(address: string, subject?: RegExp, timeoutMs = 5000): Promise<ParsedMail> {
    const deadline = Date.now() + timeoutMs
    while (true) {
      await mailbox.deliver()
      const found = mailbox
        .for(address)
        .reverse()
        .find((mail) => !subject || subject.test(mail.subject ?? ''))
      if (found) return found
      const left = deadline - Date.now()
      if (left <= 0) {
        throw new Error(`No mail to ${address}${subject ? ` matching ${subject}` : ''} within ${timeoutMs} ms`)
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200))
        waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  },

  /**
   * Runs the mails waiting in the outbox (the tests run no background
   * worker), so that what the app queued reaches this SMTP server.
   */
  async deliver() {
    const { Worker } = await import('#connectors/jobs/worker')
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

  clear() {
    inbox.splice(0)
  },
}
