import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { clock } from '#core/clock'
import { lockForUpdate } from '#core/database/dialect'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import DemandFile from '#demands/models/demand_file'
import { notifyResident } from '#demands/actions/notify_resident'
import { deleteStored } from '#demands/services/uploads'
import Decree from '../models/decree.js'
import { writePlaces, decreeSearchText } from './save_decree_draft.js'
import { nextDecreeNumber } from '../services/decree_number.js'
import { sha256OfBytes, DECREES_FOLDER } from '../services/decree_files.js'
import { requestDecreePdf } from '../services/request_decree_pdf.js'
import { STREET_DECREE_REQUEST } from '../procedures/street_decree_request.js'

export type GenerateOutcome = { decree: Decree } | { refused: 'not_accepted' | 'already_generated' }

/**
 * Once the police service has accepted a street-occupation request, the agent
 * generates its individual decree: the register's next number, a PDF from
 * the template carrying it, kept in the register (never published) and
 * handed to the resident in the demand's thread, which links back to it.
 * All in one transaction, so a number is never lost to a failure.
 */
export default class GenerateRequestDecree {
  async handle(demandId: number, agent: { id: number; name: string }): Promise<GenerateOutcome> {
    const written: string[] = []
    try {
      return await db.transaction(async (trx) => {
        const demand = await lockForUpdate(
          Demand.query({ client: trx }).where('id', demandId),
          trx
        ).first()
        if (!demand || demand.procedureKey !== STREET_DECREE_REQUEST || demand.state !== 'accepted')
          return { refused: 'not_accepted' as const }
        const existing = await Decree.query({ client: trx }).where('demand_id', demand.id).first()
        if (existing) return { refused: 'already_generated' as const }

        const now = clock.now()
        const year = now.setZone('Europe/Paris').year
        const { sequence, number } = await nextDecreeNumber(trx, year)
        const answers = demand.answers as Record<string, any>
        const i18n = i18nManager.locale('fr')
        const purpose = i18n.t(`police.decrees.request.purposes.${answers.purpose}`)
        const street = String(answers.street ?? '')
        const signedOn = clock.today()
        const bytes = await requestDecreePdf(
          {
            number,
            applicant:
              `${demand.applicantFirstName ?? ''} ${demand.applicantLastName ?? ''}`.trim(),
            purpose,
            street,
            startsOn: String(answers.startsOn),
            endsOn: String(answers.endsOn),
            kerbMeters: Number(answers.kerbMeters),
            vehicle: String(answers.vehicle ?? ''),
            signatory: agent.name,
            signedOn,
            demandReference: demand.reference ?? '',
          },
          i18n
        )
        const storageKey = `${DECREES_FOLDER}/${randomUUID()}.pdf`
        await drive.use().put(storageKey, bytes)
        written.push(storageKey)
        const title = i18n.t('police.decrees.request.decree_title', { purpose, street })
        const decree = await Decree.create(
          {
            year,
            sequence,
            number,
            title: title.slice(0, 250),
            kind: 'individuel',
            signatory: agent.name,
            signedOn,
            startsOn: String(answers.startsOn),
            endsOn: String(answers.endsOn),
            places: street,
            searchText: decreeSearchText({ title, places: street, kind: 'individuel' }),
            storageKey,
            originalName: `arrete-${number}.pdf`,
            size: bytes.length,
            sha256: sha256OfBytes(bytes),
            residentId: demand.userId,
            demandId: demand.id,
            createdBy: agent.id,
            registeredAt: now,
            notifiedAt: now,
          },
          { client: trx }
        )
        await writePlaces(trx, decree)

        // The resident's copy lives with the demand (its retention is the demand's), the register keeps its own.
        const copyKey = `demands/${demand.id}/${randomUUID()}.pdf`
        await drive.use().put(copyKey, bytes)
        written.push(copyKey)
        const event = await DemandEvent.create(
          {
            demandId: demand.id,
            kind: 'message',
            actorType: 'agent',
            actorId: agent.id,
            body: i18n.t('police.decrees.request.message', { number }),
            visibleToResident: true,
          },
          { client: trx }
        )
        await DemandFile.create(
          {
            demandId: demand.id,
            eventId: event.id,
            storageKey: copyKey,
            originalName: `arrete-${number}.pdf`,
            mimeType: 'application/pdf',
            size: bytes.length,
            uploadedBy: 'agent',
          },
          { client: trx }
        )
        demand.useTransaction(trx)
        demand.updatedAt = now
        await demand.save()
        await notifyResident(trx, demand, 'message', { eventId: event.id, now })
        return { decree }
      })
    } catch (error) {
      await deleteStored(written)
      throw error
    }
  }
}
