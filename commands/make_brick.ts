import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import {
  NAME_PATTERN,
  PREFIX_PATTERN,
  RESERVED_PREFIXES,
  SERVICE_SLUG_PATTERN,
} from '#core/modules/define_module'
import { clock } from '#core/clock'

/**
 * Scaffolds a brick with the whole contract (manifest, routes, controller,
 * model, validator, views, lang fr/en, migration, a functional test, README)
 * from stubs/brick, and installs it with one line in config/bricks.ts. The
 * generated test passes as generated; removing the brick is deleting its
 * folder and that line.
 */
export default class MakeBrick extends BaseCommand {
  static commandName = 'make:brick'
  static description =
    'Create a brick (bricks/<name>) with the whole brick contract, and install it'
  static options: CommandOptions = { startApp: false }

  @args.string({
    description: 'Name of the brick, snake_case (it prefixes its tables, lang keys and views)',
  })
  declare name: string

  @flags.string({ description: 'Residents’ URL prefix, in French (default: /<name> with dashes)' })
  declare prefix?: string

  @flags.string({ description: 'Slug of the city service whose agents run it (default: the name)' })
  declare service?: string

  @flags.string({ description: 'Name shown to residents and agents (default: from the name)' })
  declare title?: string

  async run() {
    const name = this.name.trim()
    const prefix = this.prefix ?? `/${name.replaceAll('_', '-')}`
    const problem = this.#problem(name, prefix)
    if (problem) {
      this.logger.error(problem)
      this.exitCode = 1
      return
    }
    const values: Record<string, string> = {
      name,
      prefix,
      service: this.service ?? name,
      title: this.title ?? name.charAt(0).toUpperCase() + name.slice(1).replaceAll('_', ' '),
      timestamp: String(clock.nowMs()),
    }
    const stubs = this.app.makePath('stubs/brick')
    const target = this.app.makePath('bricks', name)
    for (const stub of this.#files(stubs)) {
      const path = join(target, this.#fill(relative(stubs, stub), values).replace(/\.stub$/, ''))
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, this.#fill(readFileSync(stub, 'utf8'), values))
      this.logger.action(`create ${relative(this.app.makePath(), path)}`).succeeded()
    }
    this.#install(name)
    this.logger.info(
      `Next: node ace migration:run, then node ace test --files=bricks/${name}/tests/functional/${name}.spec.ts`
    )
  }

  #problem(name: string, prefix: string) {
    if (!NAME_PATTERN.test(name)) return `"${name}" is not a brick name: snake_case, a-z, 0-9 and _`
    if (this.service !== undefined && !SERVICE_SLUG_PATTERN.test(this.service))
      return `"${this.service}" is not a service slug: a-z, 0-9 and _ (as admins type them)`
    if (!PREFIX_PATTERN.test(prefix))
      return `"${prefix}" is not a prefix: /mot-cle (a-z, 0-9 and -)`
    if (RESERVED_PREFIXES.has(prefix)) return `"${prefix}" is reserved by the portal`
    if (existsSync(this.app.makePath('bricks', name))) return `bricks/${name} already exists`
    if (existsSync(this.app.makePath('app', name))) return `"${name}" is the name of a core module`
    return null
  }

  #files(folder: string): string[] {
    return readdirSync(folder)
      .sort()
      .flatMap((entry) => {
        const path = join(folder, entry)
        return statSync(path).isDirectory() ? this.#files(path) : [path]
      })
  }

  #fill(text: string, values: Record<string, string>) {
    return text.replace(/\[\[(\w+)\]\]/g, (token, key: string) => values[key] ?? token)
  }

  /** Adds the brick's line to the `installed` list of config/bricks.ts. */
  #install(name: string) {
    const path = this.app.makePath('config/bricks.ts')
    const source = readFileSync(path, 'utf8')
    const list = /const installed: string\[\] = \[([^\]]*)\]/
    const match = source.match(list)
    if (!match) {
      this.logger.warning(`Add 'bricks/${name}' to the installed list of config/bricks.ts`)
      return
    }
    // One entry per line, as Prettier writes a list that no longer fits on one.
    const entries = [...(match[1].match(/'[^']*'/g) ?? []), `'bricks/${name}'`]
    const lines = entries.map((entry) => `  ${entry},\n`).join('')
    writeFileSync(path, source.replace(list, `const installed: string[] = [\n${lines}]`))
    this.logger.action(`update config/bricks.ts (installs bricks/${name})`).succeeded()
  }
}
