import type { HttpContext } from '@adonisjs/core/http'
import Job from '#jobs/job'
import RetryJob from '#jobs/retry_job'
import ReleaseJob, { workerSeemsGone } from '#jobs/release_job'
import { administer } from '#accounts/abilities'

const PAGE_SIZE = 50
const FILTERS = ['pending', 'retrying', 'dead', 'running', 'succeeded'] as const
type Filter = (typeof FILTERS)[number]
const BACK = /^\/agents\/admin\/jobs(\/\d+)?(\?[a-z]+=[a-z0-9]+(&[a-z]+=[a-z0-9]+)*)?$/

/** /agents/admin/jobs: what is waiting, failing or dead in the outbox, and "run again". */
export default class JobsController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.authorize(administer)
    const filter: Filter = FILTERS.includes(request.qs().etat) ? request.qs().etat : 'dead'
    const before = Number(request.qs().avant) || null
    const query = Job.query()
      .orderBy('id', 'desc')
      .limit(PAGE_SIZE + 1)
    if (filter === 'retrying') query.where('status', 'pending').where('attempts', '>', 0)
    else if (filter === 'pending') query.where('status', 'pending').where('attempts', 0)
    else query.where('status', filter)
    if (before) query.where('id', '<', before)
    const rows = await query
    const jobs = rows.slice(0, PAGE_SIZE)
    const next =
      rows.length > PAGE_SIZE
        ? `/agents/admin/jobs?etat=${filter}&avant=${jobs[jobs.length - 1].id}`
        : null
    const here = `/agents/admin/jobs?etat=${filter}${before ? `&avant=${before}` : ''}`
    return view.render('jobs::jobs', {
      jobs,
      filter,
      filters: FILTERS,
      next,
      here,
      previous: before ? `/agents/admin/jobs?etat=${filter}` : null,
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
