import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { defineJob } from '#jobs/registry'
import { enqueue } from '#jobs/enqueue'
import { lockForUpdate, dbTimestamp } from '#core/database/dialect'
import Demand from '#demands/models/demand'
import Notification from '#demands/models/notification'
import User from '#accounts/models/user'
import DemandEvent from '#demands/models/demand_event'
import DemandFile from '#demands/models/demand_file'
import { nameForKind, kindOfStoredName } from '#demands/procedures/sniff_file'
import { queueMail } from '#notifications/queue_mail'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import parvisConfig from '#config/parvis'
import { refreshBuiltProcedures } from '#demands/procedures/built/published'

/** At most one update mail per demand in this many minutes; what happens meanwhile is grouped. */
export const GROUPING_MINUTES = 10

/**
 * Mails the resident what happened on a demand since the last mail. A
 * receipt leaves at once; other updates leave at most once per demand every
 * ten minutes: when one was sent less than ten minutes ago, the job puts
 * itself back for the end of the window, and that single later run carries
 * every update piled up meanwhile. Running twice sends nothing twice: the
 * notifications are marked mailed in the transaction that enqueues the mail.
 */
export const mailDemandUpdatesJob = defineJob<{ demandId: number }>({
  orderingKey: ({ demandId }) => `demand:${demandId}`,
  maxAttempts: 8,
  async handle({ demandId }, { now }) {
    // Outside the transaction: SQLite has one connection, and a worker process serves no request.
    await refreshBuiltProcedures()
    await db.transaction(async (trx) => {
      const demand = await lockForUpdate(
        Demand.query({ client: trx }).where('id', demandId),
        trx
      ).first()
      if (!demand) return
      const pending = await Notification.query({ client: trx })
        .where('demandId', demandId)
        .where('mailWanted', true)
        .whereNull('mailedAt')
        .orderBy('id')
      if (pending.length === 0) return

      const receipts = pending.filter((notification) => notification.kind === 'submitted')
      const updates = pending.filter((notification) => notification.kind !== 'submitted')
      const recipient = demand.userId ? await User.find(demand.userId, { client: trx }) : null
      const to = recipient?.email ?? demand.applicantEmail
      const locale = recipient?.locale ?? 'fr'
      const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)
      const link = recipient ? `${parvisConfig.appUrl}/mon-espace/demandes/${demand.id}` : null
      if (!to || !procedure) {
        await Notification.query({ client: trx })
          .whereIn(
            'id',
            pending.map((n) => n.id)
          )
          .update({ mailWanted: false })
        return
      }
      const orderingKey = `demand:${demand.id}`
      const base = {
        demand,
        procedureTitle: procedure.title,
        link,
        cityName: parvisConfig.city.name,
      }

      const procedureLink = receipts.length
        ? ((await procedure.hooks?.receiptLink?.({
            id: demand.id,
            reference: demand.reference!,
            userId: demand.userId,
          })) ?? null)
        : null
      for (const receipt of receipts) {
        await queueMail(
          {
            to,
            locale,
            subject: 'notifications.mail.submitted_subject',
            subjectData: { reference: demand.reference },
            view: 'demands::emails/receipt',
            orderingKey,
            data: {
              ...base,
              expectedBy: demand.dueAt?.setZone('Europe/Paris').toFormat('dd/MM/yyyy') ?? null,
              pdfLink: link ? `${link}/recepisse.pdf` : null,
              procedureLink,
            },
          },
          trx
        )
        receipt.useTransaction(trx)
        receipt.mailedAt = now
        await receipt.save()
      }
      if (updates.length === 0) return

      const lastUpdate = await Notification.query({ client: trx })
        .where('demandId', demandId)
        .whereNot('kind', 'submitted')
        .whereNotNull('mailedAt')
        .orderBy('mailedAt', 'desc')
        .first()
      const windowEnds = lastUpdate?.mailedAt?.plus({ minutes: GROUPING_MINUTES })
      if (windowEnds && windowEnds > now) {
        await enqueue(
          'mail_demand_updates',
          { demandId },
          {
            client: trx,
            runAt: windowEnds,
            idempotencyKey: `demand-mail:${demandId}:w${windowEnds.toMillis()}`,
          }
        )
        return
      }

      const workflow = workflowOf(procedure)
      const events = await DemandEvent.query({ client: trx }).whereIn(
        'id',
        updates.map((n) => n.eventId ?? 0)
      )
      const lines = updates.map((notification) => {
        const event = events.find((candidate) => candidate.id === notification.eventId)
        const state = notification.toState
          ? stateOf(workflow, notification.toState).residentLabel
          : null
        return {
          kind: notification.kind,
          stateLabel: state,
          // People without an account read the city's words in the mail; residents read them in their space.
          body: recipient ? null : event?.visibleToResident ? event.body : null,
        }
      })
      const single = updates.length === 1 ? updates[0].kind : 'grouped'
      // Without an account there is no space to download from: the files the city sent go with the mail.
      const files = recipient ? [] : await filesSentWith(events, trx)
      await queueMail(
        {
          to,
          locale,
          subject: `notifications.mail.${single}_subject`,
          subjectData: { reference: demand.reference, count: updates.length },
          view: 'demands::emails/update',
          orderingKey,
          data: { ...base, lines },
          files,
        },
        trx
      )
      await trx
        .from('notifications')
        .whereIn(
          'id',
          updates.map((n) => n.id)
        )
        .update({ mailed_at: dbTimestamp(now, trx) })
    })
  },
})

/** Most bytes of files one update mail carries; past that, the first files that fit. */
export const MAIL_FILES_MAX_BYTES = 10 * 1024 * 1024

/** The files agents attached to the messages among these events, as the mail carries them. */
async function filesSentWith(events: DemandEvent[], trx: TransactionClientContract) {
  const messages = events.filter((event) => event.kind === 'message' && event.visibleToResident)
  if (messages.length === 0) return []
  const rows = await DemandFile.query({ client: trx })
    .whereIn(
      'eventId',
      messages.map((event) => event.id)
    )
    .where('uploadedBy', 'agent')
    .orderBy('id')
  let bytes = 0
  return rows
    .filter((row) => (bytes += row.size) <= MAIL_FILES_MAX_BYTES)
    .map((row) => {
      const kind = kindOfStoredName(row.storageKey)
      return {
        storageKey: row.storageKey,
        filename: kind ? nameForKind(row.originalName, kind) : row.originalName,
        contentType: row.mimeType,
      }
    })
}

export default mailDemandUpdatesJob
