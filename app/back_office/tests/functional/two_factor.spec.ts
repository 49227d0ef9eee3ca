import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ace from '@adonisjs/core/services/ace'
import ParvisAdmin from '../../../../commands/parvis_admin.js'
import { secondFactorChecks } from '#back_office/services/second_factor_checks'
import { writeSetting } from '#core/services/settings'
import type Agent from '#accounts/models/agent'
import AuditEntry from '#accounts/models/audit_entry'
import AgentRecoveryCode from '#accounts/models/agent_recovery_code'
import parvisConfig from '#config/parvis'
import { clock } from '#core/clock'
import { Visitor } from '#tests/support/visitor'
import { mailbox } from '#tests/support/smtp'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import {
  authenticatorFrom,
  codeOf,
  enrolledAgent,
  qrSvgOf,
  readQrCode,
} from '#back_office/tests/support/second_factor'

const LOGIN = '/agents/connexion'
const CODE_PAGE = '/agents/connexion/code'
const LOGIN_ENROLMENT = '/agents/connexion/activation'
const ENROLMENT = '/agents/double-authentification/activation'
const RECOVERY_CODES = '/agents/double-authentification/codes-de-secours'

/** The first step of the login, on a device of the agent's own (or the one given). */
async function typePassword(agent: Agent, device = new Visitor()) {
  const response = await device.submit(LOGIN, LOGIN, {
    email: agent.email,
    password: GOOD_PASSWORD,
  })
  if (response.status !== 303) throw new Error(`password of ${agent.email}: ${response.status}`)
  return { device, next: response.location }
}

/** A six-digit code that is none of the three the application's window accepts now. */
function wrongCodeFor(app: ReturnType<typeof authenticatorFrom>) {
  const valid = new Set([codeOf(app, -30), codeOf(app), codeOf(app, 30)])
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code))!
}

/** The code the enrolment mail of a login gave that agent (the latest one). */
async function mailedEnrolmentCode(agent: Agent) {
  const mail = await mailbox.waitFor(agent.email, /code pour activer la double authentification/)
  const code = (mail.text ?? '').match(/\b(\d{6})\b/)
  if (!code) throw new Error(`no code in the enrolment mail of ${agent.email}`)
  return code[1]
}

