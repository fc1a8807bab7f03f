// mkdocs-archcrew: keeps Mermaid at the security level mkdocs.yml sets (mermaid.security_level,
// "strict" unless changed), whichever script initializes it (Material, mkdocs-mermaid2).
(function () {
  var level = "__SECURITY_LEVEL__";
  if (typeof window.mermaid === "undefined" || window.mermaid.__archcrew) return;
  var initialize = window.mermaid.initialize.bind(window.mermaid);
  window.mermaid.initialize = function (config) {
    return initialize(Object.assign({}, config || {}, { securityLevel: level }));
  };
  window.mermaid.__archcrew = true;
})();
