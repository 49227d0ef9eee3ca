import app from '@adonisjs/core/services/app'
import { ModuleRegistry } from '#core/modules/registry'

let registry: ModuleRegistry

await app.booted(async () => {
  registry = await app.container.make(ModuleRegistry)
})

/** The core modules and bricks of this Parvis (see ModuleRegistry). */
export { registry as default }
