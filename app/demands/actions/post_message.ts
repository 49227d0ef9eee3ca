import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import DemandFile from '#demands/models/demand_file'
import { lockForUpdate } from '#core/database/dialect'
import { notifyResident } from '#demands/actions/notify_resident'
import { storeUpload, deleteStored, type CheckedUpload } from '#demands/services/uploads'
import { clock } from '#core/clock'

export interface MessageRequest {
  demandId: number
  author:
    | { kind: 'resident'; id: number | null }
    | { kind: 'agent'; id: number }
    /** a business software through the API, on behalf of the service */
    | { kind: 'software'; name: string }
  body: string
  /** an internal note: agents only, never shown to the resident */
  internal?: boolean
  attachments?: CheckedUpload[]
  now?: DateTime
}

/** A message in a demand's thread (resident ↔ service) or an agent's internal note, with its attachments. */
export default class PostMessage {
  async handle(request: MessageRequest) {
    const stored: Awaited<ReturnType<typeof storeUpload>>[] = []
    try {
      for (const upload of request.attachments ?? [])
        stored.push(await storeUpload(request.demandId, upload))
      return await db.transaction(async (trx) => {
        const demand = await lockForUpdate(
          Demand.query({ client: trx }).where('id', request.demandId),
          trx
        ).firstOrFail()
        const fromService = request.author.kind !== 'resident'
        const internal = fromService && Boolean(request.internal)
        const event = await DemandEvent.create(
          {
            demandId: demand.id,
            kind: internal ? 'note' : 'message',
            actorType: request.author.kind,
            actorId: 'id' in request.author ? request.author.id : null,
            actorName: request.author.kind === 'software' ? request.author.name : null,
            body: request.body.trim(),
            visibleToResident: !internal,
          },
          { client: trx }
        )
        for (const row of stored) {
          await DemandFile.create(
            {
              ...row,
              demandId: demand.id,
              eventId: event.id,
              uploadedBy: fromService ? 'agent' : 'resident',
            },
            { client: trx }
          )
        }
        demand.useTransaction(trx)
        demand.updatedAt = request.now ?? clock.now()
        await demand.save()
        if (!internal && fromService)
          await notifyResident(trx, demand, 'message', { eventId: event.id, now: request.now })
        return event
      })
    } catch (error) {
      await deleteStored(stored.map((row) => row.storageKey))
      throw error
    }
  }
}
