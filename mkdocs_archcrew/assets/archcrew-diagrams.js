// mkdocs-archcrew: keeps Mermaid at the settings the build checked the diagrams with, whichever
// script initializes it (Material, mkdocs-mermaid2): the security level mkdocs.yml sets
// (mermaid.security_level, "strict" unless changed) and the size limit (maxTextSize) a diagram
// may not pass. A diagram's own configuration (%%{init}%%, front matter) changes neither.
(function () {
  var level = "__SECURITY_LEVEL__";
  var maxTextSize = Number("__MAX_TEXT_SIZE__");
  var held = ["securityLevel", "maxTextSize"];
  if (typeof window.mermaid === "undefined" || window.mermaid.__archcrew) return;
  var initialize = window.mermaid.initialize.bind(window.mermaid);
  window.mermaid.initialize = function (config) {
    var given = config || {};
    var forced = { securityLevel: level, maxTextSize: maxTextSize };
    // A site's own `secure` list says what diagrams may not change: never these two.
    if (Array.isArray(given.secure)) {
      forced.secure = given.secure.concat(
        held.filter(function (key) { return given.secure.indexOf(key) < 0; })
      );
    }
    return initialize(Object.assign({}, given, forced));
  };
  window.mermaid.__archcrew = true;
})();
