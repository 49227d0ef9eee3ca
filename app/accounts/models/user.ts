import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import HouseholdMember from '#accounts/models/household_member'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

/** A resident with an account on the portal. */
export default class User extends compose(BaseModel, AuthFinder) {
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

  @column.date()
  declare birthDate: DateTime | null

  @column()
  declare phone: string | null

  @column()
  declare addressLine: string | null

  @column()
  declare addressComplement: string | null

  @column()
  declare postalCode: string | null

  @column()
  declare city: string | null

  @column({ consume: (value) => Boolean(value) })
  declare notifyByEmail: boolean

  @column({ consume: (value) => Boolean(value) })
  declare notifyBySms: boolean

  @column({ consume: (value) => Boolean(value) })
  declare mailOnStatusChange: boolean

  @column({ consume: (value) => Boolean(value) })
  declare mailOnMessage: boolean

  @column()
  declare locale: string

  @column.dateTime()
  declare emailVerifiedAt: DateTime | null

  /** The new address asked for, until the link sent there is opened (then it becomes `email`). */
  @column()
  declare pendingEmail: string | null

  /** The `sub` FranceConnect gives this portal for the resident, once they logged in with it or linked it. */
  @column({ serializeAs: null })
  declare franceconnectSub: string | null

  @column.dateTime()
  declare franceconnectLinkedAt: DateTime | null

  /** Registered by a mediator without an e-mail address: the city writes to them by post (the `email` is a placeholder that is never mailed). */
  @column({ consume: (value) => Boolean(value) })
  declare postalOnly: boolean

  @column()
  declare registeredByAgentId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => HouseholdMember)
  declare householdMembers: HasMany<typeof HouseholdMember>

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }

  /** Name and birth date come from FranceConnect: the profile keeps them as they are. */
  get identityVerifiedByFranceConnect() {
    return this.franceconnectSub !== null && this.franceconnectSub !== undefined
  }

  get isVerified() {
    return this.emailVerifiedAt !== null
  }
}
