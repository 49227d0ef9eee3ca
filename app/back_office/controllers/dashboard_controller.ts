import type { HttpContext } from '@adonisjs/core/http'

/** /agents: where an agent lands after logging in. */
export default class DashboardController {
  async show({ view, auth }: HttpContext) {
    const agent = auth.use('agent').getUserOrFail()
    await agent.load('services', (query) => query.orderBy('name'))
    return view.render('pages/back_office/dashboard', { agent })
  }
}
