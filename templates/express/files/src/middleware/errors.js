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
  // Express and its body parsers give errors an HTTP status.
  const status = err.status >= 400 && err.status < 600 ? err.status : 500;
  if (status >= 500) {
    console.error(err);
  }
  // Client errors explain themselves; server errors stay private.
  res.status(status).json({ error: status < 500 ? err.message : 'Internal Server Error' });
}
