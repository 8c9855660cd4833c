// The http-errors conventions, which Express's body parsers follow: an HTTP
// status in `statusCode` or `status`, and `expose` when the message is meant
// for the client (by default for a 4xx, never for a 5xx).
function describe(err) {
  const code = err?.statusCode ?? err?.status;
  const status = Number.isInteger(code) && code >= 400 && code < 600 ? code : 500;
  const expose = typeof err?.expose === 'boolean' ? err.expose : status < 500;
  return { status, expose };
}

// Reached only when no route matched the request.
export function notFound(req, res) {
  res.status(404).json({ error: 'Not Found' });
}

// Express treats a middleware with four parameters as the error handler; since
// Express 5 a rejected promise in an async handler ends up here too.
export function errorHandler(err, req, res, next) {
  if (res.headersSent) {
    return next(err);
  }
  const { status, expose } = describe(err);
  if (status >= 500) {
    // pino-http's request logger; without it (an app that does not mount it), stderr.
    (req.log ?? console).error({ err }, 'request failed');
  }
  // Only what http-errors marks as safe to show reaches the client.
  const message = expose && err instanceof Error ? err.message : status < 500 ? 'Bad Request' : 'Internal Server Error';
  res.status(status).json({ error: message });
}
