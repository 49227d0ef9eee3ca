import { enqueue } from '#jobs/enqueue'
import { clock } from '#core/clock'

/** Queues a month's canteen invoicing; a second run in the same minute is the same job. */
export default class StartCanteenInvoicing {
  async handle(month: string) {
    const minute = clock.now().toFormat('yyyyMMddHHmm')
    await enqueue(
      'childhood_canteen_invoicing',
      { month },
      { idempotencyKey: `childhood_canteen_invoicing:${month}:${minute}` }
    )
  }
}
