import { createHash, randomInt, timingSafeEqual } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import Agent from '#accounts/models/agent'
import AgentSecondFactor from '#accounts/models/agent_second_factor'
import { readSetting } from '#core/services/settings'
import { safeReturnPath } from '#core/http/return_path'
import { clock } from '#core/clock'
import { servedOverHttps } from '#config/parvis'
import { backOfficeSettings } from '#back_office/settings'
import { SESSIONS_TABLE } from '#accounts/services/session_store'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { queueMail } from '#notifications/queue_mail'

/*
 * The agents' login in two steps. The password alone never logs an agent
 * in when a second factor is due: the session then only holds "this agent
 * passed their password at this moment" (PENDING_KEY), which no page of the
 * back office accepts — the agent guard knows nobody — and which only the
 * code page and, for an agent who must enrol, the enrolment page read. The
 * guard logs the agent in once the second step is passed.
 */

const PENDING_KEY = 'agent_second_factor_pending'
/** Time to type a code, or to install an application and enrol, after the password. */
const PENDING_FOR_MS = 15 * 60_000
/** Wrong codes from the enrolment mail before the login starts over (and a new code is sent). */
export const MAIL_CODE_TRIES = 5

interface PendingLogin {
  agentId: number
  since: number
  /** enrolment at login: SHA-256 of the code mailed to the agent, and the wrong tries so far */
  mailCode?: string
  mailTries?: number
}

function hashOf(code: string) {
  return createHash('sha256').update(code).digest('hex')
}

export const CODE_PAGE = '/agents/connexion/code'
export const LOGIN_ENROLMENT_PAGE = '/agents/connexion/activation'

const REMEMBER_DAYS = 30
const REMEMBER_MS = REMEMBER_DAYS * 24 * 3600_000

interface RememberedBrowser {
  agentId: number
  key: string
  until: number
}

/** The agent's confirmed authenticator, if any. */
export function confirmedFactorOf(agentId: number) {
  return AgentSecondFactor.query().where('agentId', agentId).whereNotNull('confirmedAt').first()
}

/** Whether the city's setting requires a second factor of this agent. */
export async function secondFactorRequiredFor(agent: Agent) {
  const rule = await readSetting('back_office', backOfficeSettings, 'secondFactorRequired')
  return rule === 'all' || (rule === 'admins' && agent.isAdmin)
}

/**
 * After a right password: logs the agent in when no second factor is due
 * (none enrolled and none required, or this browser remembered), otherwise
 * notes the half-done login and sends the agent to the code page, or to
 * enrolment when the city requires a factor they do not have yet.
 */
export async function continueAfterPassword(ctx: HttpContext, agent: Agent) {
  const factor = await confirmedFactorOf(agent.id)
  const due = factor
    ? !isRememberedBrowser(ctx, agent, factor)
    : await secondFactorRequiredFor(agent)
  if (!due) return completeAgentLogin(ctx, agent)
  // A new session id: whoever planted the cookie's id does not share the half-done login.
  ctx.session.regenerate()
  const pending: PendingLogin = { agentId: agent.id, since: clock.nowMs() }
  if (!factor) pending.mailCode = hashOf(await mailEnrolmentCode(agent, ctx.i18n.locale))
  ctx.session.put(PENDING_KEY, pending)
  return ctx.response
    .redirect()
    .status(303)
    .toPath(factor ? CODE_PAGE : LOGIN_ENROLMENT_PAGE)
}

/** The agent who passed their password in this session and has a second step left (null when none, or too long ago). */
export async function pendingAgent(ctx: HttpContext): Promise<Agent | null> {
  const pending = ctx.session.get(PENDING_KEY) as { agentId?: unknown; since?: unknown } | null
  if (!pending || !Number.isSafeInteger(pending.agentId) || typeof pending.since !== 'number')
    return null
  const age = clock.nowMs() - pending.since
  if (age < 0 || age > PENDING_FOR_MS) {
    ctx.session.forget(PENDING_KEY)
    return null
  }
  const agent = await Agent.find(pending.agentId as number)
  return agent?.active ? agent : null
}

/*
 * A first enrolment at login is the moment a stolen password would be
 * enough to bind the thief's own authenticator to the account for good. So
 * the password alone does not enrol: the agent also types a code mailed to
 * their professional address (one per login, valid as long as the half-done
 * login, MAIL_CODE_TRIES wrong tries), which only the mailbox's owner reads.
 */
