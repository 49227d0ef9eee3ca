import type User from '#accounts/models/user'
import { clock } from '#core/clock'
import SmsMobile from '#notifications/models/sms_mobile'
import SmsSimulatorMessage from '#notifications/models/sms_simulator_message'

/** Numbers of this run (+33 6, a run prefix, a sequence): the simulator's rows of other tests never match. */
const RUN = String(process.pid % 1000).padStart(3, '0')
let sequence = 0

export function nextMobileNumber() {
  sequence += 1
  return `+336${RUN}${String(sequence).padStart(5, '0')}`
}

/** The resident verified a mobile number and wants SMS; returns the number (E.164). */
export async function optInToSms(user: User, number = nextMobileNumber()) {
  await SmsMobile.create({
    userId: user.id,
    number,
    verifiedAt: clock.now(),
    codeAttempts: 0,
    codesSent: 0,
  })
  user.notifyBySms = true
  await user.save()
  return number
}

/** What the SMS simulator received for a number, oldest first. */
export function smsReceivedBy(number: string) {
  return SmsSimulatorMessage.query().where('recipient', number).orderBy('id')
}
