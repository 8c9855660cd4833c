// Mounted near the top, so every error thrown below it, and every request that
// nothing answered (no route, or a wrong method), ends as a JSON body.
export async function errorHandler(ctx, next) {
  try {
    await next();
    if (ctx.status >= 400 && ctx.body == null) {
      ctx.throw(ctx.status);
    }
  } catch (err) {
    // Koa, the router and the body parser give errors an HTTP status.
    const status = err.status >= 400 && err.status < 600 ? err.status : 500;
    ctx.status = status;
    // Client errors explain themselves; server errors stay private.
    ctx.body = { error: status < 500 ? err.message : 'Internal Server Error' };
    if (status >= 500) {
      // Koa's default 'error' listener logs it, stack and all.
      ctx.app.emit('error', err, ctx);
    }
  }
}
