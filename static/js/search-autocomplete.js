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

    var active = -1; // the option chosen with the arrow keys, -1 for none

    function options() {
        return list.querySelectorAll("[role=option]");
    }

    // WAI-ARIA combobox: focus stays in the box, aria-activedescendant names the option
    // (index -1: none).
    function choose(index) {
        var items = options();
        active = index >= 0 && index < items.length ? index : -1;
        Array.prototype.forEach.call(items, function (item, i) {
            item.setAttribute("aria-selected", i === active ? "true" : "false");
        });
        if (active < 0) {
            input.removeAttribute("aria-activedescendant");
        } else {
            input.setAttribute("aria-activedescendant", items[active].id);
        }
    }

    function clear() {
        window.clearTimeout(timer);
        lastQuery = ""; // an answer still on its way must not reopen the list
        list.innerHTML = "";
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        choose(-1);
    }

    function show(results) {
        list.innerHTML = "";
        results.forEach(function (result, i) {
            var item = document.createElement("li");
            item.setAttribute("role", "option");
            item.id = "search-suggestion-" + i;
            var link = document.createElement("a");
            link.href = result.url;
            link.textContent = result.title;
            item.appendChild(link);
            list.appendChild(item);
        });
        list.hidden = results.length === 0;
        input.setAttribute("aria-expanded", results.length ? "true" : "false");
        choose(-1);
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
        } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !list.hidden) {
            event.preventDefault();
            var count = options().length;
            if (event.key === "ArrowDown") {
                choose(active + 1 < count ? active + 1 : 0);
            } else {
                choose(active > 0 ? active - 1 : count - 1);
            }
        } else if (event.key === "Enter" && active >= 0) {
            event.preventDefault(); // follow the chosen suggestion instead of searching
            window.location.href = options()[active].querySelector("a").href;
        }
    });
})();
