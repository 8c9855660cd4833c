def test_not_found_is_json(client):
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.is_json
    assert response.json["error"] == "Not Found"


def test_wrong_method_is_json(client):
    response = client.post("/health")
    assert response.status_code == 405
    assert response.json["error"] == "Method Not Allowed"
    assert "GET" in response.headers["Allow"]


def test_unhandled_error_is_json_and_hides_the_cause(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer as in production

    @app.get("/boom")
    def boom():
        raise RuntimeError("a secret detail")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert response.json["error"] == "Internal Server Error"
    assert "secret detail" not in response.get_data(as_text=True)
