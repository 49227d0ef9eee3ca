import type { HttpContext } from '@adonisjs/core/http'
import { keysetBatches, sendCsv } from '#core/services/csv_download'
import { auditExport } from '#accounts/actions/audited_export'
import { recordAudit } from '#accounts/actions/record_audit'
import { notFoundPage } from '#core/services/not_found'
import { maxLengths } from '#core/services/validation'
import { childValidator } from '../validators/service.js'
import { agentAbsenceValidator } from '../validators/absences.js'
import School from '../models/school.js'
import { childrenBatch, childrenFilters, childrenPage } from '../queries/children_list.js'
import { childOf, childRecordPage } from '../queries/child_record.js'
import { filterQuery, LIST_QUERY_MAX } from '../queries/list_filters.js'
import { childCells, CHILD_HEADER } from '../services/list_csv.js'

/**
 * /agents/enfance/enfants: the children, searched by name and school, fifty
 * a page by key, exported as CSV; each child's record. Every page of names,
 * every record opened and every export is written to the audit log.
 */
export default class ChildrenController {
  async index(ctx: HttpContext) {
    const filters = childrenFilters(ctx.request.qs())
    const { rows, next } = await childrenPage(filters, ctx.request.input('apres'))
    const query = filterQuery(filters)
    const agent = ctx.auth.use('agent').getUserOrFail()
    await recordAudit(agent, 'list.viewed', null, `enfants ${query}`.trim(), rows.length)
    return ctx.view.render('childhood::service/children', {
      ...{ rows, filters, query, maxQuery: LIST_QUERY_MAX },
      schools: await School.query().orderBy('name'),
      nextUrl: next ? `/agents/enfance/enfants?${filterQuery({ ...filters, apres: next })}` : null,
    })
  }

  async show(ctx: HttpContext) {
    const child = await childOf(ctx.params.id)
    if (!child) return notFoundPage(ctx)
    const agent = ctx.auth.use('agent').getUserOrFail()
    await recordAudit(agent, 'child.viewed', null, `enfant ${child.id} ${child.fullName}`)
    // The record's two forms (school and class, an absence) take their maxlengths from their validators.
    const maxLength = maxLengths(childValidator, agentAbsenceValidator)
    return ctx.view.render('childhood::service/child', {
      ...(await childRecordPage(child)),
      maxLength,
    })
  }

  async export(ctx: HttpContext) {
    const filters = childrenFilters(ctx.request.qs())
    const agent = ctx.auth.use('agent').getUserOrFail()
    return sendCsv(ctx, {
      name: 'enfants',
      header: CHILD_HEADER,
      batches: keysetBatches(childrenBatch(filters)),
      toCells: childCells,
      onDone: await auditExport(agent, 'enfants', filterQuery(filters) || null),
    })
  }
}
