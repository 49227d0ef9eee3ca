import type { HttpContext } from '@adonisjs/core/http'
import { keysetBatches, sendCsv } from '#core/services/csv_download'
import { auditExport } from '#accounts/actions/audited_export'
import { recordAudit } from '#accounts/actions/record_audit'
import Activity from '../models/activity.js'
import {
  registrationFilters,
  registrationsBatch,
  registrationsPage,
} from '../queries/registrations_list.js'
import { filterQuery, LIST_QUERY_MAX } from '../queries/list_filters.js'
import { REGISTRATION_HEADER, registrationCells } from '../services/list_csv.js'

/**
 * /agents/enfance/inscriptions: every activity registration, searched by
 * child, activity and status, fifty a page by key, exported as CSV; each
 * page of names and each export is written to the audit log.
 */
export default class RegistrationsController {
  async index(ctx: HttpContext) {
    const filters = registrationFilters(ctx.request.qs())
    const before = Number(ctx.request.input('avant')) || null
    const { rows, next } = await registrationsPage(filters, before)
    const query = filterQuery(filters)
    const agent = ctx.auth.use('agent').getUserOrFail()
    await recordAudit(agent, 'list.viewed', null, `inscriptions ${query}`.trim(), rows.length)
    return ctx.view.render('childhood::service/registrations', {
      ...{ rows, filters, query, maxQuery: LIST_QUERY_MAX },
      activities: await Activity.query().orderBy('name'),
      nextUrl: next
        ? `/agents/enfance/inscriptions?${filterQuery({ ...filters, avant: next })}`
        : null,
    })
  }

  async export(ctx: HttpContext) {
    const filters = registrationFilters(ctx.request.qs())
    const agent = ctx.auth.use('agent').getUserOrFail()
    return sendCsv(ctx, {
      name: 'inscriptions',
      header: REGISTRATION_HEADER,
      batches: keysetBatches(registrationsBatch(filters)),
      toCells: registrationCells,
      onDone: await auditExport(agent, 'inscriptions', filterQuery(filters) || null),
    })
  }
}
