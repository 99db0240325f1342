/* Loads a page's heavy extras once the page has loaded and painted, so that they never hold back
   its first paint: stylesheets (data-styles) first, then scripts (data-scripts) in the
   order given, each a space-separated list of URLs on this script's own tag:
   <script src=".../after-load.js" defer data-styles="a.css" data-scripts="b.js c.js"></script>
   Used by the Fabriques directory for its map (the Leaflet library is 150 kB of script
   that a phone takes a second to run). */
(function () {
    "use strict";

    var tag = document.currentScript;
    if (!tag) {
        return;
    }

    function list(value) {
        return (value || "").split(/\s+/).filter(Boolean);
    }

    function addStyle(url) {
        return new Promise(function (resolve) {
            var link = document.createElement("link");
            link.rel = "stylesheet";
            link.href = url;
            link.onload = link.onerror = resolve;
            document.head.appendChild(link);
        });
    }

    function addScript(url) {
        return new Promise(function (resolve) {
            var script = document.createElement("script");
            script.src = url;
            script.onload = script.onerror = resolve;
            document.head.appendChild(script);
        });
    }

    function start() {
        Promise.all(list(tag.dataset.styles).map(addStyle)).then(function () {
            return list(tag.dataset.scripts).reduce(function (previous, url) {
                return previous.then(function () {
                    return addScript(url);
                });
            }, Promise.resolve());
        });
    }

    /* After the load event and after a frame has been painted: a fast page can fire
       load before its first paint. */
    function afterPaint() {
        window.requestAnimationFrame(function () {
            window.setTimeout(start, 0);
        });
    }

    if (document.readyState === "complete") {
        afterPaint();
    } else {
        window.addEventListener("load", afterPaint);
    }
})();
