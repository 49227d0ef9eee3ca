import sharp from 'sharp'
import Category from '../models/category.js'

/** The part of the category tree the tests use (every table is emptied between tests). */
export async function categories() {
  const lighting = await Category.create({
    code: 'ECLAIRAGE',
    name: 'Éclairage public',
    serviceSlug: 'services_techniques',
    team: null,
    position: 1,
    active: true,
    parentId: null,
  })
  const streetLight = await Category.create({
    code: 'ECLAIRAGE_LAMPADAIRE',
    name: 'Lampadaire en panne',
    serviceSlug: 'services_techniques',
    team: 'Équipe éclairage',
    position: 1,
    active: true,
    parentId: lighting.id,
  })
  const roads = await Category.create({
    code: 'VOIRIE',
    name: 'Voirie',
    serviceSlug: 'services_techniques',
    team: null,
    position: 2,
    active: true,
    parentId: null,
  })
  const pothole = await Category.create({
    code: 'VOIRIE_NIDPOULE',
    name: 'Nid de poule',
    serviceSlug: 'services_techniques',
    team: 'Équipe voirie',
    position: 1,
    active: true,
    parentId: roads.id,
  })
  return { lighting, streetLight, roads, pothole }
}

/** A small JPEG photo carrying EXIF with a GPS position and a camera model, as phones write them. */
export async function photoWithGps() {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#e0a030' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Modèle secret 3000' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 37/1 48/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 26/1 24/1',
      },
    })
    .toBuffer()
}

/** The draft the first step leaves in the session: a street light at 12 rue de la Gare. */
export function draftAt(
  categoryId: number,
  where: { address?: string; lat?: number; lng?: number } = {}
) {
  return {
    public_space_draft: {
      categoryId,
      address: where.address ?? '12 Rue de la Gare 91000 Villeneuve',
      lat: where.lat ?? 48.63,
      lng: where.lng ?? 2.44,
    },
  }
}

/** A report filed from an account (verified at once), without going through the pages. */
export async function filedReport(
  category: Category,
  options: {
    email?: string
    userId?: number | null
    lat?: number
    lng?: number
    address?: string
  } = {}
) {
  const { default: FileReport } = await import('../actions/file_report.js')
  return new FileReport().handle({
    category,
    address: options.address ?? '12 Rue de la Gare 91000 Villeneuve',
    lat: options.lat ?? 48.63,
    lng: options.lng ?? 2.44,
    description: 'Le lampadaire ne s’allume plus.',
    contact: { name: 'Marie Curie', email: options.email ?? 'auteur@example.org', phone: null },
    userId: options.userId ?? null,
    trusted: true,
    photos: [],
  })
}
