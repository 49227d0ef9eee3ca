import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import { fieldError } from '#core/services/form_errors'
import type Category from '../models/category.js'
import type { NewReport } from '../actions/file_report.js'
import { detailsValidator } from '../validators/reports.js'
import { preparePhotos } from './photos.js'

export interface Draft {
  categoryId: number
  address: string
  lat: number
  lng: number
}

/** The photos sent with a form, checked and cleaned, or the field error that says what is wrong. */
export async function sentPhotos(ctx: HttpContext) {
  const prepared = await preparePhotos(ctx.request.files('photos'))
  if ('problem' in prepared)
    throw fieldError('photos', ctx.i18n.t(prepared.problem.key, prepared.problem.data))
  return prepared.photos
}

/** The second step's form as the report to file: the contact is the account's, else the one typed (e-mail required). */
export async function filingInput(
  ctx: HttpContext,
  draft: Draft,
  category: Category,
  user: User | null
): Promise<NewReport> {
  const input = await ctx.request.validateUsing(detailsValidator)
  if (!user && !input.email)
    throw fieldError('email', ctx.i18n.t('public_space.details.email_required'))
  const contact = user
    ? { name: `${user.firstName} ${user.lastName}`, email: user.email, phone: user.phone ?? null }
    : { name: input.name ?? null, email: input.email ?? null, phone: input.phone ?? null }
  const photos = await sentPhotos(ctx)
  const { address, lat, lng } = draft
  return {
    category,
    address,
    lat,
    lng,
    description: input.description,
    contact,
    userId: user?.id ?? null,
    photos,
  }
}
