import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import User from '#accounts/models/user'
import { Worker } from '#jobs/worker'
import { clock } from '#core/clock'
import { writeSetting } from '#core/services/settings'
import BookAppointment from '#appointments/actions/book_appointment'
import { cancelAppointment } from '#appointments/actions/change_appointment'
import { notifyResident } from '#demands/actions/notify_resident'
import SmsMobile from '#notifications/models/sms_mobile'
import SmsNotice from '#notifications/models/sms_notice'
import SmsLogEntry from '#notifications/models/sms_log_entry'
import { queueSms } from '#notifications/sms/queue_sms'
import { SMS_MAX_CHARACTERS } from '#notifications/jobs/send_sms'
import { applicant, createAgenda } from '#tests/support/factories/appointments'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'
import { nextMobileNumber, optInToSms, smsReceivedBy } from '#tests/support/factories/sms'

/** The number as a resident types it: 06 12 34 56 78. */
function typed(e164: string) {
  return `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ')
}

/** A resident who verified their number and opted in. */
async function optedIn() {
  const resident = await createResident()
  return { resident, number: await optInToSms(resident) }
}

const received = smsReceivedBy
const nextNumber = nextMobileNumber

function at(iso: string) {
  clock.travelTo(iso, { freeze: true })
}

async function runJobs() {
  await new Worker().drain()
}

/** A notice with a text of its own (the appointment reminder's wording). */
function notice(userId: number, key: string, place = 'Mairie') {
  return queueSms(db.connection(), {
    userId,
    kind: 'appointments.sms.kind',
    message: 'appointments.sms.reminder',
    data: { type: 'Essai', date: '01/01', time: '10h00', place, link: 'https://ville.example/r' },
    idempotencyKey: key,
  })
}

test.group('SMS channel', (group) => {
  group.each.teardown(async () => {
    clock.reset()
    await db.from('module_settings').where('module', 'notifications').delete()
  })

  test('a resident verifies their mobile number with the code received by SMS, then opts in', async ({
    client,
    assert,
  }) => {
    at('2027-03-08T11:00')
    const resident = await createResident()
    const number = nextNumber()
    const page = await client.get('/mon-espace/notifications/sms').loginAs(resident)
    page.assertStatus(200)
    page.assertTextIncludes('action="/mon-espace/notifications/sms/numero"')

    const landline = await client
      .post('/mon-espace/notifications/sms/numero')
      .form({ mobileNumber: '01 60 91 07 00' })
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      inputErrors(landline).mobileNumber[0],
      'Saisissez un numéro de mobile français, par exemple 06 12 34 56 78'
    )
    const asked = await client
      .post('/mon-espace/notifications/sms/numero')
      .form({ mobileNumber: typed(number) })
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    asked.assertStatus(303)
    await runJobs()
    const messages = await received(number)
    assert.lengthOf(messages, 1)
    const code = /^(\d{6}) est votre code de vérification /.exec(messages[0].text)?.[1]
    assert.exists(code, messages[0].text)

    const tooEarly = await client
      .post('/mon-espace/notifications/sms/preferences')
      .form({ notifyBySms: '1' })
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    assert.equal(inputErrors(tooEarly).notifyBySms[0], 'Vérifiez d’abord votre numéro de mobile')

    const wrong = await client
      .post('/mon-espace/notifications/sms/code')
      .form({ smsCode: code === '000000' ? '111111' : '000000' })
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    assert.equal(inputErrors(wrong).smsCode[0], 'Ce code n’est pas le bon : vérifiez le SMS reçu')
    const right = await client
      .post('/mon-espace/notifications/sms/code')
      .form({ smsCode: code! })
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    right.assertStatus(303)
    const mobile = await SmsMobile.findByOrFail('userId', resident.id)
    assert.equal(mobile.number, number)
    assert.isTrue(mobile.isVerified)

    const optIn = await client
      .post('/mon-espace/notifications/sms/preferences')
      .form({ notifyBySms: '1' })
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    optIn.assertStatus(303)
    await resident.refresh()
    assert.isTrue(resident.notifyBySms)
    const after = await client.get('/mon-espace/notifications/sms').loginAs(resident)
    after.assertTextIncludes(`Numéro vérifié : ${number}`)
  })

  test('a code expires after ten minutes, and five wrong tries spend it', async ({
    client,
    assert,
  }) => {
    at('2027-03-08T11:00')
    const resident = await createResident()
    const number = nextNumber()
    const ask = () =>
      client
        .post('/mon-espace/notifications/sms/numero')
        .form({ mobileNumber: typed(number) })
        .loginAs(resident)
        .withCsrfToken()
        .redirects(0)
    const tryCode = (code: string) =>
      client
        .post('/mon-espace/notifications/sms/code')
        .form({ smsCode: code })
        .loginAs(resident)
        .withCsrfToken()
        .redirects(0)
    await ask()
    await runJobs()
    const first = /^(\d{6})/.exec((await received(number))[0].text)![1]
    at('2027-03-08T11:10:01')
    assert.equal(
      inputErrors(await tryCode(first)).smsCode[0],
      'Ce code n’est plus valable : demandez-en un nouveau'
    )

    await ask()
    await runJobs()
    const second = /^(\d{6})/.exec((await received(number))[1].text)![1]
    const other = second === '123456' ? '654321' : '123456'
    for (let attempt = 1; attempt <= 4; attempt++)
      assert.equal(
        inputErrors(await tryCode(other)).smsCode[0],
        'Ce code n’est pas le bon : vérifiez le SMS reçu'
      )
    assert.equal(
      inputErrors(await tryCode(other)).smsCode[0],
      'Ce code n’est plus valable : demandez-en un nouveau'
    )
    assert.property(inputErrors(await tryCode(second)), 'smsCode')
    assert.isFalse((await SmsMobile.findByOrFail('userId', resident.id)).isVerified)

    await ask()
    const fourth = await ask()
    assert.equal(
      inputErrors(fourth).mobileNumber[0],
      'Trop de codes demandés : réessayez dans une heure'
    )
  })

  test('the reminder of an appointment booked at 23:00 for the next morning leaves at 08:00, not at night', async ({
    assert,
  }) => {
    at('2027-03-09T23:00')
    const { resident, number } = await optedIn()
    const { point, type } = await createAgenda()
    await new BookAppointment().handle({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      persons: 1,
      start: DateTime.fromISO('2027-03-10T10:00', { zone: 'Europe/Paris' }),
      applicant: { ...applicant, userId: resident.id, email: resident.email },
    })
    await runJobs()
    assert.lengthOf(await received(number), 0, 'nothing at 23:00')
    at('2027-03-10T07:59')
    await runJobs()
    assert.lengthOf(await received(number), 0, 'nothing at 07:59')
    at('2027-03-10T08:00')
    await runJobs()
    const messages = await received(number)
    assert.lengthOf(messages, 1)
    assert.equal(
      messages[0].text.split(',')[0],
      `Rappel : rendez-vous "${type.label.replace('’', "'")}" le 10/03 à 10h00`
    )
    assert.equal(messages[0].createdAt.setZone('Europe/Paris').toFormat('HH:mm'), '08:00')
    assert.equal(messages[0].sender, 'Mairie')
  })

  test('an appointment booked days ahead is reminded the day before at the same time; a cancelled one is not', async ({
    assert,
  }) => {
    at('2027-03-01T09:00')
    const { resident, number } = await optedIn()
    const { point, type } = await createAgenda({ desks: 2 })
    const book = (iso: string) =>
      new BookAppointment().handle({
        meetingPointId: point.id,
        meetingTypeId: type.id,
        persons: 1,
        start: DateTime.fromISO(iso, { zone: 'Europe/Paris' }),
        applicant: { ...applicant, userId: resident.id, email: resident.email },
      })
    await book('2027-03-10T14:00')
    const cancelled = await book('2027-03-10T16:00')
    await cancelAppointment(cancelled.id, 'resident')
    at('2027-03-09T13:59')
    await runJobs()
    assert.lengthOf(await received(number), 0)
    at('2027-03-09T16:00')
    await runJobs()
    const messages = await received(number)
    assert.lengthOf(messages, 1)
    assert.include(messages[0].text, '14h00')
  })

  test('at most N SMS a resident a day (setting): the next ones are held back and logged, the next day they leave again', async ({
    assert,
  }) => {
    await writeSetting('notifications', 'smsDailyCap', 2, {
      updatedBy: null,
      client: db.connection(),
    })
    at('2027-03-11T09:00')
    const { resident, number } = await optedIn()
    for (const [index, moment] of ['09:00', '09:30', '10:00', '11:00'].entries()) {
      at(`2027-03-11T${moment}`)
      await notice(resident.id, `cap:${resident.id}:${index}`)
      await runJobs()
    }
    assert.lengthOf(await received(number), 2)
    const held = await SmsLogEntry.query().where('userId', resident.id).where('status', 'over_cap')
    assert.lengthOf(held, 2)
    at('2027-03-12T09:00')
    await notice(resident.id, `cap:${resident.id}:next-day`)
    await runJobs()
    assert.lengthOf(await received(number), 3)
  })

  test('opting out stops what is waiting and what would come', async ({ client, assert }) => {
    at('2027-03-12T21:00')
    const { resident, number } = await optedIn()
    await notice(resident.id, `optout:${resident.id}:1`)
    const response = await client
      .post('/mon-espace/notifications/sms/preferences')
      .form({})
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    assert.isNull(await notice(resident.id, `optout:${resident.id}:2`))
    at('2027-03-13T08:00')
    await runJobs()
    assert.lengthOf(await received(number), 0)
    const notices = await SmsNotice.query().where('userId', resident.id)
    assert.deepEqual(
      notices.map((row) => row.status),
      ['opted_out']
    )
  })

  test('what is due together leaves as one SMS, and a request for information is sent by SMS too', async ({
    assert,
  }) => {
    at('2027-03-15T10:00')
    const { resident, number } = await optedIn()
    const demand = await fileThreeStepDemand(await User.findOrFail(resident.id))
    await db.transaction(async (trx) => {
      await notifyResident(trx, demand, 'information_requested')
      await queueSms(trx, {
        userId: resident.id,
        kind: 'appointments.sms.kind',
        message: 'appointments.sms.reminder',
        data: {
          type: 'Essai',
          date: '16/03',
          time: '09h00',
          place: 'Mairie',
          link: 'https://v.example',
        },
        idempotencyKey: `grouped:${resident.id}`,
      })
    })
    await runJobs()
    const messages = await received(number)
    assert.lengthOf(messages, 1)
    const lines = messages[0].text.split('\n')
    assert.lengthOf(lines, 2)
    assert.match(lines[0], new RegExp(`complément pour votre demande ${demand.reference}\\.`))
    assert.match(lines[1], /^Rappel : rendez-vous "Essai" le 16\/03/)
  })

  test('what does not fit in one SMS of 612 characters leaves in the next one, ten minutes later', async ({
    assert,
  }) => {
    at('2027-03-17T10:00')
    const { resident, number } = await optedIn()
    for (let index = 0; index < 6; index++) await notice(resident.id, `fit:${resident.id}:${index}`)
    await runJobs()
    const first = await received(number)
    assert.lengthOf(first, 1)
    assert.isAtMost(first[0].text.length, SMS_MAX_CHARACTERS)
    const carried = first[0].text.split('\n').length
    assert.isBelow(carried, 6)
    at('2027-03-17T10:10')
    await runJobs()
    const both = await received(number)
    assert.lengthOf(both, 2)
    assert.equal(carried + both[1].text.split('\n').length, 6)
  })

  test('the simulator and the log show exactly the SMS sent: a 200-character text with accents is 2 GSM-7 segments, the number masked and the cost of the month', async ({
    client,
    assert,
  }) => {
    await writeSetting('notifications', 'smsSegmentPriceMillis', 50, {
      updatedBy: null,
      client: db.connection(),
    })
    at('2027-03-16T10:00')
    const { resident, number } = await optedIn()
    const data = {
      type: 'Carte d’identité',
      date: '17/03',
      time: '10h00',
      place: '',
      link: 'https://ville.example/r',
    }
    const fr = i18nManager.locale('fr')
    const bare = fr.t('appointments.sms.reminder', data).length
    const place =
      'Hôtel de ville, guichet numéro deux, entrée côté forêt, à gauche après l’accueil '
        .repeat(4)
        .slice(0, 200 - bare)
    const written = fr.t('appointments.sms.reminder', { ...data, place })
    assert.lengthOf(written, 200)
    await queueSms(db.connection(), {
      userId: resident.id,
      kind: 'appointments.sms.kind',
      message: 'appointments.sms.reminder',
      data: { ...data, place },
      idempotencyKey: `long:${resident.id}`,
    })
    await runJobs()
    const messages = await received(number)
    assert.lengthOf(messages, 1)
    assert.equal(messages[0].segments, 2)
    assert.equal(messages[0].encoding, 'gsm7')
    // « Carte d’identité » leaves as "Carte d'identité": two spaces fewer
    assert.lengthOf(messages[0].text, 198)
    assert.include(
      messages[0].text,
      'Hotel de ville, guichet numéro deux, entrée coté foret, à gauche'
    )
    const [entry] = await SmsLogEntry.query().where('userId', resident.id)
    assert.deepEqual(
      [entry.segments, entry.status, entry.costMillis, entry.encoding],
      [2, 'sent', 100, 'gsm7']
    )
    assert.equal(entry.recipientMasked, `+33 •••••••${number.slice(-2)}`)

    const admin = await createAgent({ role: 'admin' })
    const log = await client.get('/agents/admin/sms').withGuard('agent').loginAs(admin)
    log.assertStatus(200)
    log.assertTextIncludes(entry.recipientMasked)
    assert.notInclude(log.text(), number)
    log.assertTextIncludes('mars 2027')
    const simulator = await client
      .get('/agents/admin/sms/simulateur')
      .withGuard('agent')
      .loginAs(admin)
    simulator.assertStatus(200)
    simulator.assertTextIncludes(number)
    simulator.assertTextIncludes('Hotel de ville, guichet')
    const resident403 = await client.get('/agents/admin/sms').loginAs(resident).redirects(0)
    assert.notEqual(resident403.status(), 200)
  })

  test('the sender name setting takes 3 to 11 letters or digits only', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    const refused = await client
      .post('/agents/admin/reglages/notifications')
      .form({ notifications__smsSender: 'Mairie Evry' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.match(JSON.stringify(refused.flashMessages()), /3 à 11 lettres ou chiffres/)
    await client
      .post('/agents/admin/reglages/notifications')
      .form({ notifications__smsSender: 'MairieEvry' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    const row = await db
      .from('module_settings')
      .where({ module: 'notifications', key: 'smsSender' })
      .first()
    assert.equal(JSON.parse(row.value), 'MairieEvry')
  })
})
