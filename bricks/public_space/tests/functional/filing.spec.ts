import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import sharp from 'sharp'
import modules from '#core/services/modules'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'
import Report from '../../models/report.js'
import Photo from '../../models/photo.js'
import Follower from '../../models/follower.js'
import { categories, draftAt, photoWithGps } from '../support.js'
import { geocoderSimulator } from '#connectors/address_base/geocoder'

const HTML_AS_JPEG = Buffer.from('<!doctype html><html><script>alert(1)</script></html>')
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')

test.group('Reporting a problem (/signalements/nouveau)', () => {
  test('a resident locates a street light by its address: the point found is kept for the next step', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const user = await createResident()
    const located = await client
      .post('/signalements/nouveau')
      .form({ problem: streetLight.id, location: '12 rue de la Gare Villeneuve' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    located.assertStatus(303)
    located.assertHeader('location', '/signalements/nouveau/details')
    const draft = located.session().public_space_draft
    assert.deepEqual(draft, {
      categoryId: streetLight.id,
      address: '12 Rue de la Gare 91000 Villeneuve',
      lat: 48.63,
      lng: 2.44,
    })
    const details = await client
      .get('/signalements/nouveau/details')
      .withGuard('web')
      .loginAs(user)
      .withSession(draftAt(streetLight.id))
    details.assertTextIncludes('48.63000, 2.44000')
    details.assertTextIncludes('Lampadaire en panne')
  })

  test('an address outside the city, or one nobody knows, is refused with a French message', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const outside = await client
      .post('/signalements/nouveau')
      .form({ problem: streetLight.id, location: '1 place de la Concorde Paris' })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(outside).location, [
      '« 1 Place de la Concorde 75008 Paris » est en dehors de la commune : la ville ne peut intervenir que sur son territoire',
    ])
    const unknown = await client
      .post('/signalements/nouveau')
      .form({ problem: streetLight.id, location: '99 chemin des Nuages' })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(unknown).location, [
      'Cette adresse est introuvable : vérifiez le numéro et le nom de la rue',
    ])
    const parent = await client
      .post('/signalements/nouveau')
      .form({ problem: streetLight.parentId, location: '12 rue de la Gare' })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(parent).problem, ['Choisissez le problème dans la liste'])
  })

  test('from an account, the report with a photo is filed at once: reference shown, in the service queue, photo served without EXIF', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const user = await createResident({ email: 'lampadaire@example.org' })
    const original = await photoWithGps()
    assert.isDefined((await sharp(original).metadata()).exif)
    const filed = await client
      .post('/signalements/nouveau/details')
      .withGuard('web')
      .loginAs(user)
      .withSession(draftAt(streetLight.id))
      .withCsrfToken()
      .fields({ description: 'Le lampadaire devant le 12 ne s’allume plus.' })
      .file('photos', original, { filename: 'IMG_0001.jpg' })
      .redirects(0)
    filed.assertStatus(303)
    filed.assertHeader('location', '/signalements/nouveau/envoye')
    const report = await Report.firstOrFail()
    assert.match(report.reference, /^S-\d{4}-\d{6}$/)
    assert.equal(report.team, 'Équipe éclairage')
    assert.equal(report.serviceSlug, 'services_techniques')
    assert.isNotNull(report.verifiedAt)

    const page = await client
      .get('/signalements/nouveau/envoye')
      .withGuard('web')
      .loginAs(user)
      .withSession({ public_space_filed: report.id })
    page.assertTextIncludes(report.reference)

    const agent = await createAgent({ services: ['services_techniques'] })
    const queue = await client.get('/agents/signalements').withGuard('agent').loginAs(agent)
    queue.assertTextIncludes(report.reference)
    queue.assertTextIncludes('Éclairage public › Lampadaire en panne')

    const photo = await Photo.firstOrFail()
    const served = await client
      .get(`/agents/signalements/photos/${photo.id}`)
      .withGuard('agent')
      .loginAs(agent)
    served.assertStatus(200)
    const bytes = Buffer.from(await drive.use().getBytes(photo.storageKey))
    const metadata = await sharp(bytes).metadata()
    assert.isUndefined(metadata.exif)
    assert.equal(metadata.format, 'jpeg')
    assert.isFalse(bytes.includes(Buffer.from('Exif')))
    assert.isFalse(bytes.includes(Buffer.from('PhoneMaker')))

    const mail = await mailbox.waitFor('lampadaire@example.org', /Signalement S-\d{4}-\d{6} reçu/)
    assert.include(mail.text!, report.address)
  })

  test('an SVG, an HTML file renamed .jpg and a fourth photo are refused in French and nothing is stored', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const user = await createResident()
    const send = (files: [Buffer, string][]) => {
      const request = client
        .post('/signalements/nouveau/details')
        .withGuard('web')
        .loginAs(user)
        .withSession(draftAt(streetLight.id))
        .withCsrfToken()
        .fields({ description: 'Lampadaire éteint' })
        .redirects(0)
      for (const [bytes, filename] of files) request.file('photos', bytes, { filename })
      return request
    }
    const svg = await send([[SVG, 'plan.svg']])
    assert.deepEqual(inputErrors(svg).photos, [
      '« plan.svg » n’est pas une photo acceptée : envoyez une image JPEG, PNG, WEBP',
    ])
    const html = await send([[HTML_AS_JPEG, 'photo.jpg']])
    assert.deepEqual(inputErrors(html).photos, [
      '« photo.jpg » n’est pas une photo acceptée : envoyez une image JPEG, PNG, WEBP',
    ])
    const photo = await photoWithGps()
    const four = await send([
      [photo, '1.jpg'],
      [photo, '2.jpg'],
      [photo, '3.jpg'],
      [photo, '4.jpg'],
    ])
    assert.deepEqual(inputErrors(four).photos, ['Ajoutez au plus 3 photos'])
    assert.lengthOf(await Report.all(), 0)
    assert.lengthOf(await Photo.all(), 0)
  })

  test('a 30 MB image is refused and nothing is stored', async ({ client, assert }) => {
    const { streetLight } = await categories()
    const user = await createResident()
    const huge = Buffer.alloc(30 * 1024 * 1024, 0)
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(huge)
    const refused = await client
      .post('/signalements/nouveau/details')
      .withGuard('web')
      .loginAs(user)
      .withSession(draftAt(streetLight.id))
      .withCsrfToken()
      .fields({ description: 'Lampadaire éteint' })
      .file('photos', huge, { filename: 'grande.jpg' })
      .redirects(0)
    refused.assertStatus(302)
    assert.deepEqual(inputErrors(refused).photos, ['La photo « grande.jpg » dépasse 10 Mo'])
    assert.lengthOf(await Report.all(), 0)
    assert.lengthOf(await Photo.all(), 0)
  })

  test('anonymously, the e-mail is required; the report enters the queue once the mailed link confirms it', async ({
    client,
    assert,
  }) => {
    const { pothole } = await categories()
    const missing = await client
      .post('/signalements/nouveau/details')
      .withSession(draftAt(pothole.id))
      .withCsrfToken()
      .fields({ description: 'Un trou profond sur la chaussée' })
      .redirects(0)
    assert.deepEqual(inputErrors(missing).email, [
      'Renseignez votre adresse e-mail pour être tenu informé',
    ])
    await client
      .post('/signalements/nouveau/details')
      .withSession(draftAt(pothole.id))
      .withCsrfToken()
      .fields({ description: 'Un trou profond sur la chaussée', email: 'passant@example.org' })
      .redirects(0)
    const report = await Report.firstOrFail()
    assert.isNull(report.verifiedAt)
    const agent = await createAgent({ services: ['services_techniques'] })
    const before = await client.get('/agents/signalements').withGuard('agent').loginAs(agent)
    assert.notInclude(before.text(), report.reference)

    const mail = await mailbox.waitFor('passant@example.org', /Confirmez votre signalement/)
    const link = mailbox.linkIn(mail, '/confirmer')
    const forged = await client.get(new URL(link).pathname)
    forged.assertStatus(404)
    const confirmed = await client.get(link.replace(/^https?:\/\/[^/]+/, ''))
    confirmed.assertStatus(200)
    confirmed.assertTextIncludes(report.reference)
    const after = await client.get('/agents/signalements').withGuard('agent').loginAs(agent)
    after.assertTextIncludes(report.reference)
    assert.lengthOf(await Follower.query().where('email', 'passant@example.org'), 1)
  })

  test('while the address search is down, step 1 says so next to the address', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const simulator = (await geocoderSimulator())!
    simulator.down = true
    try {
      const refused = await client
        .post('/signalements/nouveau')
        .form({ problem: streetLight.id, location: '12 rue de la Gare' })
        .withCsrfToken()
        .redirects(0)
      assert.deepEqual(inputErrors(refused).location, [
        'La recherche d’adresse ne répond pas pour l’instant : réessayez dans quelques minutes',
      ])
    } finally {
      simulator.down = false
    }
  })

  test('its pages answer 404 while the brick is disabled', async ({ client }) => {
    modules.enableFromSetting('none')
    try {
      ;(await client.get('/signalements')).assertStatus(404)
      ;(await client.get('/signalements/nouveau')).assertStatus(404)
    } finally {
      modules.enableFromSetting(undefined)
    }
  })
})
