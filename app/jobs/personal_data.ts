import type { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import modules from '#core/services/modules'
import { readSettings } from '#core/services/settings'
import { retentionSettings } from '#core/modules/settings'
import {
  retentionLimit,
  retentionSettingKey,
  type RetentionDeclaration,
} from '#core/modules/retention'
import { clock } from '#core/clock'

export interface RetentionInForce {
  module: string
  declaration: RetentionDeclaration
  /** the period in force (the module's setting, the declared default until an admin changes it) */
  amount: number
}

/**
 * Every kind of personal data the installed modules declare, with the period
 * in force. Installed rather than enabled: a brick switched off still holds
 * what it collected, and that must still go in time.
 */
export async function retentionInForce(): Promise<RetentionInForce[]> {
  const found: RetentionInForce[] = []
  for (const { definition } of modules.modules()) {
    const declarations = definition.retention ?? []
    if (declarations.length === 0) continue
    const values = await readSettings(definition.name, retentionSettings(declarations))
    for (const declaration of declarations) {
      found.push({
        module: definition.name,
        declaration,
        amount: values[retentionSettingKey(declaration.key)],
      })
    }
  }
  return found
}

/**
 * Purges every declared kind of what has expired at `now`; returns how many
 * items went, by `<module>.<kind>`. One kind failing does not stop the others
 * (the job fails at the end and is retried: purges only delete what is past
 * its time, so running one again is harmless).
 */
export async function purgePersonalData(now: DateTime = clock.now()) {
  const removed: Record<string, number> = {}
  const failures: string[] = []
  for (const { module, declaration, amount } of await retentionInForce()) {
    const name = `${module}.${declaration.key}`
    try {
      removed[name] = await declaration.purge(retentionLimit(now, amount, declaration.unit))
    } catch (error) {
      logger.error({ err: error, kind: name }, 'personal data purge failed')
      failures.push(name)
    }
  }
  if (failures.length > 0) throw new Error(`Personal data purge failed for ${failures.join(', ')}`)
  return removed
}
