import type { HttpContext } from '@adonisjs/core/http'

/** An RFC 9457 problem: what went wrong, for the machine (`type`, `status`) and for a person (`title`, `detail`). */
export interface Problem {
  status: number
  title: string
  detail?: string
  /** a short name, turned into the `type` URI */
  type?: string
  errors?: { field: string; message: string }[]
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
}

export class ProblemError extends Error {
  constructor(
    public details: Problem,
    public headers: Record<string, string> = {}
  ) {
    super(details.detail ?? details.title)
  }
}

export function problem(status: number, detail?: string, type?: string) {
  return new ProblemError({ status, title: TITLES[status] ?? 'Error', detail, type })
}

/** Writes the problem as `application/problem+json`. */
export function sendProblem(ctx: HttpContext, error: ProblemError) {
  const { type, ...rest } = error.details
  for (const [name, value] of Object.entries(error.headers)) ctx.response.header(name, value)
  ctx.response.status(error.details.status)
  ctx.response.header('Content-Type', 'application/problem+json; charset=utf-8')
  ctx.response.send(
    JSON.stringify({ type: type ? `/api/v1/docs#problem-${type}` : 'about:blank', ...rest })
  )
}
