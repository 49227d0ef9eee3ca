import type { HttpContext } from '@adonisjs/core/http'
import { Readable } from 'node:stream'
import { sendStoredFile } from '#demands/services/send_files'
import HouseholdMember from '#accounts/models/household_member'
import { recordAudit } from '#accounts/actions/record_audit'
import { auditExport } from '#accounts/actions/audited_export'
import User from '#accounts/models/user'
import Activity from '../models/activity.js'
import ActivitySession from '../models/activity_session.js'
import Registration from '../models/registration.js'
import Quotient from '../models/quotient.js'
import { MONTH, childValidator, isSessionDay, presentIds } from '../validators/service.js'
import { endRegistration } from '../services/registrations.js'
import { attendanceCsv } from '../services/attendance_csv.js'
import { pendingQuotientCount, sessionCounts, sessionLists } from '../queries/service.js'
import RecordAttendance from '../actions/record_attendance.js'
import SaveChildRecord from '../actions/save_child_record.js'
import StartCanteenInvoicing from '../actions/start_canteen_invoicing.js'
import { bandOf } from '../services/bands.js'
import { notFoundPage } from '#core/services/not_found'
import { clock } from '#core/clock'
import { agentCan } from '#accounts/abilities'

const SERVICE = 'enfance'
/** Accept or refuse a registration (and so place the next child waiting). */
const MANAGE_REGISTRATIONS = 'childhood.registrations.manage'
/** Issue a month's canteen invoices to every family. */
const RUN_INVOICING = 'childhood.invoicing.run'

/**
 * /agents/enfance: activities and their registrations (accept, refuse,
 * attendance, lists), children (verified, school and class), quotients to
 * validate, and the month's canteen invoicing. Agents of other services get
 * 404; so does an agent of the service without the permission an action
 * needs (deciding on registrations, running the invoicing), and the page
 * does not offer it to them.
 */
export default class ServiceController {
  async index(ctx: HttpContext) {
    const activities = await Activity.query()
      .preload('sessions', (sessions) => sessions.orderBy('startsOn'))
      .orderBy('name')
    const counts = await sessionCounts()
    const pendingQuotients = await pendingQuotientCount()
    return ctx.view.render('childhood::service/index', { activities, counts, pendingQuotients })
  }

  async session(ctx: HttpContext) {
    const found = await this.#session(ctx)
    if (!found) return notFoundPage(ctx)
    const mayDecide = await ctx.bouncer.allows(agentCan, MANAGE_REGISTRATIONS, SERVICE)
    const lists = await sessionLists(found)
    await this.#listViewed(ctx, `séance ${found.id}`, lists.placed.length + lists.waiting.length)
    return ctx.view.render(
      ctx.request.url().endsWith('/imprimer')
        ? 'childhood::service/print'
        : 'childhood::service/session',
      { ...lists, mayDecide }
    )
  }

  async exportSession(ctx: HttpContext) {
    const found = await this.#session(ctx)
    if (!found) return notFoundPage(ctx)
    const lists = await sessionLists(found)
    const audited = await auditExport(
      ctx.auth.use('agent').getUserOrFail(),
      'présences',
      `séance ${found.id}`
    )
    await audited(lists.placed.length)
    const csv = attendanceCsv(lists)
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="presences-${found.id}.csv"`)
    return ctx.response.stream(Readable.from([csv]))
  }

  async decide(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_REGISTRATIONS, SERVICE)) return notFoundPage(ctx)
    const registration = await this.#registration(ctx)
    if (!registration) return notFoundPage(ctx)
    if (ctx.request.input('decision') === 'refuse')
      await endRegistration(registration.id, 'refused')
    else if (registration.status === 'placed') {
      registration.acceptedAt = clock.now()
      await registration.save()
    }
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/enfance/sessions/${registration.sessionId}`)
  }

  async attendance(ctx: HttpContext) {
    const found = await this.#session(ctx)
    if (!found) return notFoundPage(ctx)
    const day = String(ctx.request.input('day', ''))
    if (!isSessionDay(day, found)) return ctx.response.badRequest('')
    await new RecordAttendance().handle(found, day, presentIds(ctx.request.input('present', [])))
    ctx.session.flash('success', 'childhood.service.attendance_saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/enfance/sessions/${found.id}?jour=${day}`)
  }

  async saveChild(ctx: HttpContext) {
    const child = await HouseholdMember.query()
      .where('id', Number(ctx.params.id) || 0)
      .where('kind', 'child')
      .first()
    if (!child) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(childValidator)
    await new SaveChildRecord().handle(child, input, ctx.auth.use('agent').getUserOrFail())
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response.redirect().status(303).toPath(`/agents/enfance/enfants/${child.id}`)
  }

  async quotients(ctx: HttpContext) {
    const pending = await Quotient.query().where('status', 'pending').orderBy('id')
    const families = new Map(
      (await User.query().whereIn('id', pending.map((quotient) => quotient.userId).concat(0))).map(
        (user) => [user.id, user]
      )
    )
    await this.#listViewed(ctx, 'quotients', pending.length)
    return ctx.view.render('childhood::service/quotients', { pending, families, bandOf })
  }

  async quotientDocument(ctx: HttpContext) {
    const quotient = await Quotient.find(Number(ctx.params.id) || 0)
    if (!quotient?.documentKey) return notFoundPage(ctx)
    await recordAudit(
      ctx.auth.use('agent').getUserOrFail(),
      'quotient.viewed',
      null,
      `quotient ${quotient.id}`
    )
    return sendStoredFile(ctx, {
      storageKey: quotient.documentKey,
      originalName: quotient.documentName ?? `attestation-caf-${quotient.id}`,
    })
  }

  async decideQuotient(ctx: HttpContext) {
    const quotient = await Quotient.query()
      .where('id', Number(ctx.params.id) || 0)
      .where('status', 'pending')
      .first()
    if (!quotient) return notFoundPage(ctx)
    quotient.merge({
      status: ctx.request.input('decision') === 'validate' ? 'validated' : 'rejected',
      validatedBy: ctx.auth.use('agent').getUserOrFail().id,
    })
    await quotient.save()
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response.redirect().status(303).toPath('/agents/enfance/quotients')
  }

  async invoiceMonth(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, RUN_INVOICING, SERVICE)) return notFoundPage(ctx)
    const month = String(ctx.request.input('mois', ''))
    if (!MONTH.test(month)) return ctx.response.badRequest('')
    await new StartCanteenInvoicing().handle(month)
    const shown = month.split('-').reverse().join('/')
    ctx.session.flash(
      'success_text',
      ctx.i18n.t('childhood.service.invoicing_started', { month: shown })
    )
    return ctx.response.redirect().status(303).toPath(`/agents/enfance/cantine?mois=${month}`)
  }

  /** A list of names shown to the agent goes to the audit log, with its row count. */
  async #listViewed(ctx: HttpContext, detail: string, rowCount: number) {
    await recordAudit(ctx.auth.use('agent').getUserOrFail(), 'list.viewed', null, detail, rowCount)
  }

  async #session(ctx: HttpContext) {
    return ActivitySession.find(Number(ctx.params.id) || 0)
  }

  async #registration(ctx: HttpContext) {
    return Registration.find(Number(ctx.params.id) || 0)
  }
}
