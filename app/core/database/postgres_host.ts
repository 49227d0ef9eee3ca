import { Env } from '@adonisjs/core/env'

const hostName = Env.schema.string.optional({ format: 'host' })

/**
 * DB_HOST's rule: a host name or IP address, or, as libpq reads PGHOST, the
 * directory of PostgreSQL's Unix socket (an absolute path such as
 * /var/run/postgresql) when the database runs on the same machine, where
 * the socket needs no port open to the network.
 */
export function postgresHost(name: string, value?: string): string | undefined {
  if (value?.startsWith('/')) return value
  return hostName(name, value)
}