async function mailEnrolmentCode(agent: Agent, locale: string) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  await queueMail({
    to: agent.email,
    subject: 'back_office.mails.enrolment_code.subject',
    view: 'back_office::emails/enrolment_code',
    data: { agent, code, minutes: PENDING_FOR_MS / 60_000 },
    locale,
  })
  return code
}

/**
 * Checks the code of the enrolment mail typed at login: `ok`, `invalid`
 * (another try allowed), or `exhausted` (the half-done login is forgotten:
 * the agent types their password again, which mails a new code).
 */
export function checkEnrolmentMailCode(ctx: HttpContext, given: string) {
  const pending = ctx.session.get(PENDING_KEY) as PendingLogin | null
  if (!pending || typeof pending.mailCode !== 'string') return 'exhausted'
  const expected = Buffer.from(pending.mailCode)
  const typed = Buffer.from(hashOf(given.replace(/\s+/g, '')))
  if (typed.length === expected.length && timingSafeEqual(typed, expected)) return 'ok'
  const tries = (pending.mailTries ?? 0) + 1
  if (tries >= MAIL_CODE_TRIES) {
    ctx.session.forget(PENDING_KEY)
    return 'exhausted'
  }
  ctx.session.put(PENDING_KEY, { ...pending, mailTries: tries })
  return 'invalid'
}

export function forgetPendingLogin(ctx: HttpContext) {
  ctx.session.forget(PENDING_KEY)
}

/**
 * The session becomes the agent's (a new id: the guard regenerates it),
 * then on to the page they wanted, or to `next`.
 */
export async function completeAgentLogin(ctx: HttpContext, agent: Agent, next?: string) {
  ctx.session.forget(PENDING_KEY)
  await ctx.auth.use('agent').login(agent)
  agent.lastLoginAt = clock.now()
  await agent.save()
  if (next) return ctx.response.redirect().status(303).toPath(next)
  const intended = ctx.session.pull('agent_intended_url')
  return ctx.response
    .redirect()
    .status(303)
    .toPath(intended ? safeReturnPath(intended) : '/agents')
}

/** One cookie per agent, so that two agents sharing a computer each keep theirs. */
function rememberCookie(agentId: number) {
  return `parvis_agent_browser_${agentId}`
}

/**
 * "Se souvenir de ce navigateur pendant 30 jours": an encrypted cookie (APP_KEY)
 * naming the agent and their factor's browser key, valid 30 days by the app's
 * clock. Resetting or enrolling the factor again changes the key, which
 * forgets every remembered browser.
 */
export function rememberBrowser(ctx: HttpContext, agent: Agent, factor: AgentSecondFactor) {
  const value: RememberedBrowser = {
    agentId: agent.id,
    key: factor.browserKey,
    until: clock.nowMs() + REMEMBER_MS,
  }
  ctx.response.encryptedCookie(rememberCookie(agent.id), value, {
    maxAge: `${REMEMBER_DAYS}d`,
    path: '/agents',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.inProduction && servedOverHttps,
  })
}

function isRememberedBrowser(ctx: HttpContext, agent: Agent, factor: AgentSecondFactor) {
  const value = ctx.request.encryptedCookie(rememberCookie(agent.id)) as
    Partial<RememberedBrowser> | null | undefined
  if (!value || value.agentId !== agent.id || typeof value.key !== 'string') return false
  if (typeof value.until !== 'number' || value.until <= clock.nowMs()) return false
  const given = Buffer.from(value.key)
  const expected = Buffer.from(factor.browserKey)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * When the city starts requiring a second factor, the agents it now applies
 * to and who have none are logged out everywhere (their sessions deleted in
 * the transaction of the setting's change): their next page is the login,
 * then enrolment — not twelve more hours on a password alone. The admin
 * making the change keeps their session; the rule applies at their next login.
 */
export async function endSessionsOwingSecondFactor(
  rule: 'none' | 'admins' | 'all',
  actingAgentId: number,
  client: QueryClientContract
) {
  if (rule === 'none') return
  const owing = client
    .from('agents')
    .select('agents.id')
    .whereNot('agents.id', actingAgentId)
    .whereNotExists((factors) =>
      factors
        .from('agent_second_factors')
        .whereRaw('agent_second_factors.agent_id = agents.id')
        .whereNotNull('agent_second_factors.confirmed_at')
    )
  if (rule === 'admins') owing.where('agents.role', 'admin')
  await client.from(SESSIONS_TABLE).whereIn('agent_id', owing).delete()
}
