import vine from '@vinejs/vine'

/** Which updates of their demands a resident wants by mail. */
export const preferencesValidator = vine.compile(
  vine.object({
    notifyByEmail: vine.boolean().optional(),
    mailOnStatusChange: vine.boolean().optional(),
    mailOnMessage: vine.boolean().optional(),
  })
)
