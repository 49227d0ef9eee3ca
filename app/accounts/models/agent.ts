import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import Service from '#accounts/models/service'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export const AGENT_ROLES = ['agent', 'supervisor', 'admin'] as const
export type AgentRole = (typeof AGENT_ROLES)[number]

/** A city agent working in the back office. */
export default class Agent extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  @column()
  declare role: AgentRole

  @column({ consume: (value) => Boolean(value) })
  declare active: boolean

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @manyToMany(() => Service, { pivotTable: 'agent_services' })
  declare services: ManyToMany<typeof Service>

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }

  get isAdmin() {
    return this.role === 'admin'
  }

  get isSupervisor() {
    return this.role === 'supervisor' || this.role === 'admin'
  }
}
