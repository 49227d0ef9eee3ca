import type { HttpContext } from '@adonisjs/core/http'
import { Readable } from 'node:stream'
import { sendStoredFile } from '#demands/services/send_files'
import HouseholdMember from '#accounts/models/household_member'
import User from '#accounts/models/user'
import Activity from '../models/activity.js'
import ActivitySession from '../models/activity_session.js'
import Registration from '../models/registration.js'
import CanteenRegistration from '../models/canteen_registration.js'
import Quotient from '../models/quotient.js'
import ChildRecord from '../models/child_record.js'
import School from '../models/school.js'
import {
  MONTH,
  absencesValidator,
  askedMonth,
  childValidator,
  isSessionDay,
  monthAbsences,
  presentIds,
} from '../validators/service.js'
import { fieldError } from '#core/services/form_errors'
import { endRegistration } from '../services/registrations.js'
import { attendanceCsv } from '../services/attendance_csv.js'
import {
  canteenMonth,
  pendingQuotientCount,
  sessionCounts,
  sessionLists,
} from '../queries/service.js'
import RecordAttendance from '../actions/record_attendance.js'
import SaveChildRecord from '../actions/save_child_record.js'
import RecordAbsences from '../actions/record_absences.js'
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
    return ctx.view.render(
      ctx.request.url().endsWith('/imprimer')
        ? 'childhood::service/print'
        : 'childhood::service/session',
      { ...(await sessionLists(found)), mayDecide }
    )
  }

  async exportSession(ctx: HttpContext) {
    const found = await this.#session(ctx)
    if (!found) return notFoundPage(ctx)
    const csv = attendanceCsv(await sessionLists(found))
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

  async children(ctx: HttpContext) {
    const children = await HouseholdMember.query()
      .where('kind', 'child')
      .orderBy('lastName')
      .orderBy('firstName')
      .limit(500)
    const records = new Map(
      (
        await ChildRecord.query().whereIn(
          'householdMemberId',
          children.map((child) => child.id).concat(0)
        )
      ).map((record) => [record.householdMemberId, record])
    )
    const schools = await School.query().orderBy('name')
    return ctx.view.render('childhood::service/children', { children, records, schools })
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
    return ctx.response.redirect().status(303).toPath('/agents/enfance/enfants')
  }

  async quotients(ctx: HttpContext) {
    const pending = await Quotient.query().where('status', 'pending').orderBy('id')
    const families = new Map(
      (await User.query().whereIn('id', pending.map((quotient) => quotient.userId).concat(0))).map(
        (user) => [user.id, user]
      )
    )
    return ctx.view.render('childhood::service/quotients', { pending, families, bandOf })
  }

  async quotientDocument(ctx: HttpContext) {
    const quotient = await Quotient.find(Number(ctx.params.id) || 0)
    if (!quotient?.documentKey) return notFoundPage(ctx)
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

  async canteen(ctx: HttpContext) {
    const month = askedMonth(ctx.request.input('mois'))
    const { rows, issued } = await canteenMonth(month)
    const mayInvoice = await ctx.bouncer.allows(agentCan, RUN_INVOICING, SERVICE)
    return ctx.view.render('childhood::service/canteen', { month, rows, issued, mayInvoice })
  }

  async saveAbsences(ctx: HttpContext) {
    const registration = await CanteenRegistration.find(Number(ctx.params.id) || 0)
    if (!registration) return notFoundPage(ctx)
    const { mois: month, absences } = await ctx.request.validateUsing(absencesValidator)
    const typed = monthAbsences(absences, month)
    if ('unknown' in typed)
      throw fieldError(
        'absences',
        ctx.i18n.t('childhood.service.absences_invalid', { dates: typed.unknown.join(' ') })
      )
    await new RecordAbsences().handle(registration, month, typed.days)
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response.redirect().status(303).toPath(`/agents/enfance/cantine?mois=${month}`)
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

  async #session(ctx: HttpContext) {
    return ActivitySession.find(Number(ctx.params.id) || 0)
  }

  async #registration(ctx: HttpContext) {
    return Registration.find(Number(ctx.params.id) || 0)
  }
}
