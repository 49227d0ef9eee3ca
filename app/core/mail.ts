import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import modules from '#core/services/modules'

/** A mail to render in the recipient's language and put in the outbox. */
export interface MailRequest {
  to: string
  /** i18n key of the subject */
  subject: string
  subjectData?: Record<string, unknown>
  /** Edge view of the HTML part; `<view>_text` is the text part */
  view: string
  data?: Record<string, unknown>
  locale?: string | null
  attachments?: { filename: string; content: string; contentType: string }[]
  /** files kept through Drive (storage key, name, type), read when the mail leaves */
  files?: { storageKey: string; filename: string; contentType: string }[]
  /** Mails about one object (an appointment, a demand) leave in the order they were queued. */
  orderingKey?: string | null
}

export type MailQueue = (
  request: MailRequest,
  client?: TransactionClientContract | QueryClientContract
) => Promise<unknown>

declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    /** The module that puts mails in the outbox (notifications): exactly one. */
    mailQueue?: () => Promise<{ queueMail: MailQueue }>
  }
}

/**
 * Puts a mail in the outbox, in the caller's transaction when there is one,
 * through the module that declares `mailQueue` (notifications). Modules below
 * it — accounts mails its verification and reset links — call this, so they
 * never import the module above them.
 */
export async function queueMail(
  request: MailRequest,
  client?: TransactionClientContract | QueryClientContract
) {
  const queues = modules
    .modules()
    .flatMap((module) => (module.definition.mailQueue ? [module.definition.mailQueue] : []))
  if (queues.length !== 1)
    throw new Error(`Exactly one module must declare mailQueue; found ${queues.length}`)
  const { queueMail: queue } = await queues[0]()
  return queue(request, client)
}
