import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import modules from '#core/services/modules'
import { clock } from '#core/clock'

/**
 * A business event (`demand.submitted`, `appointment.booked`…), published in
 * the transaction of the change it tells about. `service` is the slug of the
 * city service whose data it is, so that a receiver sees only the events of
 * the services it may see.
 */
export interface BusinessEvent {
  type: string
  service: string | null
  occurredAt: DateTime
  /** what the receiver gets as `data`: ids and the facts of the change, no personal data beyond what the API shows */
  data: Record<string, unknown>
}

/**
 * What a module above the jobs outbox plugs in to carry events out (the
 * webhooks of /api/v1): called inside the publisher's transaction, so what
 * it writes (deliveries and their jobs) exists only if the change commits.
 */
export interface EventSink {
  publish(
    event: BusinessEvent,
    client: TransactionClientContract | QueryClientContract
  ): Promise<void>
}

declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    /** where the module carries the business events out, loaded on first event: `{ webhooks: () => import('./webhooks/sink.js') }` */
    eventSinks?: Record<string, () => Promise<{ default: EventSink }>>
  }
}

const loaded = new Map<() => Promise<{ default: EventSink }>, EventSink>()

/**
 * Publishes an event to the enabled modules' sinks, in `client`'s
 * transaction. The modules that emit events know no sink; without any, this
 * writes nothing.
 */
export async function publishEvent(
  event: Omit<BusinessEvent, 'occurredAt'> & { occurredAt?: DateTime },
  client?: TransactionClientContract | QueryClientContract
) {
  const full: BusinessEvent = { ...event, occurredAt: event.occurredAt ?? clock.now() }
  for (const { definition } of modules.enabledModules()) {
    for (const load of Object.values(definition.eventSinks ?? {})) {
      let sink = loaded.get(load)
      if (!sink) {
        sink = (await load()).default
        loaded.set(load, sink)
      }
      await sink.publish(full, client ?? db.connection())
    }
  }
}
