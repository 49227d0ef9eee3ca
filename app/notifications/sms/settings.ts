import { setting, type SettingDefinition } from '#core/modules/settings'
import { SENDER_PATTERN } from '#notifications/sms/gsm'

/** The sender name residents see: operators take 3 to 11 letters or digits (no space, no accent). */
const sender: SettingDefinition<string> = {
  kind: 'text',
  default: 'Mairie',
  maxLength: 11,
  parse: (input) =>
    SENDER_PATTERN.test(input.trim()) ? { value: input.trim() } : { error: 'sms_sender' },
  format: (value) => value,
  accept: (stored) =>
    typeof stored === 'string' && SENDER_PATTERN.test(stored) ? stored : undefined,
}

/** The SMS channel's settings, edited in /agents/admin/reglages (module notifications). */
export const smsSettings = {
  smsSender: sender,
  /** Paris hours: an SMS due from this hour… */
  smsQuietFrom: setting.integer({ default: 20, min: 0, max: 23 }),
  /** …leaves at this hour (urgent ones excepted) */
  smsQuietUntil: setting.integer({ default: 8, min: 0, max: 23 }),
  smsDailyCap: setting.integer({ default: 3, min: 1, max: 50 }),
  /** thousandths of a euro: 45 is 0,045 € */
  smsSegmentPriceMillis: setting.integer({ default: 45, min: 0, max: 10_000 }),
}

export type SmsSettings = typeof smsSettings
