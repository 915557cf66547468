// web/swagger-initializer.js - orderd's own Swagger UI set-up, served at
// /api/docs/swagger-initializer.js in place of the one swagger-ui-dist
// ships (which loads the petstore). It points the UI at the server's
// OpenAPI document (/api/schema/, relative to this page, so it works
// behind a path prefix too) and keeps the bearer token given through
// "Authorize" across reloads. The bearerAuth security scheme comes from
// the generated OpenAPI document (README, The API).
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: new URL("../schema/", window.location.href).toString(),
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
  });
};
