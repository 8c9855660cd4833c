from .views import health

HEALTH_PATH = "/health"


class HealthCheckMiddleware:
    """Answer /health before anything looks at the Host header.

    Load balancers and Kubernetes probe a pod by its IP address, a Host that
    ALLOWED_HOSTS does not (and should not) list, and over plain HTTP. Listed
    first in MIDDLEWARE, this answers them; every other request goes on to
    the host check in CommonMiddleware and to SecurityMiddleware's redirect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        response = health(request)
        if request.method == "HEAD":
            # The answer to HEAD has no body: gunicorn would drop it, warning.
            response.content = b""
        return response
