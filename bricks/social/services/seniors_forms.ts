import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import type ActivityRegistration from '#activities/models/activity_registration'
import { RegistrationRefusedError } from '#activities/services/places'
import { waitingPosition } from '#activities/queries/waiting_position'
import type { SeniorChoices } from '../actions/register_senior.js'

/** The options chosen in a registration form. */
export function choicesOf(input: {
  session: number
  companion?: boolean
  shuttle?: boolean
  pickupAddress?: string
  emergencyContact: string
  phone?: string
}): SeniorChoices {
  return {
    sessionId: input.session,
    companion: input.companion === true,
    shuttle: input.shuttle === true,
    pickupAddress: input.pickupAddress ?? null,
    emergencyContact: input.emergencyContact,
    phone: input.phone ?? null,
  }
}

/** What the person is told once registered: a place, or their position on the waiting list. */
export async function flashOutcome(ctx: HttpContext, registration: ActivityRegistration) {
  if (registration.status === 'placed')
    return ctx.session.flash('success', 'social.seniors.register.placed')
  const position = (await waitingPosition(registration)) ?? 1
  ctx.session.flash('success_text', ctx.i18n.t('social.seniors.register.waiting', { position }))
}

/** The engine's refusals (full age range, window closed…) shown next to the form's first field. */
export async function refusalsAsFieldError(
  ctx: HttpContext,
  run: () => Promise<unknown>,
  field = 'participant'
) {
  try {
    await run()
  } catch (error) {
    if (error instanceof RegistrationRefusedError)
      throw fieldError(field, ctx.i18n.t(`social.seniors.register.refused.${error.reason}`))
    throw error
  }
}
