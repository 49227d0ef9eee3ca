import { DateTime } from 'luxon'
import { BaseModel, beforeDelete, beforeSave, column } from '@adonisjs/lucid/orm'

/** The kinds of decree the register keeps; temporary ones have an end. */
export const DECREE_KINDS = [
  'reglementaire',
  'individuel',
  'temporaire_circulation',
  'temporaire_stationnement',
  'police_generale',
] as const
export type DecreeKind = (typeof DECREE_KINDS)[number]

export const TEMPORARY_KINDS: DecreeKind[] = ['temporaire_circulation', 'temporaire_stationnement']

/** What a later decree does to the one it names. */
export const TARGET_EFFECTS = ['abroge', 'modifie'] as const
export type TargetEffect = (typeof TARGET_EFFECTS)[number]

/** A register entry once numbered can never change again: the law asks for the act as signed and published. */
export class RegisteredDecreeError extends Error {
  constructor(number: string | null) {
    super(`Decree ${number ?? ''} is registered: it can be neither changed nor deleted`)
  }
}

/**
 * A municipal decree (arrêté). A draft (no number) is the agents' to edit or
 * drop; once registered it keeps its number, its PDF and its publication date
 * for ever: a later decree abrogates or amends it.
 */
export default class Decree extends BaseModel {
  static table = 'police_decrees'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare year: number | null

  @column()
  declare sequence: number | null

  @column()
  declare number: string | null

  @column()
  declare title: string

  @column()
  declare kind: DecreeKind

  @column()
  declare signatory: string

  @column()
  declare signedOn: string

  @column()
  declare startsOn: string | null

  @column()
  declare endsOn: string | null

  @column()
  declare places: string

  @column({ serializeAs: null })
  declare searchText: string

  @column({ serializeAs: null })
  declare storageKey: string

  @column()
  declare originalName: string

  @column()
  declare size: number

  @column({ columnName: 'sha256' })
  declare sha256: string

  @column()
  declare targetId: number | null

  @column()
  declare targetEffect: TargetEffect | null

  @column()
  declare residentId: number | null

  @column()
  declare demandId: number | null

  @column()
  declare createdBy: number | null

  @column.dateTime()
  declare registeredAt: DateTime | null

  @column.dateTime()
  declare publishedAt: DateTime | null

  @column.dateTime()
  declare notifiedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  get isTemporary() {
    return TEMPORARY_KINDS.includes(this.kind)
  }

  get placeList() {
    return this.places
      .split('\n')
      .map((place) => place.trim())
      .filter(Boolean)
  }

  /** Numbering is the one change a draft may receive on its way into the register; nothing after. */
  @beforeSave()
  static keepRegisteredUnchanged(decree: Decree) {
    if (decree.$isPersisted && decree.$original.registeredAt) {
      throw new RegisteredDecreeError(decree.$original.number)
    }
  }

  @beforeDelete()
  static neverDeleteRegistered(decree: Decree) {
    if (decree.$original.registeredAt) throw new RegisteredDecreeError(decree.$original.number)
  }
}

/** Words without accents nor case, as the register searches them. */
export function searchKey(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}
