// web/swagger-initializer.js - orderd's own Swagger UI set-up, served at
// /api/docs/swagger-initializer.js in place of the one swagger-ui-dist
// ships (which loads the petstore). It loads the server's OpenAPI document
// (/api/schema/, relative to this page, so it works behind a path prefix
// too) and puts the server that serves this page first in its `servers`,
// so "Try it out" calls this server (the document's own `{scheme}://{host}`
// entry, meant for generated clients, stays as the second choice). It
// keeps the bearer token given through "Authorize" across reloads. The
// bearerAuth security scheme comes from the generated OpenAPI document
// (README, The API).
window.onload = function () {
  var schemaUrl = new URL("../schema/", window.location.href).toString();
  // /api/docs/ -> the API's base: this origin plus any path prefix.
  var base = new URL("../../", window.location.href).toString().replace(/\/$/, "");
  var options = {
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
  };
  fetch(schemaUrl)
    .then(function (response) {
      if (!response.ok) throw new Error("GET " + schemaUrl + ": " + response.status);
      return response.json();
    })
    .then(function (spec) {
      spec.servers = [{ url: base, description: "This server" }].concat(spec.servers || []);
      options.spec = spec;
      window.ui = SwaggerUIBundle(options);
    })
    .catch(function () {
      options.url = schemaUrl; // let Swagger UI show what went wrong
      window.ui = SwaggerUIBundle(options);
    });
};
