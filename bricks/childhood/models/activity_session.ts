import { beforeCreate, beforeFetch, beforeFind, beforePaginate } from '@adonisjs/lucid/orm'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import CoreSession from '#activities/models/activity_session'

/** One session of a childhood activity (a Wednesday, a holiday week…), from the activities engine. */
export default class ActivitySession extends CoreSession {
  static table = 'activity_sessions'

  @beforeCreate()
  static ownedByChildhood(session: ActivitySession) {
    session.owner = 'childhood'
  }

  @beforeFind()
  @beforeFetch()
  static onlyChildhood(query: ModelQueryBuilderContract<typeof ActivitySession>) {
    query.where(`${query.model.table}.owner`, 'childhood')
  }

  @beforePaginate()
  static onlyChildhoodPages([count, query]: ModelQueryBuilderContract<typeof ActivitySession>[]) {
    count.where(`${count.model.table}.owner`, 'childhood')
    query.where(`${query.model.table}.owner`, 'childhood')
  }
}
