import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import type User from '#accounts/models/user'
import Demand from '#demands/models/demand'
import SubmitDemand from '#demands/actions/submit_demand'

/** Minimal but real file contents, recognised (or not) from their first bytes. */
export const FILES = {
  pdf: Buffer.concat([
    Buffer.from('%PDF-1.4\n'),
    Buffer.from('1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n'),
  ]),
  png: Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
    'hex'
  ),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
}

/** Writes a file under tmp/ for upload tests (30 MB files are better streamed from disk). */
export async function fixtureFile(name: string, content: Buffer | { size: number }) {
  const dir = app.makePath('tmp', 'test-uploads')
  await mkdir(dir, { recursive: true })
  const path = join(dir, name)
  const bytes = Buffer.isBuffer(content)
    ? content
    : Buffer.concat([FILES.pdf, Buffer.alloc(content.size - FILES.pdf.length, 0x20)])
  await writeFile(path, bytes)
  return path
}

/** A draft of the fixture's three-step procedure by `user`, just started: no answer yet. */
export async function emptyDraft(user: User) {
  return Demand.create({
    procedureKey: 'demande-essai',
    serviceSlug: 'urbanisme',
    state: 'draft',
    origin: 'web',
    userId: user.id,
    answers: {},
    currentStep: 0,
  })
}

/** A draft of the fixture's three-step procedure by `user`, every step answered, ready to be sent. */
export async function threeStepDraft(user: User, answers: Record<string, unknown> = {}) {
  return Demand.create({
    procedureKey: 'demande-essai',
    serviceSlug: 'urbanisme',
    state: 'draft',
    origin: 'web',
    userId: user.id,
    applicantFirstName: user.firstName,
    applicantLastName: user.lastName,
    applicantEmail: user.email,
    answers: {
      subject: 'works',
      description: 'Ravalement de façade, 3 rue des Lilas',
      hasDocument: 'no',
      consent: true,
      ...answers,
    },
    currentStep: 3,
  })
}

/** A submitted demand of the fixture's three-step procedure, as if filed on the web by `user`. */
export async function fileThreeStepDemand(user: User, answers: Record<string, unknown> = {}) {
  const draft = await threeStepDraft(user, answers)
  return new SubmitDemand().handle(draft.id)
}
