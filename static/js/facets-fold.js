/* Listing filters and search facets on phones (templates/includes/facets_fold.html): folded under their summary so the results come first.
   The <details> is open in the HTML (wide screens, and without JavaScript). */
(function () {
    "use strict";
    if (!window.matchMedia("(max-width: 48rem)").matches) {
        return;
    }
    document.querySelectorAll("details.facets-fold[open]").forEach(function (details) {
        details.open = false;
    });
})();
