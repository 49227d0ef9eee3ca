import type { HttpContext } from '@adonisjs/core/http'
import Job from '#jobs/job'
import RetryJob from '#jobs/retry_job'
import ReleaseJob, { workerSeemsGone } from '#jobs/release_job'
import { administer } from '#accounts/abilities'
import {
  jobFilter,
  jobsPage,
  jobType,
  jobTypes,
  JOB_FILTERS,
  type JobFilter,
} from '#jobs/queries/jobs_list'

const BACK = /^\/agents\/admin\/jobs(\/\d+)?(\?[a-z]+=[a-z0-9_]+(&[a-z]+=[a-z0-9_]+)*)?$/

/**
 * The list's links, each with the same search: older jobs, this very page
 * (where "run again" comes back), the newest, the CSV export.
 */
function jobListLinks(
  filter: JobFilter,
  type: string,
  before: number | null,
  lastId: number | null
) {
  const list = `/agents/admin/jobs?etat=${filter}${type ? `&type=${type}` : ''}`
  return {
    next: lastId ? `${list}&avant=${lastId}` : null,
    here: `${list}${before ? `&avant=${before}` : ''}`,
    previous: before ? list : null,
    exportUrl: `/agents/admin/jobs/export.csv?${list.split('?')[1]}`,
  }
}

/** /agents/admin/jobs: what is waiting, failing or dead in the outbox, and "run again". */
export default class JobsController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.authorize(administer)
    const [filter, type] = [jobFilter(request.qs().etat), jobType(request.qs().type)]
    const before = Number(request.qs().avant) || null
    const { jobs, more } = await jobsPage(filter, before, type)
    return view.render('jobs::jobs', {
      jobs,
      filter,
      filters: JOB_FILTERS,
      type,
      types: jobTypes(),
      ...jobListLinks(filter, type, before, more ? jobs[jobs.length - 1].id : null),
    })
  }

  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.authorize(administer)
    const job = await Job.findOrFail(Number(params.id) || 0)
    return view.render('jobs::job', { job, releasable: workerSeemsGone(job) })
  }

  /** The confirmation page before releasing a running job (works without JavaScript). */
  async confirmRelease({ view, bouncer, params }: HttpContext) {
    await bouncer.authorize(administer)
    const job = await Job.findOrFail(Number(params.id) || 0)
    return view.render('jobs::release_job', { job, releasable: workerSeemsGone(job) })
  }

  async release({ bouncer, params, response, session }: HttpContext) {
    await bouncer.authorize(administer)
    const job = await Job.findOrFail(Number(params.id) || 0)
    if (await new ReleaseJob().handle(job)) session.flash('success', 'jobs.released')
    else session.flash('error', 'jobs.cannot_release')
    return response.redirect().status(303).toPath(`/agents/admin/jobs/${job.id}`)
  }

  async retry({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.authorize(administer)
    const job = await Job.findOrFail(Number(params.id) || 0)
    if (await new RetryJob().handle(job)) session.flash('success', 'jobs.retried')
    else session.flash('error', 'jobs.cannot_retry')
    // Back to the page the form was on (list or detail), never elsewhere.
    const back = String(request.input('retour', ''))
    return response
      .redirect()
      .status(303)
      .toPath(BACK.test(back) ? back : `/agents/admin/jobs/${job.id}`)
  }
}
