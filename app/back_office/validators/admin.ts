import vine from '@vinejs/vine'
import { AGENT_ROLES } from '#accounts/models/agent'
import { MAX_PASSWORD_LENGTH, strongPassword } from '#accounts/services/password_policy'

const email = () => vine.string().trim().maxLength(254).email().normalizeEmail({ all_lowercase: true, gmail_remove_dots: false })
const personName = () => vine.string().trim().minLength(1).maxLength(100)

export const agentLoginValidator = vine.compile(
  vine.object({ email: email(), password: vine.string().maxLength(MAX_PASSWORD_LENGTH) })
)

export const agentEmailValidator = vine.compile(vine.object({ email: email() }))

const agentFields = {
  firstName: personName(),
  lastName: personName(),
  role: vine.enum(AGENT_ROLES),
  // A single checked box arrives as a plain value from clients that do not use services[].
  services: vine
    .array(vine.number().positive())
    .parse((value) => (value === undefined || value === null || Array.isArray(value) ? value : [value]))
    .minLength(1)
    .distinct(),
  active: vine.boolean().optional(),
}

export const createAgentValidator = vine.compile(vine.object({ ...agentFields, email: email() }))
export const updateAgentValidator = vine.compile(vine.object(agentFields))

export const agentPasswordValidator = vine.compile(
  vine.object({
    password: vine.string().maxLength(MAX_PASSWORD_LENGTH).use(strongPassword()).confirmed({ confirmationField: 'passwordConfirmation' }),
  })
)

const serviceFields = {
  name: vine.string().trim().minLength(2).maxLength(150),
  email: email().optional(),
  description: vine.string().trim().maxLength(2000).optional(),
  active: vine.boolean().optional(),
}

export const createServiceValidator = vine.compile(
  vine.object({
    ...serviceFields,
    slug: vine
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,59}$/),
  })
)
export const updateServiceValidator = vine.compile(vine.object(serviceFields))
