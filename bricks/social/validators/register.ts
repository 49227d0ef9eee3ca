import vine from '@vinejs/vine'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import type { I18n } from '@adonisjs/i18n'
import { formValidator, knownIds, multiLineText, singleLineText } from '#core/services/validation'
import { ALERT_KINDS } from '../models/alert.js'
import { CALL_OUTCOMES } from '../models/alert_call.js'

export const DAY = /^\d{4}-\d{2}-\d{2}$/
const PHONE = /^(\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/

const phone = () => vine.string().trim().maxLength(20).regex(PHONE)

/** The person registered and what the service needs to help them, whoever registers them. */
const person = {
  firstName: singleLineText(80).minLength(1),
  lastName: singleLineText(80).minLength(1),
  birthDate: vine.string().trim().regex(DAY).optional(),
  disabled: vine.boolean().optional(),
  phone: phone(),
  addressLine: singleLineText(200).minLength(1),
  postalCode: vine
    .string()
    .trim()
    .maxLength(5)
    .regex(/^\d{5}$/),
  city: singleLineText(80).minLength(1),
  sector: vine
    .number()
    .withoutDecimals()
    .positive()
    .use(knownIds({ table: 'social_register_sectors' }))
    .optional(),
  referentName: singleLineText(120).optional(),
  referentPhone: phone().optional(),
  needs: multiLineText(1000).optional(),
  // Registration is voluntary: without the person's consent, nothing is kept.
  consent: vine.accepted(),
}

/** What a resident fills in /solidarites/registre-vulnerables, for themself or a relative. */
export const residentRegisterValidator = formValidator(
  'social.register.resident',
  vine.compile(vine.object({ relation: vine.enum(['self', 'relative'] as const), ...person }))
)

/** What an agent fills for a person registered at the counter or by phone. */
export const agentRegisterValidator = formValidator(
  'social.register.agent',
  vine.compile(vine.object(person))
)

export type RegisterInput = Omit<
  Awaited<ReturnType<typeof residentRegisterValidator.validate>>,
  'relation'
>

/** An agent places a registration in a sector and marks it checked. */
export const checkValidator = formValidator(
  'social.register.check',
  vine.compile(
    vine.object({
      sector: vine
        .number()
        .withoutDecimals()
        .positive()
        .use(knownIds({ table: 'social_register_sectors' })),
    })
  )
)

export const sectorValidator = formValidator(
  'social.register.sector',
  vine.compile(
    vine.object({
      name: singleLineText(80).minLength(1),
      streets: singleLineText(500).optional(),
    })
  )
)

export const alertValidator = formValidator(
  'social.alerts.open',
  vine.compile(
    vine.object({
      kind: vine.enum(ALERT_KINDS),
      startsOn: vine.string().trim().regex(DAY),
      endsOn: vine.string().trim().regex(DAY),
    })
  )
)

export const callValidator = formValidator(
  'social.alerts.call',
  vine.compile(
    vine.object({
      entry: vine.number().withoutDecimals().positive(),
      outcome: vine.enum(CALL_OUTCOMES),
      note: singleLineText(200).optional(),
    })
  )
)

/**
 * The brick's messages for these forms: each field named by its label
 * (`social.register.fields.<name>`), with a message of its own where one is
 * written (`social.register.errors.<name>.<rule>`), else the shared one.
 */
export class RegisterMessages implements MessagesProviderContact {
  constructor(private i18n: I18n) {}

  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    meta?: Record<string, any>
  ) {
    const name = String(field.name)
    const labelKey = `social.register.fields.${name}`
    const label = this.i18n.hasMessage(labelKey) ? this.i18n.t(labelKey) : name
    const own = `social.register.errors.${name}.${rule}`
    if (this.i18n.hasMessage(own)) return this.i18n.t(own, { field: label, ...meta })
    const shared = `validator.shared.messages.${rule}`
    return this.i18n.hasMessage(shared)
      ? this.i18n.t(shared, { field: label, ...meta })
      : defaultMessage
  }
}
