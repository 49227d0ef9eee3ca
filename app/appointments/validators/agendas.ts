import vine from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import { fieldError } from '#core/services/form_errors'
import { formValidator, knownIds, multiLineText, singleLineText } from '#core/services/validation'

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
const DAY = /^\d{4}-\d{2}-\d{2}$/

export const meetingPointValidator = formValidator(
  'appointments.point',
  vine.compile(
    vine.object({
      name: singleLineText(150).minLength(2),
      addressLine: singleLineText(200).minLength(2),
      postalCode: vine
        .string()
        .trim()
        .maxLength(5)
        .regex(/^\d{5}$/),
      city: singleLineText(100).minLength(1),
      latitude: vine.number().range([-90, 90]).optional(),
      longitude: vine.number().range([-180, 180]).optional(),
      accessNotes: multiLineText(1000).optional(),
      serviceSlug: vine
        .string()
        .trim()
        .maxLength(60)
        .use(knownIds({ table: 'services', column: 'slug' })),
      desks: vine.number().withoutDecimals().range([1, 30]),
      active: vine.boolean().optional(),
    })
  )
)

/**
 * The address of a type's booking page, /rendez-vous/<key>: lower-case words
 * joined by hyphens, starting with a letter (never a number, which is an
 * appointment's page; never an underscore, which the bricks' own types use).
 */
export const TYPE_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

/** Durations are whole multiples of the 5-minute unit bookings occupy. */
const meetingTypeFields = {
  label: singleLineText(150).minLength(2),
  serviceSlug: vine
    .string()
    .trim()
    .maxLength(60)
    .use(knownIds({ table: 'services', column: 'slug' })),
  // The points of the service that offer it; none ticked: all of them.
  pointIds: vine
    .array(vine.number().withoutDecimals().positive())
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .distinct()
    .use(knownIds({ table: 'meeting_points' }))
    .optional(),

  durationMinutes: vine
    .number()
    .withoutDecimals()
    .range([5, 480])
    .use(
      vine.createRule((value, _options, field) => {
        if (typeof value === 'number' && value % 5 !== 0)
          field.report('The duration must be a multiple of 5 minutes', 'multipleOf5', field)
      })()
    ),
  perPerson: vine.boolean().optional(),
  maxPersons: vine.number().withoutDecimals().range([1, 10]),
  bookableBy: vine.enum(['resident', 'agent'] as const),
  minDelayHours: vine
    .number()
    .withoutDecimals()
    .range([0, 24 * 60]),
  maxDelayDays: vine.number().withoutDecimals().range([1, 730]),
  cancelDeadlineHours: vine
    .number()
    .withoutDecimals()
    .range([0, 24 * 30]),
  waitingList: vine.boolean().optional(),
  active: vine.boolean().optional(),
}

/** A type's changes; without a service, it keeps its own. */
export const meetingTypeValidator = formValidator(
  'appointments.type',
  vine.compile(
    vine.object({
      ...meetingTypeFields,
      serviceSlug: meetingTypeFields.serviceSlug.clone().optional(),
    })
  )
)

/** A new type also takes its key, the address of its booking page, unique and kept for good. */
export const newMeetingTypeValidator = formValidator(
  'appointments.new_type',
  vine.compile(
    vine.object({
      key: vine
        .string()
        .trim()
        .toLowerCase()
        .minLength(3)
        .maxLength(60)
        .regex(TYPE_KEY)
        .unique(async (db, value) => !(await db.from('meeting_types').where('key', value).first())),
      ...meetingTypeFields,
    })
  )
)

export const openingRangeValidator = vine.compile(
  vine.object({
    weekday: vine.number().withoutDecimals().range([1, 7]),
    desk: vine.number().withoutDecimals().range([1, 30]).optional(),
    startsAt: vine.string().trim().regex(TIME),
    endsAt: vine
      .string()
      .trim()
      .regex(TIME)
      .use(
        vine.createRule((value, _options, field) => {
          const start = (field.parent as Record<string, unknown>).startsAt
          if (typeof value === 'string' && typeof start === 'string' && value <= start)
            field.report('The end must come after the start', 'timeAfter', field)
        })()
      ),
  })
)

/** A range opens one desk of the point at most: a desk number beyond the point's desks is refused on that field. */
export function checkDeskOf(point: { desks: number }, desk: number | undefined, i18n: I18n) {
  if (desk && desk > point.desks)
    throw fieldError('desk', i18n.t('appointments.admin.no_such_desk', { desks: point.desks }))
}

export const closureValidator = formValidator(
  'appointments.closure',
  vine.compile(
    vine.object({
      meetingPointId: vine
        .number()
        .withoutDecimals()
        .positive()
        .use(knownIds({ table: 'meeting_points' }))
        .optional(),
      startsOn: vine.string().trim().regex(DAY),
      endsOn: vine
        .string()
        .trim()
        .regex(DAY)
        .use(
          vine.createRule((value, _options, field) => {
            const start = (field.parent as Record<string, unknown>).startsOn
            if (typeof value === 'string' && typeof start === 'string' && value < start)
              field.report('The end must come after the start', 'dateAfter', field)
          })()
        ),
      startsAt: vine.string().trim().regex(TIME).optional().requiredIfExists('endsAt'),
      endsAt: vine.string().trim().regex(TIME).optional().requiredIfExists('startsAt'),
      reason: singleLineText(200).minLength(2),
    })
  )
)
