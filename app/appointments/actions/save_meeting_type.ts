import db from '@adonisjs/lucid/services/db'
import MeetingType from '#appointments/models/meeting_type'
import MeetingPoint from '#appointments/models/meeting_point'

export interface MeetingTypeInput {
  key?: string
  label: string
  /** a change without a service keeps the type's own */
  serviceSlug?: string
  pointIds?: number[]
  durationMinutes: number
  perPerson?: boolean
  maxPersons: number
  bookableBy: 'resident' | 'agent'
  minDelayHours: number
  maxDelayDays: number
  cancelDeadlineHours: number
  waitingList?: boolean
  active?: boolean
}

/** A ticked meeting point that does not receive the type's service: the form says so on that field. */
export class PointOfAnotherServiceError extends Error {}

/**
 * Creates a meeting type (any service's) or changes one, with the meeting
 * points that offer it, in one transaction. A type keeps its key: it is the
 * address of its booking page and the bricks' hooks find their types by it.
 */
export default class SaveMeetingType {
  async handle(input: MeetingTypeInput, existing: MeetingType | null = null) {
    const pointIds = input.pointIds ?? []
    const serviceSlug = input.serviceSlug ?? existing?.serviceSlug
    if (!serviceSlug) throw new Error('A new meeting type needs its service')
    if (pointIds.length) {
      const points = await MeetingPoint.query().whereIn('id', pointIds)
      if (points.some((point) => point.serviceSlug !== serviceSlug))
        throw new PointOfAnotherServiceError()
    }
    return db.transaction(async (trx) => {
      const type = existing ?? new MeetingType()
      type.useTransaction(trx)
      if (!existing) type.key = input.key!
      type.merge({
        label: input.label,
        serviceSlug,
        durationMinutes: input.durationMinutes,
        perPerson: Boolean(input.perPerson),
        maxPersons: input.maxPersons,
        bookableBy: input.bookableBy,
        minDelayHours: input.minDelayHours,
        maxDelayDays: input.maxDelayDays,
        cancelDeadlineHours: input.cancelDeadlineHours,
        waitingList: Boolean(input.waitingList),
        active: Boolean(input.active),
      })
      await type.save()
      await type.related('points').sync(pointIds, true, trx)
      return type
    })
  }
}
