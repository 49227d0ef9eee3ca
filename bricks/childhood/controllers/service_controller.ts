import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { Readable } from 'node:stream'
import { sendStoredFile } from '#demands/services/send_files'
import HouseholdMember from '#accounts/models/household_member'
import User from '#accounts/models/user'
import { UTF8_BOM, csvRow } from '#core/services/french_csv'
import Activity from '../models/activity.js'
import ActivitySession from '../models/activity_session.js'
import Registration from '../models/registration.js'
import CanteenRegistration from '../models/canteen_registration.js'
import Quotient from '../models/quotient.js'
import ChildRecord from '../models/child_record.js'
import School from '../models/school.js'
import { absencesValidator, childValidator } from '../validators/service.js'
import { fieldError } from '#core/services/form_errors'
import { endRegistration } from '../services/registrations.js'
import { canteenDays, schoolYearOf } from '../services/canteen.js'
import { enqueue } from '#jobs/enqueue'
import Invoice from '#payments/models/invoice'
import { bandOf } from '../services/bands.js'
import { notFoundPage } from '#core/services/not_found'
import { clock } from '#core/clock'
import { agentCan } from '#accounts/abilities'

const SERVICE = 'enfance'
/** Accept or refuse a registration (and so place the next child waiting). */
const MANAGE_REGISTRATIONS = 'childhood.registrations.manage'
/** Issue a month's canteen invoices to every family. */
const RUN_INVOICING = 'childhood.invoicing.run'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const DAY = /^\d{4}-\d{2}-\d{2}$/

