import type { HttpContext } from '@adonisjs/core/http'
import User from '#accounts/models/user'
import { recordAudit } from '#accounts/actions/record_audit'
import { clock } from '#core/clock'
import { assertFound, found } from '#core/http/not_found'
import PersonalDataExport from '#portal/models/personal_data_export'
import RequestDataExport from '#portal/actions/request_data_export'
import DeleteAccount from '#portal/actions/delete_account'
import ResidentDataPolicy from '#portal/policies/resident_data_policy'
import { keptData } from '#portal/services/personal_data'
import { sendArchive } from '#portal/services/send_archive'

/**
 * /agents/usagers/:id/donnees: the front desk or an admin runs a resident's
 * data rights for a request received by post — the archive (to send back),
 * the deletion of the account. Every step is audited.
 */
export default class AgentResidentDataController {
  async show({ view, params, bouncer }: HttpContext) {
    assertFound(await bouncer.with(ResidentDataPolicy).allows('handle'))
    const resident = found(await User.find(params.id))
    const now = clock.now()
    const latest = await PersonalDataExport.query()
      .where('userId', resident.id)
      .whereNotNull('requestedByAgentId')
      .orderBy('id', 'desc')
      .first()
    return view.render('portal::agent_resident_data', {
      resident,
      pending: latest?.status === 'pending',
      archive: latest?.isDownloadable(now) ? latest : null,
      kept: await keptData(resident, now),
    })
  }

  async requestExport({ params, bouncer, auth, response, session }: HttpContext) {
    assertFound(await bouncer.with(ResidentDataPolicy).allows('handle'))
    const resident = found(await User.find(params.id))
    await new RequestDataExport().handle(resident.id, auth.use('agent').getUserOrFail())
    session.flash('success', 'portal.agent_data.export_requested')
    return response.redirect().status(303).toPath(`/agents/usagers/${resident.id}/donnees`)
  }

  async download(ctx: HttpContext) {
    assertFound(await ctx.bouncer.with(ResidentDataPolicy).allows('handle'))
    const archive = await PersonalDataExport.query()
      .where('token', String(ctx.params.token))
      .where('userId', Number(ctx.params.id))
      .whereNotNull('requestedByAgentId')
      .first()
    if (!archive?.isDownloadable(clock.now()))
      return ctx.response.status(410).send(await ctx.view.render('portal::my_data_expired'))
    const agent = ctx.auth.use('agent').getUserOrFail()
    await recordAudit(agent, 'personal_data.downloaded', null, `usager #${archive.userId}`)
    return sendArchive(ctx, archive)
  }

  async destroy({ params, bouncer, auth, response, session }: HttpContext) {
    assertFound(await bouncer.with(ResidentDataPolicy).allows('handle'))
    const resident = found(await User.find(params.id))
    await new DeleteAccount().handle(resident, { agent: auth.use('agent').getUserOrFail() })
    session.flash('success', 'portal.agent_data.deleted')
    return response.redirect().status(303).toPath('/agents/demandes')
  }
}
