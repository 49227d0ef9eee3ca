import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { enqueue } from '#jobs/enqueue'
import Report from '../models/report.js'
import Photo from '../models/photo.js'
import Follower from '../models/follower.js'
import type Category from '../models/category.js'
import { deletePhotos, storePhotos, type ReadyPhoto } from '../services/photos.js'

export interface NewReport {
  category: Category
  address: string
  lat: number
  lng: number
  description: string
  contact: { name: string | null; email: string | null; phone: string | null }
  /** the resident's account, when filed from it (the report counts at once) */
  userId: number | null
  channel?: 'web' | 'open311'
  photos: ReadyPhoto[]
  /** an anonymous report from a trusted client (Open311 key) counts at once too */
  trusted?: boolean
}

/** S-2026-000123: the year it was filed and its number. */
export function referenceOf(id: number) {
  return `S-${clock.local().year}-${String(id).padStart(6, '0')}`
}

/**
 * Files a report, routed to its category's service and team. From an
 * account it enters the service's queue at once; an anonymous one waits for
 * its e-mail address to be confirmed (a mail with a signed link). The
 * reporter follows it: public updates reach them by mail.
 */
export default class FileReport {
  async handle(input: NewReport) {
    const verified = input.userId !== null || input.trusted === true
    const stored = await storePhotos(
      `public_space/${clock.local().toFormat('yyyy-MM')}`,
      input.photos
    )
    try {
      return await db.transaction(async (trx) => {
        const report = await Report.create(
          {
            // Replaced by the number-based reference once the id is known.
            reference: `tmp-${randomUUID().slice(0, 16)}`,
            categoryId: input.category.id,
            serviceSlug: input.category.serviceSlug,
            team: input.category.team,
            status: 'new',
            address: input.address,
            lat: input.lat,
            lng: input.lng,
            description: input.description,
            userId: input.userId,
            contactName: input.contact.name,
            contactEmail: input.contact.email,
            contactPhone: input.contact.phone,
            channel: input.channel ?? 'web',
            verifiedAt: verified ? clock.now() : null,
            reopenCount: 0,
          },
          { client: trx }
        )
        report.reference = referenceOf(report.id)
        await report.useTransaction(trx).save()
        for (const photo of stored)
          await Photo.create({ reportId: report.id, ...photo, origin: 'resident' }, { client: trx })
        if (input.contact.email)
          await Follower.create(
            { reportId: report.id, email: input.contact.email.toLowerCase(), reporter: true },
            { client: trx }
          )
        if (input.contact.email)
          await enqueue(
            'public_space_mail',
            { kind: verified ? 'filed' : 'confirm', reportId: report.id },
            { trx }
          )
        return report
      })
    } catch (error) {
      await deletePhotos(stored.map((photo) => photo.storageKey))
      throw error
    }
  }
}
