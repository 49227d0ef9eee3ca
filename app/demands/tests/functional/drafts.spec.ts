import { test } from '@japa/runner'
import type { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import Job from '#jobs/job'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#core/database/dialect'
import { Worker } from '#jobs/worker'
import { Scheduler, scheduleKey } from '#jobs/scheduler'
import { parseEvery } from '#core/modules/schedule'
import { createResident } from '#tests/support/factories/accounts'
import { emptyDraft, fileThreeStepDemand } from '#tests/support/factories/demands'
import { clock } from '#core/clock'

test.group('Drafts', () => {
  test('drafts untouched for 30 days are purged with their files by the nightly run the scheduler enqueues, once a night', async ({
    assert,
  }) => {
    const user = await createResident()
    const now = clock.now()
    const old = await Demand.create({
      procedureKey: 'demande-essai',
      serviceSlug: 'urbanisme',
      state: 'draft',
      origin: 'web',
      userId: user.id,
      answers: {},
      currentStep: 1,
    })
    await drive.use().put(`demands/${old.id}/old.pdf`, '%PDF-1.4')
    await DemandFile.create({
      demandId: old.id,
      fieldName: 'document',
      originalName: 'old.pdf',
      storageKey: `demands/${old.id}/old.pdf`,
      mimeType: 'application/pdf',
      size: 8,
      uploadedBy: 'resident',
    })
    // The model would stamp updated_at with now: the past is written directly.
    const age = (demand: Demand, days: number) =>
      db
        .from('demands')
        .where('id', demand.id)
        .update({ updated_at: dbTimestamp(now.minus({ days })) })
    await age(old, 31)
    const recent = await emptyDraft(user)
    await age(recent, 29)
    const filed = await fileThreeStepDemand(user)
    await age(filed, 400)

    // The demands manifest schedules the purge at 03:00: a scheduler starting now enqueues the latest night's run.
    const scheduler = new Scheduler()
    const lastNight = parseEvery('daily 03:00').lastDue(now)
    assert.include(
      (await scheduler.tick(now)).map((job) => job.idempotencyKey),
      scheduleKey('purge_drafts', lastNight)
    )
    await new Worker().drain(now)

    assert.isNull(await Demand.find(old.id))
    assert.isFalse(await drive.use().exists(`demands/${old.id}/old.pdf`))
    assert.isNotNull(await Demand.find(recent.id))
    assert.isNotNull(await Demand.find(filed.id))
    // Nothing more until the next night (other schedules, like the payments check, may come meanwhile), then that night's run, once.
    const purges = async (at: DateTime) =>
      (await scheduler.tick(at))
        .filter((job) => job.name === 'purge_drafts')
        .map((job) => [job.idempotencyKey, job.status])
    const nextNight = parseEvery('daily 03:00').nextDue(now)
    assert.deepEqual(await purges(nextNight.minus({ minutes: 1 })), [])
    assert.deepEqual(await purges(nextNight), [[scheduleKey('purge_drafts', nextNight), 'pending']])
    assert.deepEqual(await purges(nextNight.plus({ minutes: 1 })), [])
    assert.lengthOf(await Job.query().where('name', 'purge_drafts'), 2)
  })

  test('closed demands are deleted with their files once their procedure’s retention has passed; open ones stay', async ({
    assert,
  }) => {
    const user = await createResident()
    const { applyRetention } = await import('#demands/jobs/apply_retention')
    const now = clock.now()
    // The fixture procedure keeps closed demands 24 months.
    const old = await fileThreeStepDemand(user)
    const recent = await fileThreeStepDemand(user)
    const open = await fileThreeStepDemand(user)
    await drive.use().put(`demands/${old.id}/piece.pdf`, '%PDF-1.4')
    await DemandFile.create({
      demandId: old.id,
      fieldName: 'document',
      originalName: 'piece.pdf',
      storageKey: `demands/${old.id}/piece.pdf`,
      mimeType: 'application/pdf',
      size: 8,
      uploadedBy: 'resident',
    })
    await db
      .from('demands')
      .where('id', old.id)
      .update({ state: 'accepted', closed_at: dbTimestamp(now.minus({ months: 25 })) })
    await db
      .from('demands')
      .where('id', recent.id)
      .update({ state: 'accepted', closed_at: dbTimestamp(now.minus({ months: 23 })) })
    await db
      .from('demands')
      .where('id', open.id)
      .update({ submitted_at: dbTimestamp(now.minus({ months: 40 })) })
    assert.equal(await applyRetention(now), 1)
    assert.isNull(await Demand.find(old.id))
    assert.isFalse(await drive.use().exists(`demands/${old.id}/piece.pdf`))
    assert.isNotNull(await Demand.find(recent.id))
    assert.isNotNull(await Demand.find(open.id))
  })

  test('htmx checks one field with the step’s own validator', async ({ client, assert }) => {
    const user = await createResident()
    const draft = await Demand.create({
      procedureKey: 'demande-essai',
      serviceSlug: 'urbanisme',
      state: 'draft',
      origin: 'web',
      userId: user.id,
      answers: {},
      currentStep: 0,
    })
    const url = `/demarches/demande-essai/${draft.id}/etape/1/verifier`
    const missing = await client
      .post(url)
      .form({ _field: 'otherSubject', subject: 'other', otherSubject: '' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    missing.assertStatus(200)
    missing.assertTextIncludes('Renseignez le champ « Précisez l’objet »')
    const fine = await client
      .post(url)
      .form({ _field: 'otherSubject', subject: 'other', otherSubject: 'Arbre' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    assert.notInclude(fine.text(), 'field__error')
    const notShown = await client
      .post(url)
      .form({ _field: 'otherSubject', subject: 'works' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    assert.notInclude(notShown.text(), 'field__error')
  })
})