function daysOf(session: ActivitySession) {
  const days: string[] = []
  for (
    let day = DateTime.fromISO(session.startsOn);
    day <= DateTime.fromISO(session.endsOn);
    day = day.plus({ days: 1 })
  )
    if (day.weekday <= 5 || session.startsOn === session.endsOn) days.push(day.toISODate()!)
  return days
}

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
    const counts = new Map<string, number>()
    for (const row of await Registration.query()
      .whereIn('status', ['placed', 'waiting'])
      .select('session_id', 'status')
      .count('* as total')
      .groupBy('session_id', 'status'))
      counts.set(`${row.sessionId}:${row.status}`, Number(row.$extras.total))
    const pendingQuotients = await Quotient.query().where('status', 'pending').count('* as total')
    return ctx.view.render('childhood::service/index', {
      activities,
      counts,
      pendingQuotients: Number(pendingQuotients[0].$extras.total),
    })
  }

  async session(ctx: HttpContext) {
    const found = await this.#session(ctx)
    if (!found) return notFoundPage(ctx)
    const mayDecide = await ctx.bouncer.allows(agentCan, MANAGE_REGISTRATIONS, SERVICE)
    return ctx.view.render(
      ctx.request.url().endsWith('/imprimer')
        ? 'childhood::service/print'
        : 'childhood::service/session',
      { ...(await this.#sessionData(found)), mayDecide }
    )
  }

  async exportSession(ctx: HttpContext) {
    const found = await this.#session(ctx)
    if (!found) return notFoundPage(ctx)
    const data = await this.#sessionData(found)
    let csv =
      UTF8_BOM +
      csvRow([
        'Nom',
        'Prénom',
        'Âge',
        'Famille',
        'Téléphone',
        ...data.days.map((day) => day.split('-').reverse().join('/')),
      ])
    for (const row of data.placed)
      csv += csvRow([
        row.child.lastName,
        row.child.firstName,
        row.age,
        row.family?.fullName ?? '',
        row.family?.phone ?? '',
        ...data.days.map((day) =>
          row.registration.attendance[day] === undefined
            ? ''
            : row.registration.attendance[day]
              ? 'présent'
              : 'absent'
        ),
      ])
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
    if (!DAY.test(day) || day < found.startsOn || day > found.endsOn)
      return ctx.response.badRequest('')
    const present = new Set(([] as unknown[]).concat(ctx.request.input('present', [])).map(Number))
    for (const registration of await Registration.query()
      .where('sessionId', found.id)
      .where('status', 'placed')) {
      registration.attendance = { ...registration.attendance, [day]: present.has(registration.id) }
      await registration.save()
    }
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
    const agent = ctx.auth.use('agent').getUserOrFail()
    const record = (await ChildRecord.findBy('householdMemberId', child.id)) ?? new ChildRecord()
    record.merge({
      householdMemberId: child.id,
      schoolId: input.school ?? null,
      className: input.className ?? null,
    })
    if (input.verified && !record.verifiedAt)
      record.merge({ verifiedAt: clock.now(), verifiedBy: agent.id })
    if (!input.verified) record.merge({ verifiedAt: null, verifiedBy: null })
    await record.save()
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
    const month = MONTH.test(String(ctx.request.input('mois')))
      ? String(ctx.request.input('mois'))
      : clock.local().toFormat('yyyy-MM')
    const registrations = await CanteenRegistration.query()
      .where('schoolYear', schoolYearOf(month))
      .where('status', 'active')
      .preload('child')
      .orderBy('userId')
      .limit(1000)
    const rows = registrations.map((registration) => ({
      registration,
      days: canteenDays(registration, month).length,
      absences: registration.absences.filter((day) => day.startsWith(month)),
    }))
    const issued = await Invoice.query()
      .where('source', 'like', `childhood:canteen:%:${month}`)
      .count('* as total')
    const mayInvoice = await ctx.bouncer.allows(agentCan, RUN_INVOICING, SERVICE)
    return ctx.view.render('childhood::service/canteen', {
      month,
      rows,
      issued: Number(issued[0].$extras.total),
      mayInvoice,
    })
  }

  async saveAbsences(ctx: HttpContext) {
    const registration = await CanteenRegistration.find(Number(ctx.params.id) || 0)
    if (!registration) return notFoundPage(ctx)
    const { mois: month, absences } = await ctx.request.validateUsing(absencesValidator)
    const typed = (absences ?? '').split(/[\s,;]+/).filter(Boolean)
    const asDay = (value: string) =>
      /^\d{2}\/\d{2}\/\d{4}$/.test(value) ? value.split('/').reverse().join('-') : value
    // A date that is not one, or not of this month, is said, never dropped.
    const unknown = typed.filter(
      (value) =>
        !(
          DAY.test(asDay(value)) &&
          DateTime.fromISO(asDay(value)).isValid &&
          asDay(value).startsWith(month)
        )
    )
    if (unknown.length)
      throw fieldError(
        'absences',
        ctx.i18n.t('childhood.service.absences_invalid', { dates: unknown.join(' ') })
      )
    const days = typed.map(asDay)
    registration.absences = [
      ...registration.absences.filter((day) => !day.startsWith(month)),
      ...new Set(days),
    ].sort()
    await registration.save()
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response.redirect().status(303).toPath(`/agents/enfance/cantine?mois=${month}`)
  }

  async invoiceMonth(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, RUN_INVOICING, SERVICE)) return notFoundPage(ctx)
    const month = String(ctx.request.input('mois', ''))
    if (!MONTH.test(month)) return ctx.response.badRequest('')
    await enqueue(
      'childhood_canteen_invoicing',
      { month },
      {
        idempotencyKey: `childhood_canteen_invoicing:${month}:${clock.now().toFormat('yyyyMMddHHmm')}`,
      }
    )
    ctx.session.flash(
      'success_text',
      ctx.i18n.t('childhood.service.invoicing_started', {
        month: month.split('-').reverse().join('/'),
      })
    )
    return ctx.response.redirect().status(303).toPath(`/agents/enfance/cantine?mois=${month}`)
  }

  async #sessionData(session: ActivitySession) {
    await session.load('activity')
    const registrations = await Registration.query()
      .where('sessionId', session.id)
      .whereIn('status', ['placed', 'waiting'])
      .preload('child')
      .orderBy('id')
    const families = new Map(
      (
        await User.query().whereIn(
          'id',
          registrations.map((registration) => registration.userId).concat(0)
        )
      ).map((user) => [user.id, user])
    )
    const describe = (registration: Registration) => ({
      registration,
      child: registration.child,
      family: families.get(registration.userId),
      age: registration.child.birthDate
        ? Math.floor(
            DateTime.fromISO(session.startsOn).diff(registration.child.birthDate, 'years').years
          )
        : null,
    })
    return {
      session,
      days: daysOf(session),
      placed: registrations
        .filter((registration) => registration.status === 'placed')
        .map(describe),
      waiting: registrations
        .filter((registration) => registration.status === 'waiting')
        .map(describe),
    }
  }

  async #session(ctx: HttpContext) {
    return ActivitySession.find(Number(ctx.params.id) || 0)
  }

  async #registration(ctx: HttpContext) {
    return Registration.find(Number(ctx.params.id) || 0)
  }
}
