import { SENDER_PATTERN } from '#notifications/sms/gsm'
import {
  SmsRefusedError,
  type SmsProvider,
  type SmsRequest,
  type SmsResult,
} from '#notifications/sms/provider'

export const OCTOPUSH_SEND_PATH = '/v1/public/sms-campaign/send'

/**
 * Octopush (a French SMS operator) transactional API: one JSON POST to
 * /v1/public/sms-campaign/send with the headers `api-login` and `api-key`,
 * the body `{ recipients: [{ phone_number }], text, type: "sms_premium",
 * purpose: "alert", sender }`; it answers `{ sms_ticket,
 * number_of_sms_needed, … }`. `purpose: "alert"` marks it transactional (no
 * "STOP" mention required, sent at any hour: Parvis keeps its own quiet hours).
 */
export class OctopushClient implements SmsProvider {
  readonly name = 'octopush'

  constructor(
    private options: { baseUrl: string; login: string; apiKey: string; timeoutMs?: number }
  ) {}

  async send(request: SmsRequest): Promise<SmsResult> {
    if (!SENDER_PATTERN.test(request.sender))
      throw new SmsRefusedError(`Invalid SMS sender name "${request.sender}"`)
    if (!/^\+[1-9]\d{7,14}$/.test(request.to))
      throw new SmsRefusedError('The recipient is not an E.164 number')
    const response = await fetch(new URL(OCTOPUSH_SEND_PATH, this.options.baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'api-login': this.options.login,
        'api-key': this.options.apiKey,
        'cache-control': 'no-cache',
      },
      body: JSON.stringify({
        recipients: [{ phone_number: request.to }],
        text: request.text,
        type: 'sms_premium',
        purpose: 'alert',
        sender: request.sender,
      }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    })
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null
    if (!response.ok) {
      const message = `Octopush answered ${response.status}: ${String(body?.message ?? '')}`
      // 4xx but 429: the request itself is wrong, it will be refused again.
      if (response.status >= 400 && response.status < 500 && response.status !== 429)
        throw new SmsRefusedError(message)
      throw new Error(message)
    }
    return {
      reference: String(body?.sms_ticket ?? ''),
      segments: typeof body?.number_of_sms_needed === 'number' ? body.number_of_sms_needed : null,
    }
  }
}
