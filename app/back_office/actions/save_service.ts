import Service from '#accounts/models/service'

export class ServiceSlugTakenError extends Error {}

/** Creates a city service or updates one (its slug never changes: bricks refer to it). */
export default class SaveService {
  async handle(
    input: { slug?: string; name: string; email?: string; description?: string; active?: boolean },
    service?: Service
  ) {
    const target = service ?? new Service()
    if (!service) {
      if (await Service.findBy('slug', input.slug)) throw new ServiceSlugTakenError()
      target.slug = input.slug!
    }
    target.merge({
      name: input.name,
      email: input.email ?? null,
      description: input.description ?? null,
      active: input.active ?? false,
    })
    await target.save()
    return target
  }
}
