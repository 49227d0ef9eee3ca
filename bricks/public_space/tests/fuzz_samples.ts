import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import Category from '../models/category.js'
import Photo from '../models/photo.js'
import FileReport from '../actions/file_report.js'

/**
 * The records the Signalements routes need in the forms fuzzer
 * (tests/functional/fuzz): a category, a report filed from the demo
 * resident's account with an accepted photo, and the draft the first step
 * leaves in the session so that the second step's form is reached.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident }) => {
  const category =
    (await Category.findBy('code', 'FUZZ_LAMPADAIRE')) ??
    (await Category.create({
      code: 'FUZZ_LAMPADAIRE',
      name: 'Lampadaire en panne',
      serviceSlug: 'services_techniques',
      team: null,
      position: 1,
      active: true,
      parentId: null,
    }))
  const report = await new FileReport().handle({
    category,
    address: '12 Rue de la Gare 91000 Villeneuve',
    lat: 48.63,
    lng: 2.44,
    description: 'Lampadaire éteint',
    contact: { name: null, email: resident.email, phone: null },
    userId: resident.id,
    photos: [],
  })
  const photo = await Photo.create({
    reportId: report.id,
    storageKey: 'public_space/fuzz/absent.jpg',
    mimeType: 'image/jpeg',
    accepted: true,
    origin: 'resident',
  })
  const onReport = [{ params: { id: report.id } }]
  return {
    params: {
      '/signalements/:id': onReport,
      '/api/v1/reports/:id': onReport,
      '/signalements/:id/suivre': onReport,
      '/signalements/:id/confirmer': onReport,
      '/signalements/:id/avis': onReport,
      '/signalements/photos/:id': [{ params: { id: photo.id } }],
      '/agents/signalements/:id': onReport,
      '/agents/signalements/:id/fiche': onReport,
      '/agents/signalements/:id/fusion': onReport,
      '/agents/signalements/photos/:id': [{ params: { id: photo.id } }],
      '/open311/v2/services/:resource': [
        { params: { resource: `${category.code}.xml` } },
        { params: { resource: `${category.code}.json` } },
      ],
      '/open311/v2/requests/:resource': [
        { params: { resource: `${report.reference}.xml` } },
        { params: { resource: `${report.reference}.json` } },
      ],
    },
    session: {
      public_space_draft: {
        categoryId: category.id,
        address: report.address,
        lat: 48.63,
        lng: 2.44,
      },
    },
  }
}

export default fuzzSamples
