// Suggestions under the search box, from /api/search/autocomplete/ (no library).
(function () {
    "use strict";
    var input = document.getElementById("search-q");
    var list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) {
        return;
    }
    var timer = null;
    var lastQuery = "";

    function clear() {
        window.clearTimeout(timer);
        lastQuery = ""; // an answer still on its way must not reopen the list
        list.innerHTML = "";
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
    }

    function show(results) {
        list.innerHTML = "";
        results.forEach(function (result) {
            var item = document.createElement("li");
            item.setAttribute("role", "option");
            var link = document.createElement("a");
            link.href = result.url;
            link.textContent = result.title;
            item.appendChild(link);
            list.appendChild(item);
        });
        list.hidden = results.length === 0;
        input.setAttribute("aria-expanded", results.length ? "true" : "false");
    }

    input.addEventListener("input", function () {
        var query = input.value.trim();
        window.clearTimeout(timer);
        if (query.length < 2) {
            clear();
            return;
        }
        timer = window.setTimeout(function () {
            lastQuery = query;
            var url = input.getAttribute("data-autocomplete-url") + "&q=" + encodeURIComponent(query);
            window.fetch(url, { headers: { Accept: "application/json" } })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) { if (query === lastQuery) { show(data.results || []); } })
                .catch(clear);
        }, 200);
    });
    input.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
            clear();
        }
    });
})();
