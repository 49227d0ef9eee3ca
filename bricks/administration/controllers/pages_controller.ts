import type { HttpContext } from '@adonisjs/core/http'
import { NATIONAL_PROCEDURES } from '../services/national.js'

/** /formalites: the brick's home, and the national procedures the city relays. */
export default class PagesController {
  async index({ view }: HttpContext) {
    return view.render('administration::index')
  }

  async national({ view }: HttpContext) {
    return view.render('administration::national', { entries: NATIONAL_PROCEDURES })
  }
}
