import { beforeCreate, beforeFetch, beforeFind, beforePaginate } from '@adonisjs/lucid/orm'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import CoreActivity from '#activities/models/activity'

export type { Band } from '#activities/models/activity'

/**
 * A périscolaire or extrascolaire activity: the activities engine's
 * activity, seen from childhood (only the rows childhood owns).
 */
export default class Activity extends CoreActivity {
  static table = 'activities'

  declare kind: 'periscolaire' | 'extrascolaire'

  @beforeCreate()
  static ownedByChildhood(activity: Activity) {
    activity.owner = 'childhood'
  }

  @beforeFind()
  @beforeFetch()
  static onlyChildhood(query: ModelQueryBuilderContract<typeof Activity>) {
    query.where(`${query.model.table}.owner`, 'childhood')
  }

  @beforePaginate()
  static onlyChildhoodPages([count, query]: ModelQueryBuilderContract<typeof Activity>[]) {
    count.where(`${count.model.table}.owner`, 'childhood')
    query.where(`${query.model.table}.owner`, 'childhood')
  }
}
