import {
  beforeCreate,
  beforeFetch,
  beforeFind,
  beforePaginate,
  belongsTo,
} from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import HouseholdMember from '#accounts/models/household_member'
import CoreRegistration from '#activities/models/activity_registration'

export type { RegistrationStatus } from '#activities/models/activity_registration'

/**
 * A child registered to a session, from the activities engine: with a
 * place, or waiting for one (in order of registration). A child always has
 * a family account.
 */
export default class Registration extends CoreRegistration {
  static table = 'activity_registrations'

  declare householdMemberId: number
  declare userId: number

  @belongsTo(() => HouseholdMember)
  declare child: BelongsTo<typeof HouseholdMember>

  @beforeCreate()
  static ownedByChildhood(registration: Registration) {
    registration.owner = 'childhood'
  }

  @beforeFind()
  @beforeFetch()
  static onlyChildhood(query: ModelQueryBuilderContract<typeof Registration>) {
    query.where(`${query.model.table}.owner`, 'childhood')
  }

  @beforePaginate()
  static onlyChildhoodPages([count, query]: ModelQueryBuilderContract<typeof Registration>[]) {
    count.where(`${count.model.table}.owner`, 'childhood')
    query.where(`${query.model.table}.owner`, 'childhood')
  }
}
