import type { HttpContext } from '@adonisjs/core/http'
import Demand from '#demands/models/demand'
import Notification from '#notifications/models/notification'
import { findProcedure } from '#demands/procedures/registry'

/** /mon-espace: the resident's dashboard, with the drafts to resume and unread notifications. */
export default class ResidentSpaceController {
  async show({ view, auth, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    await user.load('householdMembers')
    const drafts = (await Demand.query().where('userId', user.id).where('state', 'draft').orderBy('updatedAt', 'desc').limit(5)).flatMap((draft) => {
      const procedure = findProcedure(draft.procedureKey)
      if (!procedure) return []
      const step = Math.min(draft.currentStep, procedure.steps.length - 1) + 1
      return [{ title: i18n.t(procedure.title), updatedAt: draft.updatedAt, resumeUrl: `/demarches/${procedure.key}/${draft.id}/etape/${step}` }]
    })
    const unread = Number((await Notification.query().where('userId', user.id).whereNull('readAt').count('* as total'))[0].$extras.total)
    return view.render('pages/accounts/dashboard', { user, drafts, unread })
  }
}
