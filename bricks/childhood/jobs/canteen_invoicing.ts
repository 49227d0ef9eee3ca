import { defineJob } from '#jobs/registry'
import { invoiceCanteenMonth } from '../services/canteen.js'

/**
 * A month's canteen invoicing, run by a worker rather than in the agent's
 * request (5,000 families take about 25 s). Running it again issues only
 * what is missing, so a retry after a crash is safe.
 */
export const canteenInvoicingJob = defineJob<{ month: string }>({
  queue: 'batch',
  maxAttempts: 5,
  async handle({ month }) {
    await invoiceCanteenMonth(month)
  },
})

export default canteenInvoicingJob
