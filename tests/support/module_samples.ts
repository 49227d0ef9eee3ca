import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'
import modules from '#core/services/modules'

/**
 * What each enabled module contributes to the core's suites that must cover
 * everything whatever is enabled (every job type through jobs:work, every
 * route in the forms fuzzer): a file of the module's own tests folder,
 * `<module>/tests/<name>.ts`, whose default export the suite uses. The core
 * suites so know no brick: a brick brings its samples with it, and takes them
 * away when it is removed or disabled.
 */
export async function moduleSamples<T>(name: string): Promise<{ module: string; samples: T }[]> {
  const found: { module: string; samples: T }[] = []
  for (const { root, definition } of modules.enabledModules()) {
    const file = app.makePath(root, 'tests', `${name}.ts`)
    if (!existsSync(file)) continue
    const loaded = await import(pathToFileURL(file.replace(/\.ts$/, '.js')).href)
    found.push({ module: definition.name, samples: loaded.default as T })
  }
  return found
}
