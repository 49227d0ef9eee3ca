import net from 'node:net'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { ConfigurationCheck } from '#core/modules/define_module'

/**
 * Checks what a production install needs and says, in plain words, what is
 * missing: the secret key, the database and its migrations, the public
 * address, mail, the services each module needs, and each module's own
 * settings (ANTS, PayFiP…). Exits 1 when something must be fixed.
 */
export default class ParvisDoctor extends BaseCommand {
  static commandName = 'parvis:doctor'
  static description = 'Check the configuration and say what is missing'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Language of the report (fr or en)', default: 'fr' })
  declare lang: string

  async run() {
    const { default: i18nManager } = await import('@adonisjs/i18n/services/main')
    const i18n = i18nManager.locale(this.lang === 'en' ? 'en' : 'fr')
    const checks: { module: string; check: ConfigurationCheck }[] = []
    const add = (module: string, list: ConfigurationCheck[]) =>
      list.forEach((check) => checks.push({ module, check }))

    add('core', await this.#core())
    const { default: modules } = await import('#core/services/modules')
    for (const { definition } of modules.enabledModules()) {
      if (definition.checks) add(definition.name, await definition.checks())
    }

    const marks = {
      ok: this.colors.green('✔'),
      warning: this.colors.yellow('!'),
      error: this.colors.red('✖'),
    }
    for (const { check } of checks)
      console.log(`${marks[check.status]} ${i18n.t(check.message, check.data ?? {})}`)
    const errors = checks.filter(({ check }) => check.status === 'error').length
    const warnings = checks.filter(({ check }) => check.status === 'warning').length
    console.log('')
    console.log(i18n.t('common.doctor.summary', { errors, warnings }))
    this.exitCode = errors > 0 ? 1 : 0
  }

  async #core(): Promise<ConfigurationCheck[]> {
    const { default: env } = await import('#start/env')
    const { default: parvisConfig } = await import('#config/parvis')
    const results: ConfigurationCheck[] = []
    const production = this.app.inProduction

    const key = env.get('APP_KEY') ?? ''
    if (key.length < 32) results.push({ status: 'error', message: 'common.doctor.app_key_short' })
    else if (production && key.startsWith('test-key'))
      results.push({ status: 'error', message: 'common.doctor.app_key_test' })
    else results.push({ status: 'ok', message: 'common.doctor.app_key_ok' })

    if (!env.get('APP_URL')) {
      results.push({
        status: production ? 'error' : 'warning',
        message: 'common.doctor.app_url_missing',
        data: { url: parvisConfig.appUrl },
      })
    } else {
      results.push({
        status: 'ok',
        message: 'common.doctor.app_url_ok',
        data: { url: parvisConfig.appUrl },
      })
      if (production && !parvisConfig.appUrl.startsWith('https://'))
        results.push({ status: 'warning', message: 'common.doctor.app_url_http' })
    }

    const { default: db } = await import('@adonisjs/lucid/services/db')
    let databaseUp = false
    try {
      await db.rawQuery('select 1')
      databaseUp = true
      results.push({
        status: 'ok',
        message: 'common.doctor.database_ok',
        data: { engine: db.primaryConnectionName },
      })
    } catch (error) {
      results.push({
        status: 'error',
        message: 'common.doctor.database_down',
        data: { error: (error as Error).message.slice(0, 200) },
      })
    }
    if (databaseUp) {
      const { MigrationRunner } = await import('@adonisjs/lucid/migration')
      const runner = new MigrationRunner(db, this.app, { direction: 'up', dryRun: true })
      const pending = (await runner.getList()).filter(
        (migration) => migration.status === 'pending'
      ).length
      results.push(
        pending
          ? {
              status: 'error',
              message: 'common.doctor.migrations_pending',
              data: { count: pending },
            }
          : { status: 'ok', message: 'common.doctor.migrations_ok' }
      )
      if (!pending) results.push(...(await this.#services()))
    }

    const host = env.get('SMTP_HOST')
    if (!host) {
      results.push({
        status: production ? 'error' : 'warning',
        message: 'common.doctor.smtp_missing',
      })
    } else {
      const port = env.get('SMTP_PORT', 587)
      const greeting = await smtpGreeting(host, port, 5000)
      results.push(
        greeting.ok
          ? { status: 'ok', message: 'common.doctor.smtp_ok', data: { host, port } }
          : {
              status: 'error',
              message: 'common.doctor.smtp_down',
              data: { host, port, error: greeting.error },
            }
      )
    }
    return results
  }

  async #services(): Promise<ConfigurationCheck[]> {
    const { default: modules } = await import('#core/services/modules')
    const { default: Service } = await import('#accounts/models/service')
    const wanted = modules.collect('services')
    const existing = new Set((await Service.query().select('slug')).map((service) => service.slug))
    const missing = wanted.filter(({ item }) => !existing.has(item.slug))
    if (missing.length === 0)
      return [
        { status: 'ok', message: 'common.doctor.services_ok', data: { count: wanted.length } },
      ]
    return missing.map(({ module, item }) => ({
      status: 'error' as const,
      message: 'common.doctor.service_missing',
      data: { slug: item.slug, module: module.definition.name },
    }))
  }
}

/** Connects to the SMTP server and waits for its "220" greeting. */
function smtpGreeting(
  host: string,
  port: number,
  timeoutMs: number
): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (result: { ok: boolean; error?: string }) => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(timeoutMs, () =>
      done({ ok: false, error: `no answer within ${timeoutMs / 1000} s` })
    )
    socket.once('error', (error) => done({ ok: false, error: error.message }))
    socket.once('data', (chunk) =>
      done(
        chunk.toString().startsWith('220')
          ? { ok: true }
          : { ok: false, error: chunk.toString().slice(0, 80) }
      )
    )
  })
}