function recoveryCodesOn(html: string) {
  return [...html.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((match) => match[1])
}

test.group('Agents’ second factor (TOTP)', (group) => {
  group.each.setup(() => {
    // At the start of a 30-second period, frozen: the codes the test computes are the server's.
    clock.travelTo('2026-12-07T09:00:01', { freeze: true })
  })

  test('an agent enrols by scanning the QR code the portal draws, then logs in with the codes of their application', async ({
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'], email: 'ines.robert@ville.example' })
    const { device, next } = await typePassword(agent)
    assert.equal(next, '/agents', 'without a factor and none required, the password is enough')
    const status = await device.get('/agents/double-authentification')
    assert.include(status.text, 'Non activée')

    const page = await device.get(ENROLMENT)
    assert.equal(page.status, 200)
    assert.equal(page.headers.get('cache-control'), 'no-store')
    const app = authenticatorFrom(await readQrCode(qrSvgOf(page.text)))
    assert.equal(app.label, 'ines.robert@ville.example')
    assert.equal(app.issuer, `${parvisConfig.city.name} (Parvis)`)
    assert.equal(app.digits, 6)
    assert.equal(app.period, 30)
    const shownKey = page.text.match(/data-secret-key>([A-Z2-7 ]+)</)?.[1]
    assert.equal(shownKey?.replace(/ /g, ''), app.secret.base32, 'the key to type by hand')
    assert.equal(
      (await device.get(ENROLMENT)).text.match(/data-secret-key>([A-Z2-7 ]+)</)?.[1],
      shownKey,
      'opening the page again shows the code already scanned'
    )

    const wrong = await device.post(ENROLMENT, { secondFactorCode: wrongCodeFor(app) })
    assert.equal(wrong.status, 422)
    assert.include(wrong.text, 'Ce code ne correspond pas')
    const enabled = await device.post(ENROLMENT, { secondFactorCode: codeOf(app) })
    assert.equal(enabled.status, 303)
    assert.equal(enabled.location, RECOVERY_CODES)

    const codesPage = await device.get(RECOVERY_CODES)
    const recoveryCodes = recoveryCodesOn(codesPage.text)
    assert.lengthOf(new Set(recoveryCodes), 10)
    assert.include(codesPage.text, 'ils ne seront plus affichés')
    assert.equal((await device.get(RECOVERY_CODES)).status, 302, 'the codes are shown once')
    const stored = await AgentRecoveryCode.query().where('agentId', agent.id)
    assert.lengthOf(stored, 10)
    assert.notInclude(
      stored.map((row) => row.codeHash),
      recoveryCodes[0],
      'only hashes are kept'
    )
    const row = await db.from('agent_second_factors').where('agent_id', agent.id).first()
    assert.notInclude(row.secret, app.secret.base32, 'the secret is encrypted at rest')
    const audit = await AuditEntry.query().where('action', 'second_factor.enabled')
    assert.deepEqual(
      audit.map((entry) => entry.agentId),
      [agent.id]
    )
    assert.include((await device.get('/agents/double-authentification')).text, 'Activée le')
    const notice = await mailbox.waitFor(
      'ines.robert@ville.example',
      /double authentification est activée/
    )
    assert.include(notice.text ?? '', 'Si vous n’êtes pas à l’origine de cette activation')
    await device.post('/agents/deconnexion')

    clock.travel({ seconds: 30 })
    const again = await typePassword(agent)
    assert.equal(again.next, CODE_PAGE)
    assert.equal((await again.device.get(CODE_PAGE)).status, 200)
    const loggedIn = await again.device.post(CODE_PAGE, { secondFactorCode: codeOf(app) })
    assert.equal(loggedIn.location, '/agents')
    assert.equal((await again.device.get('/agents')).status, 200)
  })

  test('an agent who passed only the password reaches no agents’ page, and the half-done login expires', async ({
    assert,
  }) => {
    const agent = await createAgent({ role: 'admin', services: ['accueil'] })
    const { app } = await enrolledAgent(agent)
    const { device, next } = await typePassword(agent)
    assert.equal(next, CODE_PAGE)
    for (const path of [
      '/agents',
      '/agents/demandes',
      '/agents/admin/agents',
      '/agents/double-authentification',
      ENROLMENT,
    ]) {
      const page = await device.get(path)
      assert.equal(page.status, 302, path)
      assert.equal(page.location, LOGIN, path)
    }
    // Knowing the password does not let anyone enrol a new authenticator in place of the agent's.
    assert.equal((await device.get(LOGIN_ENROLMENT)).location, CODE_PAGE)
    const forged = await device.post(LOGIN_ENROLMENT, { secondFactorCode: codeOf(app) })
    assert.equal(forged.location, CODE_PAGE)
    assert.equal((await device.get('/agents')).location, LOGIN)

    clock.travel({ minutes: 16 })
    const late = await device.post(CODE_PAGE, { secondFactorCode: codeOf(app) })
    assert.equal(late.location, LOGIN)
    assert.equal((await device.get('/agents')).location, LOGIN)
    assert.equal((await new Visitor().get(CODE_PAGE)).location, LOGIN, 'no password, no code page')
  })

  test('a code is accepted once: the same code, even within its 30 seconds, opens no second session', async ({
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const { app } = await enrolledAgent(agent)
    const code = codeOf(app)
    const first = await typePassword(agent)
    assert.equal(
      (await first.device.post(CODE_PAGE, { secondFactorCode: code })).location,
      '/agents'
    )

    const second = await typePassword(agent)
    const replayed = await second.device.post(CODE_PAGE, { secondFactorCode: code })
    assert.equal(replayed.status, 422)
    assert.include(replayed.text, 'Ce code n’est pas valable')
    const previous = await second.device.post(CODE_PAGE, { secondFactorCode: codeOf(app, -30) })
    assert.equal(previous.status, 422, 'nor the code of the period before it')
    assert.equal((await second.device.get('/agents')).location, LOGIN)

    clock.travel({ seconds: 30 })
    const next = await second.device.post(CODE_PAGE, {
      secondFactorCode: `${codeOf(app).slice(0, 3)} ${codeOf(app).slice(3)}`,
    })
    assert.equal(next.location, '/agents', 'the next code, typed as the application shows it')
  })

  test('a recovery code logs the agent in once; the second use fails', async ({ assert }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const { recoveryCodes } = await enrolledAgent(agent)
    const first = await typePassword(agent)
    const used = await first.device.post(CODE_PAGE, {
      secondFactorCode: recoveryCodes[3].toUpperCase(),
    })
    assert.equal(used.location, '/agents')
    const dashboard = await first.device.get('/agents')
    assert.equal(dashboard.status, 200)
    assert.include(dashboard.text, 'Il vous en reste 9.')
    await first.device.post('/agents/deconnexion')

    const second = await typePassword(agent)
    const reused = await second.device.post(CODE_PAGE, { secondFactorCode: recoveryCodes[3] })
    assert.equal(reused.status, 422)
    assert.equal((await second.device.get('/agents')).location, LOGIN)
    const another = await second.device.post(CODE_PAGE, { secondFactorCode: recoveryCodes[4] })
    assert.equal(another.location, '/agents')
  })

  test('wrong codes are throttled like passwords: after five, even the right code is refused, on any device', async ({
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const { app } = await enrolledAgent(agent)
    const { device } = await typePassword(agent)
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await device.post(CODE_PAGE, { secondFactorCode: wrongCodeFor(app) })
      assert.equal(wrong.status, 422, `attempt ${attempt}`)
    }
    const blocked = await device.post(CODE_PAGE, { secondFactorCode: codeOf(app) })
    assert.equal(blocked.status, 429)
    assert.isAbove(Number(blocked.headers.get('retry-after')), 60)
    assert.include(blocked.text, 'Trop de codes erronés')
    assert.equal((await device.get('/agents')).location, LOGIN)

    const elsewhere = await typePassword(agent)
    const alsoBlocked = await elsewhere.device.post(CODE_PAGE, { secondFactorCode: codeOf(app) })
    assert.equal(alsoBlocked.status, 429, 'counted per agent, not per session')
  })

  test('“remember this browser” skips the code for 30 days, for that agent only', async ({
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const other = await createAgent({ services: ['accueil'] })
    const { app } = await enrolledAgent(agent)
    await enrolledAgent(other)
    const { device } = await typePassword(agent)
    const remembered = await device.post(CODE_PAGE, {
      secondFactorCode: codeOf(app),
      rememberBrowser: '1',
    })
    assert.equal(remembered.location, '/agents')
    const cookie = device.cookie(`parvis_agent_browser_${agent.id}`)
    assert.isString(cookie)
    await device.post('/agents/deconnexion')

    assert.equal((await typePassword(agent, device)).next, '/agents')
    await device.post('/agents/deconnexion')
    assert.equal((await typePassword(other, device)).next, CODE_PAGE, 'another agent on it')
    const moved = new Map([[`parvis_agent_browser_${other.id}`, cookie!]])
    assert.equal(
      (await typePassword(other, Visitor.replaying(moved))).next,
      CODE_PAGE,
      'the cookie renamed for another agent opens nothing'
    )

    clock.travel({ days: 31 })
    const fresh = Visitor.replaying(new Map([[`parvis_agent_browser_${agent.id}`, cookie!]]))
    assert.equal((await typePassword(agent, fresh)).next, CODE_PAGE, 'after 30 days')
  })

  test('an admin resets an agent’s second factor: the audit log shows it, and the remembered browsers are forgotten', async ({
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const agent = await createAgent({
      services: ['accueil'],
      email: 'telephone.perdu@ville.example',
    })
    const { app } = await enrolledAgent(agent)
    const phone = await typePassword(agent)
    await phone.device.post(CODE_PAGE, { secondFactorCode: codeOf(app), rememberBrowser: '1' })
    await phone.device.post('/agents/deconnexion')

    const adminDevice = (await typePassword(admin)).device
    const list = await adminDevice.get('/agents/admin/agents')
    assert.match(list.text, /telephone\.perdu@ville\.example<\/td>[\s\S]*?<td>Activée<\/td>/)
    const edit = await adminDevice.get(`/agents/admin/agents/${agent.id}/modifier`)
    assert.include(edit.text, 'Réinitialiser la double authentification')
    const reset = await adminDevice.post(
      `/agents/admin/agents/${agent.id}/double-authentification/reinitialisation`
    )
    assert.equal(reset.location, `/agents/admin/agents/${agent.id}/modifier`)
    const after = await adminDevice.get(reset.location!)
    assert.include(after.text, 'La double authentification de l’agent est réinitialisée.')
    assert.include(after.text, 'L’agent n’a pas activé la double authentification.')

    const entries = await AuditEntry.query().where('action', 'second_factor.reset')
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].agentId, admin.id)
    assert.include(entries[0].detail ?? '', 'telephone.perdu@ville.example')
    const auditPage = await adminDevice.get('/agents/admin/audit')
    assert.include(auditPage.text, 'Double authentification d’un agent réinitialisée')
    assert.include(auditPage.text, 'telephone.perdu@ville.example')
    const notice = await mailbox.waitFor('telephone.perdu@ville.example', /a été réinitialisée/)
    assert.include(notice.text ?? '', 'Un administrateur a réinitialisé la double authentification')

    // Enrolled again on a new phone: the browser remembered with the old factor asks the code.
    await enrolledAgent(agent)
    assert.equal((await typePassword(agent, phone.device)).next, CODE_PAGE)
  })

  test('an agent who is not an admin cannot reset a colleague’s second factor', async ({
    assert,
  }) => {
    const colleague = await createAgent({ services: ['accueil'] })
    await enrolledAgent(colleague)
    const agent = await createAgent({ services: ['accueil'] })
    const { device } = await typePassword(agent)
    await device.get('/agents')
    const refused = await device.post(
      `/agents/admin/agents/${colleague.id}/double-authentification/reinitialisation`
    )
    assert.equal(refused.status, 403)
    assert.lengthOf(await db.from('agent_second_factors').where('agent_id', colleague.id), 1)
  })

  test('with the second factor required of admins, an admin without one is sent to enrolment after the password; with it required of all, every agent', async ({
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const agent = await createAgent({ services: ['accueil'] })
    const { device } = await typePassword(admin)
    const settings = await device.get('/agents/admin/reglages')
    assert.include(settings.text, 'Double authentification des agents')
    const saved = await device.post('/agents/admin/reglages/back_office', {
      back_office__secondFactorRequired: 'admins',
    })
    assert.equal(saved.status, 303)
    await device.post('/agents/deconnexion')

    const again = await typePassword(admin)
    assert.equal(again.next, LOGIN_ENROLMENT)
    for (const path of ['/agents', '/agents/admin/reglages', ENROLMENT])
      assert.equal((await again.device.get(path)).location, LOGIN, path)
    assert.equal((await again.device.get(CODE_PAGE)).location, LOGIN_ENROLMENT)
    const page = await again.device.get(LOGIN_ENROLMENT)
    assert.include(page.text, 'La ville exige la double authentification pour votre compte')
    const app = authenticatorFrom(await readQrCode(qrSvgOf(page.text)))
    const done = await again.device.post(LOGIN_ENROLMENT, {
      mailCode: await mailedEnrolmentCode(admin),
      secondFactorCode: codeOf(app),
    })
    assert.equal(done.location, RECOVERY_CODES)
    assert.lengthOf(recoveryCodesOn((await again.device.get(RECOVERY_CODES)).text), 10)
    assert.equal((await again.device.get('/agents/admin/reglages')).status, 200)

    assert.equal((await typePassword(agent)).next, '/agents', 'an agent who is not an admin')
    await again.device.post('/agents/admin/reglages/back_office', {
      back_office__secondFactorRequired: 'all',
    })
    assert.equal((await typePassword(agent)).next, LOGIN_ENROLMENT)
  })

  test('requiring the second factor logs out at once the agents it now applies to who have none; the others and the admin who changed it stay', async ({
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const colleague = await createAgent({ role: 'admin', services: ['accueil'] })
    const agent = await createAgent({ services: ['accueil'] })
    const enrolled = await createAgent({ services: ['accueil'] })
    const { app } = await enrolledAgent(enrolled)
    const devices = {
      admin: (await typePassword(admin)).device,
      colleague: (await typePassword(colleague)).device,
      agent: (await typePassword(agent)).device,
      enrolled: (await typePassword(enrolled)).device,
    }
    await devices.enrolled.post(CODE_PAGE, { secondFactorCode: codeOf(app) })
    const open = async (device: Visitor) => (await device.get('/agents')).status

    await devices.admin.post('/agents/admin/reglages/back_office', {
      back_office__secondFactorRequired: 'admins',
    })
    assert.equal((await devices.colleague.get('/agents')).location, LOGIN, 'an admin without one')
    assert.equal(await open(devices.agent), 200, 'not an admin: not required of them yet')
    assert.equal(await open(devices.admin), 200, 'the admin who changed the setting')

    await devices.admin.post('/agents/admin/reglages/back_office', {
      back_office__secondFactorRequired: 'all',
    })
    assert.equal((await devices.agent.get('/agents')).location, LOGIN, 'an agent without one')
    assert.equal(await open(devices.enrolled), 200, 'an agent who logged in with their code')
    assert.equal(await open(devices.admin), 200)
    assert.equal((await typePassword(agent)).next, LOGIN_ENROLMENT)
  })

  test('an admin who lost their phone gets their access back from the server: parvis:admin resets their second factor', async ({
    assert,
  }) => {
    const admin = await createAgent({
      role: 'admin',
      services: ['accueil'],
      email: 'seul.admin@ville.example',
    })
    await enrolledAgent(admin)
    ace.ui.switchMode('raw')
    try {
      const command = await ace.create(ParvisAdmin, ['seul.admin@ville.example'])
      await command.exec()
      command.assertSucceeded()
    } finally {
      ace.ui.switchMode('normal')
    }
    assert.lengthOf(await db.from('agent_second_factors').where('agent_id', admin.id), 0)
    assert.lengthOf(await db.from('agent_recovery_codes').where('agent_id', admin.id), 0)
    const entry = await AuditEntry.query().where('action', 'second_factor.reset').firstOrFail()
    assert.isNull(entry.agentId)
    assert.include(entry.detail ?? '', 'seul.admin@ville.example')
  })

  test('the second step and the enrolment speak English to an English browser', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    await enrolledAgent(agent)
    const pending = { agent_second_factor_pending: { agentId: agent.id, since: clock.nowMs() } }
    const code = await client.get(CODE_PAGE).header('accept-language', 'en').withSession(pending)
    code.assertStatus(200)
    assert.include(code.text(), 'Remember this browser for 30 days')

    const newcomer = await createAgent({ services: ['accueil'] })
    const enrolment = await client
      .get(ENROLMENT)
      .header('accept-language', 'en')
      .withGuard('agent')
      .loginAs(newcomer)
    enrolment.assertStatus(200)
    assert.include(enrolment.text(), 'Turn on two-factor authentication')
    assert.include(enrolment.text(), 'aria-label="QR code to scan with your authenticator app"')
  })

  test('an agent renews their recovery codes with a code of the application: ten new ones, the old ones refused', async ({
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const { app, recoveryCodes } = await enrolledAgent(agent)
    const { device } = await typePassword(agent)
    await device.post(CODE_PAGE, { secondFactorCode: recoveryCodes[0] })
    const status = await device.get('/agents/double-authentification')
    assert.include(status.text, '9 codes de secours restants')

    const withRecoveryCode = await device.post(RECOVERY_CODES, {
      secondFactorCode: recoveryCodes[1],
    })
    assert.equal(withRecoveryCode.status, 422, 'a recovery code does not renew the codes')
    const renewed = await device.post(RECOVERY_CODES, { secondFactorCode: codeOf(app) })
    assert.equal(renewed.location, RECOVERY_CODES)
    const page = await device.get(RECOVERY_CODES)
    assert.include(page.text, 'Vos nouveaux codes de secours sont prêts')
    const fresh = recoveryCodesOn(page.text)
    assert.lengthOf(fresh, 10)
    assert.include(
      (await device.get('/agents/double-authentification')).text,
      '10 codes de secours restants'
    )
    const audit = await AuditEntry.query().where('action', 'second_factor.recovery_codes_renewed')
    assert.lengthOf(audit, 1)
    await device.post('/agents/deconnexion')

    const old = await typePassword(agent)
    assert.equal(
      (await old.device.post(CODE_PAGE, { secondFactorCode: recoveryCodes[2] })).status,
      422,
      'an old code'
    )
    assert.equal(
      (await old.device.post(CODE_PAGE, { secondFactorCode: fresh[0] })).location,
      '/agents'
    )
  })

  test('the password alone does not enrol: the first enrolment at login also asks the code mailed to the agent, and five wrong ones start the login over', async ({
    assert,
  }) => {
    await db.transaction((trx) =>
      writeSetting('back_office', 'secondFactorRequired', 'all', { updatedBy: null, client: trx })
    )
    const agent = await createAgent({
      services: ['accueil'],
      email: 'mot.de.passe.vole@ville.example',
    })
    const { device, next } = await typePassword(agent)
    assert.equal(next, LOGIN_ENROLMENT)
    const mailed = await mailedEnrolmentCode(agent)
    const page = await device.get(LOGIN_ENROLMENT)
    assert.include(page.text, 'Code reçu par e-mail')
    assert.include(page.text, 'mot.de.passe.vole@ville.example')
    const app = authenticatorFrom(await readQrCode(qrSvgOf(page.text)))

    // Whoever holds only the password has the application's code, not the mail's.
    const wrong = mailed === '123456' ? '654321' : '123456'
    const refused = await device.post(LOGIN_ENROLMENT, {
      mailCode: wrong,
      secondFactorCode: codeOf(app),
    })
    assert.equal(refused.status, 422)
    assert.include(refused.text, 'Ce code ne correspond pas à celui envoyé par e-mail')
    assert.include(refused.text, 'href="#mailCode"')
    assert.lengthOf(
      await db
        .from('agent_second_factors')
        .where('agent_id', agent.id)
        .whereNotNull('confirmed_at'),
      0
    )
    assert.equal((await device.get('/agents')).location, LOGIN)

    for (let attempt = 2; attempt <= 4; attempt++)
      assert.equal(
        (await device.post(LOGIN_ENROLMENT, { mailCode: wrong, secondFactorCode: '000000' }))
          .status,
        422
      )
    const fifth = await device.post(LOGIN_ENROLMENT, {
      mailCode: wrong,
      secondFactorCode: '000000',
    })
    assert.equal(fifth.location, LOGIN)
    assert.include((await device.get(LOGIN)).text, 'Trop de codes erronés')
    // Even the right code no longer counts: the half-done login is gone.
    const late = await device.post(LOGIN_ENROLMENT, {
      mailCode: mailed,
      secondFactorCode: codeOf(app),
    })
    assert.equal(late.location, LOGIN)

    // The password again mails a new code, which enrols with the application's code.
    const again = await typePassword(agent, device)
    assert.equal(again.next, LOGIN_ENROLMENT)
    const second = await mailbox.waitFor(agent.email, /code pour activer/)
    const fresh = (second.text ?? '').match(/\b(\d{6})\b/)![1]
    const newApp = authenticatorFrom(
      await readQrCode(qrSvgOf((await device.get(LOGIN_ENROLMENT)).text))
    )
    const done = await device.post(LOGIN_ENROLMENT, {
      mailCode: fresh,
      secondFactorCode: codeOf(newApp),
    })
    assert.equal(done.location, RECOVERY_CODES)
    assert.equal((await device.get('/agents')).status, 200)
  })

  test('parvis:doctor warns while admins may log in with a password alone', async ({ assert }) => {
    assert.deepEqual(await secondFactorChecks(), [
      { status: 'warning', message: 'back_office.doctor.second_factor_optional' },
    ])
    await db.transaction((trx) =>
      writeSetting('back_office', 'secondFactorRequired', 'admins', {
        updatedBy: null,
        client: trx,
      })
    )
    assert.deepEqual(await secondFactorChecks(), [
      { status: 'ok', message: 'back_office.doctor.second_factor_admins' },
    ])
  })
})
