import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { refreshBuiltProcedures } from '#demands/procedures/built/published'

/**
 * Keeps this process's copy of the built procedures current before the
 * request reads the registry: another process may have published one (a
 * query every few seconds at most, see refreshBuiltProcedures).
 */
export default class BuiltProceduresMiddleware {
  async handle(_ctx: HttpContext, next: NextFn) {
    await refreshBuiltProcedures()
    return next()
  }
}
