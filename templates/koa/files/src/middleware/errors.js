// The http-errors conventions, which ctx.throw, the router and the body parser
// follow: an HTTP status in `status` or `statusCode`, and `expose` when the
// message is meant for the client (by default for a 4xx, never for a 5xx).
function describe(err) {
  // A request body that does not inflate (zlib's Z_DATA_ERROR, Z_BUF_ERROR) is
  // the client's fault, as Express answers it.
  if (typeof err?.code === 'string' && err.code.startsWith('Z_')) {
    return { status: 400, message: 'invalid compressed request body' };
  }
  const code = err?.status ?? err?.statusCode;
  const status = Number.isInteger(code) && code >= 400 && code < 600 ? code : 500;
  const expose = typeof err?.expose === 'boolean' ? err.expose : status < 500;
  const message = expose && err instanceof Error ? err.message : status < 500 ? 'Bad Request' : 'Internal Server Error';
  return { status, message };
}

// Mounted near the top, so every error thrown below it, and every request that
// nothing answered (no route, or a wrong method), ends as a JSON body.
export async function errorHandler(ctx, next) {
  try {
    await next();
    if (ctx.status >= 400 && ctx.body == null) {
      ctx.throw(ctx.status);
    }
  } catch (err) {
    const { status, message } = describe(err);
    ctx.status = status;
    // Only what http-errors marks as safe to show reaches the client.
    ctx.body = { error: message };
    if (status >= 500) {
      // To the app's 'error' listeners (createApp logs it), or Koa's default.
      ctx.app.emit('error', err, ctx);
    }
  }
}
