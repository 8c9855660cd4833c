import type { Middleware } from 'koa';

interface HttpErrorLike {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  code?: unknown;
}

// The http-errors conventions, which ctx.throw, the router and the body parser
// follow: an HTTP status in `status` or `statusCode`, and `expose` when the
// message is meant for the client (by default for a 4xx, never for a 5xx).
function describe(err: unknown): { status: number; expose: boolean; message: string } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpErrorLike;
  // A request body that does not inflate (zlib's Z_DATA_ERROR, Z_BUF_ERROR) is
  // the client's fault, as Express answers it.
  if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return { status: 400, expose: true, message: 'invalid compressed request body' };
  }
  const code = typeof e.status === 'number' ? e.status : e.statusCode;
  const status = typeof code === 'number' && Number.isInteger(code) && code >= 400 && code < 600 ? code : 500;
  const expose = typeof e.expose === 'boolean' ? e.expose : status < 500;
  const message = expose && err instanceof Error ? err.message : status < 500 ? 'Bad Request' : 'Internal Server Error';
  return { status, expose, message };
}

// Mounted near the top, so every error thrown below it, and every request that
// nothing answered (no route, or a wrong method), ends as a JSON body.
export const errorHandler: Middleware = async (ctx, next) => {
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
};
