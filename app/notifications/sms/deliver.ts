import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import SmsLogEntry, { type SmsLogStatus } from '#notifications/models/sms_log_entry'
import { prepareSmsText, type SmsText } from '#notifications/sms/gsm'
import { maskNumber } from '#notifications/sms/phone'
import { smsProvider } from '#notifications/sms/index'
import { SmsRefusedError } from '#notifications/sms/provider'
import { recordConnectorFailure } from '#core/observability/metrics'

export interface SmsSettingsInUse {
  smsSender: string
  smsSegmentPriceMillis: number
}

/** Writes the log line of an SMS (sent, failed or held back by the cap). */
export function logSms(
  trx: TransactionClientContract,
  entry: {
    userId: number | null
    to: string
    kinds: string[]
    prepared: SmsText
    status: SmsLogStatus
    settings: SmsSettingsInUse
    reference?: string | null
    error?: string | null
  }
) {
  return SmsLogEntry.create(
    {
      userId: entry.userId,
      recipientMasked: maskNumber(entry.to),
      sender: entry.settings.smsSender,
      kinds: [...new Set(entry.kinds)].join(',').slice(0, 200),
      encoding: entry.prepared.encoding,
      segments: entry.prepared.segments,
      status: entry.status,
      providerReference: entry.reference ?? null,
      costMillis:
        entry.status === 'sent'
          ? entry.prepared.segments * entry.settings.smsSegmentPriceMillis
          : 0,
      error: entry.error?.slice(0, 500) ?? null,
    },
    { client: trx }
  )
}

/**
 * Hands one SMS to the provider, outside any transaction (the simulator
 * writes what it receives to the same database). A refusal the provider will
 * repeat comes back as `refused`; anything else throws, so the job retries.
 */
export async function sendThroughProvider(to: string, body: string, sender: string) {
  const prepared = prepareSmsText(body)
  const provider = await smsProvider()
  try {
    const result = await provider.send({ sender, to, text: prepared.text })
    return { prepared, reference: result.reference, refused: null as string | null }
  } catch (error) {
    recordConnectorFailure('sms')
    if (error instanceof SmsRefusedError)
      return { prepared, reference: null, refused: error.message }
    throw error
  }
}
