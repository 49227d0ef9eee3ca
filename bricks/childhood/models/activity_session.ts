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
    query.where('activity_sessions.owner', 'childhood')
  }

  @beforePaginate()
  static onlyChildhoodPages([count, query]: ModelQueryBuilderContract<typeof ActivitySession>[]) {
    count.where('activity_sessions.owner', 'childhood')
    query.where('activity_sessions.owner', 'childhood')
  }
}
