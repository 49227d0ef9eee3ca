import i18nManager from '@adonisjs/i18n/services/main'
import type User from '#accounts/models/user'
import StartDraft from '#demands/actions/start_draft'
import SubmitDemand from '#demands/actions/submit_demand'
import { contactProcedure } from '#demands/procedures/core/contact'

/**
 * A resident asks the city to correct what it holds about them: a demand of
 * "Nous contacter" for the front desk (accueil), which handles it like any
 * other, in the resident's space and the accueil's inbox. Returns the demand.
 */
export default class RequestRectification {
  async handle(user: User, message: string) {
    const draft = await new StartDraft().handle(contactProcedure, { user })
    const i18n = i18nManager.locale('fr')
    draft.merge({
      answers: { topic: 'other', subject: i18n.t('portal.my_data.rectification.subject'), message },
      currentStep: contactProcedure.steps.length,
    })
    await draft.save()
    return new SubmitDemand().handle(draft.id)
  }
}
