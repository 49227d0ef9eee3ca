import vine from '@vinejs/vine'

/** Contact details of someone filing without an account (or of the person an agent files for). */
export const applicantValidator = vine.compile(
  vine.object({
    firstName: vine.string().trim().minLength(1).maxLength(100),
    lastName: vine.string().trim().minLength(1).maxLength(100),
    email: vine.string().trim().maxLength(254).email(),
    phone: vine
      .string()
      .trim()
      .regex(/^(\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/)
      .optional(),
  })
)

/** A message in a demand's thread, with optional attachments (checked separately). */
export const messageValidator = vine.compile(
  vine.object({
    body: vine.string().trim().minLength(1).maxLength(5000),
  })
)
