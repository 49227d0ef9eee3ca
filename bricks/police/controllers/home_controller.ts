import type { HttpContext } from '@adonisjs/core/http'

/** The brick's two landing pages: each part of the brick links its own pages from there. */
export default class HomeController {
  /** What residents see at /police-municipale. */
  async index({ view }: HttpContext) {
    return view.render('police::index')
  }

  /** The agents' landing page at /agents/police-municipale. */
  async agents({ view }: HttpContext) {
    return view.render('police::agents')
  }
}
