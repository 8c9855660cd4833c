import type { NextFunction, Request, Response } from 'express';

// Express and its body parsers give errors an HTTP status.
function statusOf(err: unknown): number {
  if (err instanceof Error && 'status' in err && typeof err.status === 'number') {
    if (err.status >= 400 && err.status < 600) {
      return err.status;
    }
  }
  return 500;
}

// Reached only when no route matched the request.
export function notFound(_req: Request, res: Response): void {
  res.status(404).json({ error: 'Not Found' });
}

// Express treats a middleware with four parameters as the error handler; since
// Express 5 a rejected promise in an async handler ends up here too.
export function errorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const status = statusOf(err);
  if (status >= 500) {
    console.error(err);
  }
  // Client errors explain themselves; server errors stay private.
  const message = status < 500 && err instanceof Error ? err.message : 'Internal Server Error';
  res.status(status).json({ error: message });
}
