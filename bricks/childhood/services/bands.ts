import Quotient from '../models/quotient.js'
import type { Band } from '../models/activity.js'

/** Quotient familial bands (€): A up to 400, B up to 800, C up to 1,200, D above — and D when none was validated. */
export function bandOf(value: number | null | undefined): Band {
  if (value === null || value === undefined) return 'D'
  if (value <= 400) return 'A'
  if (value <= 800) return 'B'
  if (value <= 1200) return 'C'
  return 'D'
}

/** School meal price by band, in cents. */
export const MEAL_PRICES: Record<Band, number> = { A: 120, B: 285, C: 380, D: 450 }

export async function familyBand(userId: number): Promise<Band> {
  const quotient = await Quotient.query().where('userId', userId).where('status', 'validated').orderBy('id', 'desc').first()
  return bandOf(quotient?.value)
}
