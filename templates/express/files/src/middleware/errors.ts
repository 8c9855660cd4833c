import type { NextFunction, Request, Response } from 'express';

interface HttpErrorLike {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
}

// The http-errors conventions, which Express's body parsers follow: an HTTP
// status in `statusCode` or `status`, and `expose` when the message is meant
// for the client (by default for a 4xx, never for a 5xx).
function describe(err: unknown): { status: number; expose: boolean } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpErrorLike;
  const code = typeof e.statusCode === 'number' ? e.statusCode : e.status;
  const status = typeof code === 'number' && Number.isInteger(code) && code >= 400 && code < 600 ? code : 500;
  const expose = typeof e.expose === 'boolean' ? e.expose : status < 500;
  return { status, expose };
}

// Reached only when no route matched the request.
export function notFound(_req: Request, res: Response): void {
  res.status(404).json({ error: 'Not Found' });
}

// Express treats a middleware with four parameters as the error handler; since
// Express 5 a rejected promise in an async handler ends up here too.
export function errorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const { status, expose } = describe(err);
  if (status >= 500) {
    // pino-http's request logger; without it (an app that does not mount it), stderr.
    if ('log' in req) {
      req.log.error({ err }, 'request failed');
    } else {
      console.error(err);
    }
  }
  // Only what http-errors marks as safe to show reaches the client.
  const message = expose && err instanceof Error ? err.message : status < 500 ? 'Bad Request' : 'Internal Server Error';
  res.status(status).json({ error: message });
}
