import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { notFoundPage } from '#core/services/not_found'
import { agentCan } from '#accounts/abilities'
import Decree, { DECREE_KINDS, TARGET_EFFECTS } from '../models/decree.js'
import SaveDecreeDraft from '../actions/save_decree_draft.js'
import RegisterDecree from '../actions/register_decree.js'
import DeleteDecreeDraft from '../actions/delete_decree_draft.js'
import { decreeValidator } from '../validators/decrees.js'
import { checkedDecree, checkedPdf } from '../services/decree_form.js'
import { agentDecreesPage } from '../queries/agent_decrees.js'

/** Register, correct and number decrees. */
export const MANAGE_DECREES = 'police.decrees.manage'
const SERVICE = 'tranquillite_publique'

/**
 * /agents/police-municipale/arretes: the register as agents keep it. Drafts
 * are edited and dropped; registering numbers a draft and publishes it (or
 * notifies the person an individual decree concerns). A registered decree has
 * no route that changes it: each answers 404.
 */
export default class DecreesController {
  async index(ctx: HttpContext) {
    if (await this.#denied(ctx)) return notFoundPage(ctx)
    const page = await agentDecreesPage(ctx.request.input('apres'))
    return ctx.view.render('police::decrees/agents/index', page)
  }

  async create(ctx: HttpContext) {
    if (await this.#denied(ctx)) return notFoundPage(ctx)
    return ctx.view.render('police::decrees/agents/form', this.#formData(null))
  }

  async store(ctx: HttpContext) {
    if (await this.#denied(ctx)) return notFoundPage(ctx)
    const decree = await this.#save(ctx, null)
    ctx.session.flash('success', 'police.decrees.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/police-municipale/arretes/${decree.id}`)
  }

  async show(ctx: HttpContext) {
    const decree = await this.#decree(ctx)
    if (!decree) return notFoundPage(ctx)
    const target = decree.targetId ? await Decree.find(decree.targetId) : null
    const laterOnes = await Decree.query()
      .where('target_id', decree.id)
      .whereNotNull('registered_at')
    return ctx.view.render('police::decrees/agents/show', { decree, target, laterOnes })
  }

  async pdf(ctx: HttpContext) {
    const decree = await this.#decree(ctx)
    if (!decree || !(await drive.use().exists(decree.storageKey))) return notFoundPage(ctx)
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Length', String(decree.size))
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.header('Cache-Control', 'private, no-store')
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="arrete-${decree.number ?? `projet-${decree.id}`}.pdf"`
    )
    return ctx.response.stream(await drive.use().getStream(decree.storageKey))
  }

  async edit(ctx: HttpContext) {
    const decree = await this.#draft(ctx)
    if (!decree) return notFoundPage(ctx)
    const target = decree.targetId ? await Decree.find(decree.targetId) : null
    return ctx.view.render('police::decrees/agents/form', this.#formData(decree, target?.number))
  }

  async update(ctx: HttpContext) {
    const decree = await this.#draft(ctx)
    if (!decree) return notFoundPage(ctx)
    await this.#save(ctx, decree)
    ctx.session.flash('success', 'police.decrees.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/police-municipale/arretes/${decree.id}`)
  }

  async destroy(ctx: HttpContext) {
    const decree = await this.#draft(ctx)
    if (!decree) return notFoundPage(ctx)
    await new DeleteDecreeDraft().handle(decree)
    ctx.session.flash('success', 'police.decrees.deleted')
    return ctx.response.redirect().status(303).toPath('/agents/police-municipale/arretes')
  }

  async register(ctx: HttpContext) {
    const decree = await this.#draft(ctx)
    if (!decree) return notFoundPage(ctx)
    const outcome = await new RegisterDecree().handle(decree.id)
    if ('refused' in outcome) {
      ctx.session.flash('error', `police.decrees.refused.${outcome.refused}`)
    } else {
      ctx.session.flash(
        'success',
        outcome.registered.publishedAt ? 'police.decrees.published' : 'police.decrees.notified'
      )
    }
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/police-municipale/arretes/${decree.id}`)
  }

  async #save(ctx: HttpContext, decree: Decree | null) {
    const input = await ctx.request.validateUsing(decreeValidator)
    const relations = await checkedDecree(input, decree, ctx.i18n)
    const stored = await checkedPdf(ctx.request.file('pdf'), decree, ctx.i18n)
    const agent = ctx.auth.use('agent').getUserOrFail()
    return new SaveDecreeDraft().handle(decree, input, relations, stored, agent.id)
  }

  #formData(decree: Decree | null, targetNumber?: string | null) {
    return {
      decree,
      targetNumber: targetNumber ?? '',
      kinds: DECREE_KINDS,
      effects: TARGET_EFFECTS,
    }
  }

  #denied(ctx: HttpContext) {
    return ctx.bouncer.denies(agentCan, MANAGE_DECREES, SERVICE)
  }

  async #decree(ctx: HttpContext) {
    if (await this.#denied(ctx)) return null
    return Decree.find(ctx.params.id)
  }

  /** Only a draft may be opened for a change: a registered decree is not found here. */
  async #draft(ctx: HttpContext) {
    const decree = await this.#decree(ctx)
    return decree && !decree.registeredAt ? decree : null
  }
}
