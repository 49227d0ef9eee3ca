import { namedPolicies, type policies } from '#accounts/policies/main'
import * as abilities from '#accounts/abilities'
import { Bouncer } from '@adonisjs/bouncer'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type Agent from '#accounts/models/agent'

/**
 * Bouncer for the back office: abilities and policies are checked against the
 * logged-in agent (residents' own resources are checked by ownership in the
 * resident policies, with the resident passed explicitly).
 */
export default class InitializeBouncerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.bouncer = new Bouncer(
      () => ctx.auth.use('agent').user || null,
      abilities,
      namedPolicies()
    ).setContainerResolver(ctx.containerResolver)

    if ('view' in ctx) {
      ctx.view.share(ctx.bouncer.edgeHelpers)
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    bouncer: Bouncer<Agent, typeof abilities, typeof policies>
  }
}
