import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import Report from '../models/report.js'
import { FEEDBACK_PURPOSE } from '../services/links.js'
import { sentPhotos } from '../services/filing_form.js'
import { feedbackValidator } from '../validators/reports.js'
import AnswerFeedback from '../actions/answer_feedback.js'

/**
 * "Le problème est-il réglé ?", from the signed link of the mail sent when a
 * report is resolved: no login; the link expires after the reopening period.
 */
export default class FeedbackController {
  async show(ctx: HttpContext) {
    const report = await this.#report(ctx)
    if (!report) return notFoundPage(ctx)
    ctx.response.header('Cache-Control', 'no-store')
    ctx.response.header('Referrer-Policy', 'no-referrer')
    return ctx.view.render('public_space::feedback', {
      report,
      action: ctx.request.url(true),
      answered: report.status !== 'resolved',
    })
  }

  async answer(ctx: HttpContext) {
    const report = await this.#report(ctx)
    if (!report) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(feedbackValidator)
    const fixed = input.fixed === 'oui'
    if (!fixed && !input.comment)
      throw fieldError('comment', ctx.i18n.t('public_space.feedback.comment_required'))
    const photos = await sentPhotos(ctx)
    const comment = input.comment ?? ''
    const answered = await new AnswerFeedback().handle(report, { fixed, comment, photos })
    const message = !answered ? 'already' : fixed ? 'thanks_fixed' : 'reopened'
    const text = ctx.i18n.t(`public_space.feedback.${message}`, { reference: report.reference })
    ctx.session.flash('success_text', text)
    return ctx.response.redirect().status(303).toPath(`/signalements/${report.id}`)
  }

  async #report(ctx: HttpContext) {
    if (!ctx.request.hasValidSignature(FEEDBACK_PURPOSE)) return null
    return Report.find(ctx.params.id)
  }
}
