import vine from '@vinejs/vine'
import { AGENT_ROLES } from '#accounts/models/agent'
import { MAX_PASSWORD_LENGTH, strongPassword } from '#accounts/services/password_policy'
import { formValidator, knownIds, multiLineText, singleLineText } from '#core/services/validation'
import { SERVICE_SLUG_PATTERN } from '#core/modules/define_module'

const email = () =>
  vine
    .string()
    .trim()
    .maxLength(254)
    .email()
    .normalizeEmail({ all_lowercase: true, gmail_remove_dots: false })
const personName = () => singleLineText(100).minLength(1)

export const agentLoginValidator = formValidator(
  'back_office.login',
  vine.compile(
    vine.object({ email: email(), password: vine.string().maxLength(MAX_PASSWORD_LENGTH) })
  )
)

export const agentEmailValidator = formValidator(
  'back_office.email',
  vine.compile(vine.object({ email: email() }))
)

const agentFields = {
  firstName: personName(),
  lastName: personName(),
  role: vine.enum(AGENT_ROLES),
  // A single checked box arrives as a plain value from clients that do not use services[].
  services: vine
    .array(vine.number().positive())
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .minLength(1)
    .distinct()
    .use(knownIds({ table: 'services' })),
  active: vine.boolean().optional(),
  // `<service id>:<permission>` of the boxes ticked (checked against what the form offered by the action's caller).
  permissions: vine
    .array(vine.string().trim().maxLength(200))
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .distinct()
    .optional(),
}

export const createAgentValidator = formValidator(
  'back_office.agent',
  vine.compile(vine.object({ ...agentFields, email: email() }))
)
export const updateAgentValidator = vine.compile(vine.object(agentFields))

export const agentPasswordValidator = formValidator(
  'back_office.password',
  vine.compile(
    vine.object({
      password: vine
        .string()
        .maxLength(MAX_PASSWORD_LENGTH)
        .use(strongPassword())
        .confirmed({ confirmationField: 'passwordConfirmation' }),
      passwordConfirmation: vine.string().maxLength(MAX_PASSWORD_LENGTH).optional(),
    })
  )
)

const serviceFields = {
  name: singleLineText(150).minLength(2),
  email: email().optional(),
  description: multiLineText(2000).optional(),
  active: vine.boolean().optional(),
}

export const createServiceValidator = formValidator(
  'back_office.service',
  vine.compile(
    vine.object({
      ...serviceFields,
      slug: vine.string().trim().maxLength(60).regex(SERVICE_SLUG_PATTERN),
    })
  )
)
export const updateServiceValidator = vine.compile(vine.object(serviceFields))
