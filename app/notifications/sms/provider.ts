/** One SMS to one number, as every provider takes it. */
export interface SmsRequest {
  /** 3 to 11 letters or digits (SENDER_PATTERN) */
  sender: string
  /** E.164 */
  to: string
  /** already prepared (prepareSmsText): transliterated */
  text: string
}

export interface SmsResult {
  /** the provider's reference of the message (Octopush's sms_ticket) */
  reference: string
  /** segments the provider says it billed, when it says */
  segments: number | null
}

/** What the SMS channel needs from a provider; tests and the simulator speak the same. */
export interface SmsProvider {
  readonly name: string
  send(request: SmsRequest): Promise<SmsResult>
}

/** A refusal the provider will repeat (bad number, bad sender): retrying changes nothing. */
export class SmsRefusedError extends Error {}
