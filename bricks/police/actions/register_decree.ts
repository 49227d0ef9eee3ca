import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { clock } from '#core/clock'
import { lockForUpdate } from '#core/database/dialect'
import { queueMail } from '#core/mail'
import User from '#accounts/models/user'
import parvisConfig from '#config/parvis'
import Decree from '../models/decree.js'
import { nextDecreeNumber } from '../services/decree_number.js'

export type RegisterOutcome =
  | { registered: Decree }
  | { refused: 'already_registered' | 'target_not_published' | 'no_resident' }

/**
 * Numbers a draft in the year's register and, in the same transaction,
 * publishes it (its page, its PDF and the feed) or, for an individual decree,
 * notifies the person it concerns instead: such a decree is never public.
 * The publication time is written here once; nothing changes it afterwards.
 */
export default class RegisterDecree {
  async handle(decreeId: number, trx?: TransactionClientContract): Promise<RegisterOutcome> {
    if (trx) return this.#register(decreeId, trx)
    return db.transaction((client) => this.#register(decreeId, client))
  }

  async #register(decreeId: number, trx: TransactionClientContract): Promise<RegisterOutcome> {
    const decree = await lockForUpdate(
      Decree.query({ client: trx }).where('id', decreeId),
      trx
    ).first()
    if (!decree || decree.registeredAt) return { refused: 'already_registered' }
    if (decree.targetId) {
      const target = await Decree.find(decree.targetId, { client: trx })
      if (!target?.publishedAt) return { refused: 'target_not_published' }
    }
    const individual = decree.kind === 'individuel'
    const resident =
      individual && decree.residentId ? await User.find(decree.residentId, { client: trx }) : null
    if (individual && !resident) return { refused: 'no_resident' }

    const now = clock.now()
    const year = now.setZone('Europe/Paris').year
    const { sequence, number } = await nextDecreeNumber(trx, year)
    decree.merge({ year, sequence, number, registeredAt: now })
    if (individual) decree.notifiedAt = now
    else decree.publishedAt = now
    await decree.save()

    if (resident) {
      await queueMail(
        {
          to: resident.email,
          subject: 'police.decrees.mail.subject',
          subjectData: { number },
          view: 'police::decrees/mail_individual',
          data: {
            number,
            title: decree.title,
            spaceUrl: `${parvisConfig.appUrl}/police-municipale/mes-arretes/${number}`,
          },
          locale: resident.locale ?? 'fr',
          files: [
            {
              storageKey: decree.storageKey,
              filename: `arrete-${number}.pdf`,
              contentType: 'application/pdf',
            },
          ],
          orderingKey: `police-decree:${decree.id}`,
        },
        trx
      )
    }
    return { registered: decree }
  }
}
