import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

/*
 * Counters in memory on the embedded (single process) install; in
 * PostgreSQL when several app processes share the load.
 */
const defaultStore = env.get(
  'LIMITER_STORE',
  env.get('DB_CONNECTION', 'sqlite') === 'pg' ? 'database' : 'memory'
)

const limiterConfig = defineConfig({
  default: defaultStore,
  stores: {
    database: stores.database({ tableName: 'rate_limits' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
