import type { HttpContext } from '@adonisjs/core/http'
import { administer } from '#accounts/abilities'
import { jobFilter, jobType } from '#jobs/queries/jobs_list'
import { exportJobs } from '#back_office/services/admin_exports'

/**
 * /agents/admin/jobs/export.csv: the jobs of the list searched (state and
 * type) as a CSV file, without their payloads. Here rather than in the jobs
 * module, which sits below the audit that every export writes to.
 */
export default class JobsExportController {
  async export(ctx: HttpContext) {
    await ctx.bouncer.authorize(administer)
    const qs = ctx.request.qs()
    return exportJobs(ctx, jobFilter(qs.etat), jobType(qs.type))
  }
}
