import vine from '@vinejs/vine'

/** A slot chosen in the slot picker: the meeting point and the slot's start (ISO, UTC), checked again when booking. */
export const slotChoiceValidator = vine.compile(
  vine.object({
    point: vine.number().withoutDecimals().positive(),
    slot: vine.string().trim().maxLength(40),
  })
)
