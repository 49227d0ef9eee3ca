import School from '../models/school.js'
import type { SchoolInput } from '../validators/schools.js'

/**
 * An admin adds a school or corrects one (name, address, classes). A class
 * taken off the list stays on the records of the children already in it
 * until an agent changes them.
 */
export default class SaveSchool {
  async handle(school: School | null, input: SchoolInput, classes: string[]) {
    const fields = { name: input.name, address: input.address ?? null, classes }
    if (!school) return School.create(fields)
    school.merge(fields)
    await school.save()
    return school
  }
}
