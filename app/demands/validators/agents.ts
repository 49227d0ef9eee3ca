import vine from '@vinejs/vine'
import { formValidator, multiLineText, singleLineText } from '#core/services/validation'

/** How many demands one bulk action takes at most. */
export const BULK_LIMIT = 200

/** A transition of a demand, with the comment some of them ask for. */
export const transitionValidator = formValidator(
  'demands.transition',
  vine.compile(
    vine.object({
      transition: vine.string().trim().maxLength(40),
      expectedState: vine.string().trim().maxLength(40).optional(),
      comment: multiLineText(5000).optional(),
    })
  )
)

/** Sending a demand to another service, with the comment the other service reads first. */
export const transferValidator = formValidator(
  'demands.transfer',
  vine.compile(
    vine.object({
      service: vine.string().trim().maxLength(60),
      transferComment: multiLineText(5000).minLength(1),
    })
  )
)

/** An internal note, seen by agents only. */
export const noteValidator = formValidator(
  'demands.note',
  vine.compile(vine.object({ body: multiLineText(5000).minLength(1) }))
)

/** "me", an agent's id, or nothing (nobody). */
export const assignValidator = vine.compile(
  vine.object({
    assignee: vine
      .string()
      .trim()
      .maxLength(20)
      .regex(/^(me|\d+)$/)
      .optional(),
  })
)

/** The agent an assignment names: the one assigning ("me"), another agent by id, or nobody. */
export function assigneeId(assignee: string | undefined, me: { id: number }) {
  const id = assignee === 'me' ? me.id : assignee ? Number(assignee) : null
  return Number.isSafeInteger(id) ? id : null
}

/** A named inbox filter (its query string comes from the inbox's own filters). */
export const savedFilterValidator = formValidator(
  'demands.saved_filter',
  vine.compile(
    vine.object({
      name: singleLineText(80).minLength(1),
      query: vine.string().trim().maxLength(1000).optional(),
    })
  )
)

export const bulkValidator = formValidator(
  'demands.bulk',
  vine.compile(
    vine.object({
      ids: vine
        .array(vine.number().withoutDecimals().positive())
        .minLength(1)
        .maxLength(BULK_LIMIT)
        .distinct()
        .parse((value) =>
          value === undefined || value === null || Array.isArray(value) ? value : [value]
        ),
      bulkAction: vine.string().trim().maxLength(60),
      comment: multiLineText(5000).optional(),
    })
  )
)

/** How a demand filed at the counter came to the city. */
export const originValidator = vine.compile(
  vine.object({ origin: vine.enum(['counter', 'phone', 'mail'] as const) })
)
