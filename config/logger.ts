import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'
import { currentRequestId } from '#core/observability/request_id'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'parvis',
      level: env.get('LOG_LEVEL', app.inTest ? 'warn' : 'info'),
      // Every line written while serving a request, or running a job a request
      // caused, names that request (JSON in production: one object a line).
      mixin() {
        const requestId = currentRequestId()
        return requestId ? { request_id: requestId } : {}
      },
      transport: {
        targets: targets()
          .pushIf(!app.inProduction && !app.inTest, targets.pretty())
          .pushIf(app.inProduction || app.inTest, targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
