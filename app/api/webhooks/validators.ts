import vine from '@vinejs/vine'
import { formValidator } from '#core/services/validation'

/** A single checked box arrives as a plain value. */
const list = () =>
  vine
    .array(vine.string().trim().maxLength(100))
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .minLength(1)
    .distinct()

/**
 * An endpoint: http or https only (no file:, no gopher:…); a city's IT may
 * point it at a server of its own network (see webhooks/README.md).
 */
export const webhookEndpointValidator = formValidator(
  'api.webhook',
  vine.compile(
    vine.object({
      apiClientId: vine.number().withoutDecimals().positive(),
      url: vine
        .string()
        .trim()
        .maxLength(2000)
        .url({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }),
      events: list(),
    })
  )
)

/** "Replay every delivery since" a date and time of the city. */
export const replaySinceValidator = formValidator(
  'api.webhook_replay',
  vine.compile(
    vine.object({
      since: vine.date({ formats: ['YYYY-MM-DDTHH:mm', 'YYYY-MM-DD'] }),
    })
  )
)
