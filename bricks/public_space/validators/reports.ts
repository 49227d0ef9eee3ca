import vine from '@vinejs/vine'
import { formValidator, multiLineText, singleLineText } from '#core/services/validation'
import { STATUSES } from '../models/report.js'

/** Step 1 of /signalements/nouveau: what and where. */
export const locateValidator = formValidator(
  'public_space.locate',
  vine.compile(
    vine.object({
      problem: vine.number().withoutDecimals().positive(),
      // Optional when the map's pin is placed (lat and lng, filled by JavaScript only).
      location: singleLineText(200).minLength(3).optional(),
      lat: vine.string().trim().maxLength(30).optional(),
      lng: vine.string().trim().maxLength(30).optional(),
    })
  )
)

/** Step 2: the description and how to reach the reporter (e-mail required without an account: the controller checks it). */
export const detailsValidator = formValidator(
  'public_space.details',
  vine.compile(
    vine.object({
      description: multiLineText(2000).minLength(5),
      name: singleLineText(120).optional(),
      email: vine.string().trim().maxLength(254).email().optional(),
      phone: singleLineText(30).optional(),
    })
  )
)

/** Following a report already filed instead of filing it again. */
export const followValidator = formValidator(
  'public_space.follow',
  vine.compile(vine.object({ email: vine.string().trim().maxLength(254).email().optional() }))
)

/** The answer to "Le problème est-il réglé ?". */
export const feedbackValidator = formValidator(
  'public_space.feedback',
  vine.compile(
    vine.object({
      fixed: vine.enum(['oui', 'non'] as const),
      comment: multiLineText(2000).optional(),
    })
  )
)

/** An agent's change to a report. */
export const agentUpdateValidator = formValidator(
  'public_space.agent_update',
  vine.compile(
    vine.object({
      reportStatus: vine.enum(STATUSES),
      team: singleLineText(100).optional(),
      plannedOn: vine
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      publicNote: multiLineText(2000).optional(),
      internalNote: multiLineText(2000).optional(),
      photos: vine.array(vine.number().withoutDecimals().positive()).maxLength(20).optional(),
    })
  )
)

/** Merging a duplicate into the report kept. */
export const mergeValidator = formValidator(
  'public_space.merge',
  vine.compile(vine.object({ keep: singleLineText(20) }))
)

/** A category of the tree, as admins edit it. */
export const categoryValidator = formValidator(
  'public_space.category',
  vine.compile(
    vine.object({
      name: singleLineText(100).minLength(2),
      code: vine
        .string()
        .trim()
        .maxLength(40)
        .toUpperCase()
        .regex(/^[A-Z][A-Z0-9_]{1,39}$/),
      parent: vine.number().withoutDecimals().positive().optional(),
      serviceSlug: singleLineText(60),
      team: singleLineText(100).optional(),
      position: vine.number().withoutDecimals().min(0).max(10_000).optional(),
      active: vine.boolean().optional(),
    })
  )
)
