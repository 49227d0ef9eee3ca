import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import type { SettingDefinition } from '#core/modules/settings'
import { readSettings, writeSetting } from '#core/services/settings'
import AuditEntry from '#accounts/models/audit_entry'
import { endSessionsOwingSecondFactor } from '#back_office/services/second_factor_login'

export interface SettingChange {
  key: string
  definition: SettingDefinition<any>
  value: unknown
}

/**
 * Stores a module's settings as an admin (or an agent holding the module's
 * own permission) typed them, already parsed by their definitions, in one
 * transaction. Each value that really changes is written and audited with
 * its old and new value, as the form shows them; the same value typed again
 * writes nothing. Returns the keys changed.
 */
export async function changeSettings(agent: Agent, module: string, changes: SettingChange[]) {
  return db.transaction(async (trx) => {
    const before = await readSettings(
      module,
      Object.fromEntries(changes.map(({ key, definition }) => [key, definition])),
      trx
    )
    const changed: string[] = []
    for (const { key, definition, value } of changes) {
      const old = definition.format(before[key])
      const now = definition.format(value)
      if (old === now) continue
      await writeSetting(module, key, value, { updatedBy: agent.id, client: trx })
      await AuditEntry.create(
        {
          agentId: agent.id,
          demandId: null,
          action: 'setting.changed',
          detail: `${module}.${key} : ${old} → ${now}`.slice(0, 300),
        },
        { client: trx }
      )
      changed.push(key)
      if (module === 'back_office' && key === 'secondFactorRequired')
        await endSessionsOwingSecondFactor(value as 'none' | 'admins' | 'all', agent.id, trx)
    }
    return changed
  })
}
