import { test } from '@japa/runner'
import Job from '#jobs/job'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'

test.group('Back office: a job whose worker is gone', () => {
  test('an admin finds the running job of a silent worker, confirms, and releases it without JavaScript; every page is accessible', async ({
    browser,
    assert,
  }) => {
    await createAgent({ role: 'admin', email: 'alice@ville.example' })
    const job = await Job.create({
      queue: 'mail',
      name: 'send_mail',
      payload: '{}',
      idempotencyKey: 'browser-orphan-job',
      status: 'running',
      attempts: 1,
      maxAttempts: 10,
      runAt: clock.now().minus({ minutes: 3 }),
      lockedAt: clock.now().minus({ minutes: 3 }),
      lockedBy: 'serveur-2:4242:abcdef',
      heartbeatAt: clock.now().minus({ minutes: 2 }),
    })

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail professionnelle').fill('alice@ville.example')
      await page.getByLabel('Mot de passe').fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()

      await page.goto(appUrl('/agents/admin/jobs?etat=running'))
      await assertAccessible(page, 'running jobs')
      await page.getByRole('link', { name: `Libérer Tâche n° ${job.id}` }).click()
      await expectHeading(page, `Libérer la tâche n° ${job.id}`)
      await assertAccessible(page, 'release confirmation')
      await page.getByRole('button', { name: 'Libérer la tâche' }).click()
      await expectHeading(page, `Tâche n° ${job.id}`)
      await page.getByText('La tâche est libérée').waitFor()
      await assertAccessible(page, 'released job')
    })
    await job.refresh()
    assert.equal(job.status, 'pending')
    assert.isNull(job.lockedBy)
  })
})
