import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { readSettings } from '#core/services/settings'
import Quotient from '../models/quotient.js'
import type { Band } from '../models/activity.js'
import { childhoodSettings } from '../settings.js'

/** Quotient familial bands (€): A up to 400, B up to 800, C up to 1,200, D above — and D when none was validated. */
export function bandOf(value: number | null | undefined): Band {
  if (value === null || value === undefined) return 'D'
  if (value <= 400) return 'A'
  if (value <= 800) return 'B'
  if (value <= 1200) return 'C'
  return 'D'
}

/** School meal price by band, in cents, as the city set them (settings mealPriceA…D). */
export async function mealPrices(client?: QueryClientContract): Promise<Record<Band, number>> {
  const settings = await readSettings('childhood', childhoodSettings, client)
  return {
    A: settings.mealPriceA,
    B: settings.mealPriceB,
    C: settings.mealPriceC,
    D: settings.mealPriceD,
  }
}

export async function familyBand(userId: number): Promise<Band> {
  const quotient = await Quotient.query()
    .where('userId', userId)
    .where('status', 'validated')
    .orderBy('id', 'desc')
    .first()
  return bandOf(quotient?.value)
}
