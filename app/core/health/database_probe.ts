import db from '@adonisjs/lucid/services/db'

/**
 * Checks that the database answers. The connection name can be changed, which
 * is how the tests point it at a database that does not answer.
 */
export class DatabaseProbe {
  constructor(
    public connectionName?: string,
    public timeoutMs = 2000
  ) {}

  async isUp(): Promise<boolean> {
    const query = db.connection(this.connectionName).rawQuery('select 1')
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs)
    })
    try {
      return await Promise.race([query.then(() => true), timeout])
    } catch {
      return false
    } finally {
      clearTimeout(timer)
    }
  }
}
