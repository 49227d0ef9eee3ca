import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { OctopushClient } from '#notifications/sms/octopush_client'
import type { SmsProvider } from '#notifications/sms/provider'

/*
 * The SMS provider. In production SMS_PROVIDER=octopush with OCTOPUSH_API_LOGIN
 * and OCTOPUSH_API_KEY (OCTOPUSH_URL to override https://api.octopush.com).
 * Otherwise the simulator starts on loopback at first use, in whichever
 * process sends (web or jobs:work): the same client and protocol, no SMS.
 */
let provider: SmsProvider | null = null
let starting: Promise<SmsProvider> | null = null

export function smsSimulated() {
  return env.get('SMS_PROVIDER', 'simulator') !== 'octopush'
}

export async function smsProvider(): Promise<SmsProvider> {
  if (provider) return provider
  if (!smsSimulated()) {
    provider = new OctopushClient({
      baseUrl: env.get('OCTOPUSH_URL', 'https://api.octopush.com'),
      login: env.get('OCTOPUSH_API_LOGIN', ''),
      apiKey: env.get('OCTOPUSH_API_KEY', ''),
    })
    return provider
  }
  starting ??= (async () => {
    const { startSmsSimulator, SIMULATOR_KEY, SIMULATOR_LOGIN } =
      await import('#notifications/sms/simulator')
    const simulator = await startSmsSimulator()
    app.terminating(async () => simulator.stop())
    provider = new OctopushClient({
      baseUrl: simulator.baseUrl,
      login: SIMULATOR_LOGIN,
      apiKey: SIMULATOR_KEY,
    })
    return provider
  })()
  return starting
}

/** Tests point the channel at a provider they control (null: back to the default). */
export function useSmsProvider(next: SmsProvider | null) {
  provider = next
  starting = null
}
