import { test } from '@japa/runner'
import { subscribedReceiver, ISO_WITH_OFFSET } from '#api/tests/support/subscribed_receiver'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import { clock } from '#core/clock'
import {
  registerChild,
  endRegistration,
  RegistrationRefusedError,
} from '../../services/registrations.js'
import { family, wednesdayActivity } from '../support.js'

const EVENTS = ['registration.created', 'registration.cancelled']

test.group(
  'Childhood registrations announced to the business software (declared in the brick’s manifest)',
  (group) => {
    group.each.setup(() => {
      clock.travelTo('2026-03-02T09:00:00+01:00')
      return () => {
        clock.reset()
      }
    })

    test('a software of the enfance service hears of a registration and of its end; one without the service hears nothing; a refused registration announces nothing', async ({
      assert,
    }) => {
      const childhood = await subscribedReceiver('Logiciel enfance', {
        events: EVENTS,
        scopes: ['registrations:read'],
        services: ['enfance'],
      })
      const other = await subscribedReceiver('Logiciel de l’accueil', {
        events: EVENTS,
        scopes: ['registrations:read'],
        services: ['accueil'],
      })
      try {
        const { user, ines, tom } = await family()
        const { activity, session } = await wednesdayActivity({ capacity: 1 })
        const placed = await registerChild({ sessionId: session.id, childId: ines.id, user })
        const waiting = await registerChild({ sessionId: session.id, childId: tom.id, user })
        // Registered twice: refused, nothing announced.
        await assert.rejects(
          () => registerChild({ sessionId: session.id, childId: ines.id, user }),
          RegistrationRefusedError
        )
        await endRegistration(placed.id, 'cancelled')
        // Ending it again changes nothing and announces nothing.
        await endRegistration(placed.id, 'cancelled')

        const events = await childhood.events()
        assert.deepEqual(
          events.map((event) => event.type),
          ['registration.created', 'registration.created', 'registration.cancelled']
        )
        assert.include(events[0].data, {
          registration_id: placed.id,
          status: 'placed',
          session_id: session.id,
          activity_id: activity.id,
          child_id: ines.id,
          family_id: user.id,
        })
        assert.include(events[1].data, { registration_id: waiting.id, status: 'waiting' })
        assert.include(events[2].data, { registration_id: placed.id, status: 'cancelled' })
        for (const event of events) assert.match(event.data.at as string, ISO_WITH_OFFSET)

        assert.lengthOf(
          await WebhookDelivery.query().where('webhookEndpointId', other.endpoint.id),
          0
        )
      } finally {
        await childhood.close()
        await other.close()
      }
    })
  }
)
