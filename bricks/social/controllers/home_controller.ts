import type { HttpContext } from '@adonisjs/core/http'

/** The brick's two landing pages: each part of the brick links its own pages from there. */
export default class HomeController {
  /** What residents see at /solidarites. */
  async index({ view }: HttpContext) {
    return view.render('social::index')
  }

  /** The agents' landing page at /agents/solidarites. */
  async agents({ view }: HttpContext) {
    return view.render('social::agents')
  }
}
