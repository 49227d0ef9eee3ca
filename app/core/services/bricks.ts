import app from '@adonisjs/core/services/app'
import { BrickRegistry } from '#core/bricks/registry'

let registry: BrickRegistry

await app.booted(async () => {
  registry = await app.container.make(BrickRegistry)
})

export { registry as default }
