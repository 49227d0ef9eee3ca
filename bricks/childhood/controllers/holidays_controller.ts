import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { agentCan } from '#accounts/abilities'
import SchoolHoliday from '../models/school_holiday.js'
import AddSchoolHoliday, { HolidayKnownError } from '../actions/add_school_holiday.js'
import ImportSchoolHolidays from '../actions/import_school_holidays.js'
import RemoveSchoolHoliday from '../actions/remove_school_holiday.js'
import { cityZone, zoneHolidays } from '../queries/holidays.js'
import { CALENDAR_FILE_BYTES, CalendarFileError } from '../services/school_calendar.js'
import { holidayValidator } from '../validators/schools.js'
import { MANAGE_SCHOOLS } from './schools_controller.js'

/**
 * /agents/enfance/vacances: the school holidays of the city's zone (setting
 * schoolZone), entered by hand or imported from the national calendar;
 * the canteen invoicing bills none of their days.
 */
export default class HolidaysController {
  async index(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SCHOOLS, 'enfance')) return notFoundPage(ctx)
    const zone = await cityZone()
    const holidays = await zoneHolidays(zone)
    return ctx.view.render('childhood::service/holidays', { zone, holidays })
  }

  async store(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SCHOOLS, 'enfance')) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(holidayValidator)
    for (const field of ['startsOn', 'endsOn'] as const)
      if (!DateTime.fromISO(input[field]).isValid)
        throw fieldError(field, ctx.i18n.t('childhood.holidays.invalid_day'))
    if (input.endsOn < input.startsOn)
      throw fieldError('endsOn', ctx.i18n.t('validator.shared.messages.dateAfter'))
    await new AddSchoolHoliday().handle(input).catch((error) => {
      if (error instanceof HolidayKnownError)
        throw fieldError('startsOn', ctx.i18n.t('childhood.holidays.known'))
      throw error
    })
    return this.#done(ctx, ctx.i18n.t('childhood.holidays.added'))
  }

  async import(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SCHOOLS, 'enfance')) return notFoundPage(ctx)
    const file = ctx.request.file('calendrier', { size: CALENDAR_FILE_BYTES })
    if (!file?.tmpPath || !file.isValid)
      throw fieldError('calendrier', ctx.i18n.t('childhood.holidays.file_required'))
    const text = await readFile(file.tmpPath, 'utf8')
    const result = await new ImportSchoolHolidays().handle(text).catch((error) => {
      if (error instanceof CalendarFileError)
        throw fieldError('calendrier', ctx.i18n.t(`childhood.holidays.file.${error.reason}`))
      throw error
    })
    return this.#done(ctx, ctx.i18n.t('childhood.holidays.imported', result))
  }

  async destroy(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SCHOOLS, 'enfance')) return notFoundPage(ctx)
    const holiday = await SchoolHoliday.find(Number(ctx.params.id) || 0)
    if (!holiday) return notFoundPage(ctx)
    await new RemoveSchoolHoliday().handle(holiday)
    return this.#done(ctx, ctx.i18n.t('childhood.holidays.removed'))
  }

  #done(ctx: HttpContext, message: string) {
    ctx.session.flash('success_text', message)
    return ctx.response.redirect().status(303).toPath('/agents/enfance/vacances')
  }
}
