import type { HttpContext } from '@adonisjs/core/http'
import { SlotNotOfferedError, SlotTakenError } from '#appointments/actions/book_appointment'
import { slotUnavailableKeys } from '#appointments/services/slot_unavailable'
import { appointmentReference } from '#appointments/queries/agent_appointments'
import { fieldError } from '#core/services/form_errors'
import { found } from '#core/http/not_found'
import BookHousingAppointment from '../actions/book_housing_appointment.js'
import { housingBookingValidator } from '../validators/housing.js'
import {
  documentsFor,
  housingSlots,
  housingType,
  longDate,
  ownHousingAppointment,
  readBooking,
  slotValue,
  type HousingPurpose,
} from '../services/housing.js'

/**
 * /solidarites/logement: a resident books the housing adviser to file or
 * renew a social-housing application, on one page (purpose, national
 * number, slot), and reads the confirmation with the documents to bring.
 */
export default class HousingController {
  async index({ view }: HttpContext) {
    const type = await housingType()
    const slots = type ? await housingSlots(type) : []
    return view.render('social::housing/index', {
      offered: Boolean(type),
      slots: slots.map(({ point, slot }) => ({
        value: slotValue(point.id, slot.start),
        label: `${longDate(slot.start)} — ${point.name}`,
      })),
    })
  }

  async book(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const type = found(await housingType())
    const input = await ctx.request.validateUsing(housingBookingValidator)
    const choice = readBooking(input)
    if ('error' in choice) throw fieldError(choice.error!.field, ctx.i18n.t(choice.error!.key))
    try {
      const booked = await new BookHousingAppointment().handle(user, type, { ...choice, ...input })
      return ctx.response.redirect().status(303).toPath(`/solidarites/logement/${booked.id}`)
    } catch (error) {
      if (error instanceof SlotTakenError || error instanceof SlotNotOfferedError)
        throw fieldError('slot', ctx.i18n.t(slotUnavailableKeys(error).title))
      throw error
    }
  }

  /** The resident's own housing appointment: when, where, what to bring. */
  async show({ view, auth, params }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const appointment = found(await ownHousingAppointment(user.id, params.id))
    const purpose: HousingPurpose = appointment.details.purpose === 'renew' ? 'renew' : 'file'
    return view.render('social::housing/confirmation', {
      appointment,
      reference: appointmentReference(appointment),
      when: longDate(appointment.startsAt, true),
      purpose,
      documents: documentsFor(purpose),
    })
  }
}
