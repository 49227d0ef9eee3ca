import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import { clock } from '#core/clock'
import { fieldError } from '#core/services/form_errors'
import { logOut } from '#accounts/services/sessions'
import { cameFromFranceConnect } from '#accounts/services/franceconnect_session'
import PersonalDataExport from '#portal/models/personal_data_export'
import RequestDataExport from '#portal/actions/request_data_export'
import DeleteAccount, { WrongPasswordError } from '#portal/actions/delete_account'
import RequestRectification from '#portal/actions/request_rectification'
import { keptData } from '#portal/services/personal_data'
import { sendArchive } from '#portal/services/send_archive'
import { deleteAccountValidator, rectificationValidator } from '#portal/validators/my_data'

/**
 * Deletes the account once the resident proved it is them: logged in through
 * FranceConnect, or with their password (a wrong one is answered next to
 * its field).
 */
async function deleteConfirmed({ request, session, i18n }: HttpContext, user: User) {
  if (cameFromFranceConnect(session))
    return new DeleteAccount().handle(user, { franceConnect: true })
  const { password } = await request.validateUsing(deleteAccountValidator)
  try {
    return await new DeleteAccount().handle(user, { password })
  } catch (error) {
    if (!(error instanceof WrongPasswordError)) throw error
    throw fieldError('password', i18n.t('portal.delete_account.wrong_password'))
  }
}

/**
 * /mon-espace/donnees: the resident's own data — the archive of everything
 * the portal holds about them (built by a job, downloadable 48 hours), the
 * deletion of their account, and a request to correct their data.
 */
export default class MyDataController {
  async show({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const now = clock.now()
    const latest = await PersonalDataExport.query()
      .where('userId', user.id)
      .orderBy('id', 'desc')
      .first()
    return view.render('portal::my_data', {
      pending: latest?.status === 'pending',
      archive: latest?.isDownloadable(now) ? latest : null,
    })
  }

  async requestExport({ auth, response, session }: HttpContext) {
    await new RequestDataExport().handle(auth.use('web').getUserOrFail().id)
    session.flash('success', 'portal.my_data.export.requested')
    return response.redirect().status(303).toPath('/mon-espace/donnees')
  }

  async download(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const archive = await PersonalDataExport.query()
      .where('token', String(ctx.params.token))
      .where('userId', user.id)
      .first()
    if (!archive?.isDownloadable(clock.now()))
      return ctx.response.status(410).send(await ctx.view.render('portal::my_data_expired'))
    return sendArchive(ctx, archive)
  }

  async confirmDelete({ view, auth, session }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    return view.render('portal::delete_account', {
      kept: await keptData(user, clock.now()),
      viaFranceConnect: cameFromFranceConnect(session),
    })
  }

  async destroy(ctx: HttpContext) {
    const { response, auth, session } = ctx
    const user = auth.use('web').getUserOrFail()
    const kept = await deleteConfirmed(ctx, user)
    await logOut(ctx, 'web')
    // what was kept, for the page that follows (the account is gone: nothing else can say it)
    session.flash(
      'account_deleted',
      kept.map((item) => ({ ...item, until: item.until?.toISO() ?? null }))
    )
    return response.redirect().status(303).toPath('/compte-supprime')
  }

  async deleted({ view, session, response }: HttpContext) {
    const kept = session.flashMessages.get('account_deleted')
    if (!Array.isArray(kept)) return response.redirect().status(303).toPath('/')
    return view.render('portal::account_deleted', {
      kept: kept.map((item) => ({
        ...item,
        until: item.until ? DateTime.fromISO(item.until) : null,
      })),
    })
  }

  async rectification({ view }: HttpContext) {
    return view.render('portal::rectification')
  }

  async rectify({ request, response, auth, session }: HttpContext) {
    const { message } = await request.validateUsing(rectificationValidator)
    const demand = await new RequestRectification().handle(auth.use('web').getUserOrFail(), message)
    session.flash('success', 'portal.my_data.rectification.sent')
    return response.redirect().status(303).toPath(`/mon-espace/demandes/${demand.id}`)
  }
}
