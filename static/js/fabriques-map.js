/* Map of the Fabriques directory: an enhancement over the list, which stays the reference.
   Reads its settings from data attributes. Draws France itself (départements and
   régions from a static GeoJSON file built at install time, see fabriques/outline.py),
   so that it needs no tile server; tiles are added on top when a tile URL is set.
   Mainland France and Corsica fill the main map; each overseas département has its own
   small map beside it, so that every Fabrique is visible from the first view. */
(function () {
    "use strict";

    var MAINLAND = [[41.3, -5.2], [51.1, 9.6]];
    /* Room above the northernmost places for their marker pins (41 px tall). */
    var MAINLAND_PADDING = { paddingTopLeft: [8, 44], paddingBottomRight: [8, 8] };
    var DEPARTEMENT_STYLE = {
        color: "#9aa3b5", weight: 0.6, fillColor: "#fbf8f1", fillOpacity: 1, interactive: false
    };
    var REGION_STYLE = { color: "#3d4a66", weight: 1.4, fill: false, interactive: false };

    /* The popup as DOM nodes, never as an HTML string: every value is text or an
       attribute set through the DOM, so a quote in a URL cannot close the href. */
    function popupContent(p) {
        var content = document.createElement("div");
        var link = document.createElement("a");
        link.setAttribute("href", p.url);
        link.textContent = p.name;
        content.appendChild(link);
        content.appendChild(document.createElement("br"));
        content.appendChild(document.createTextNode(p.commune + " (" + p.departement_code + ")"));
        return content;
    }

    function getJson(url, accept) {
        return fetch(url, { headers: { Accept: accept } }).then(function (response) {
            if (!response.ok) {
                throw new Error(response.statusText);
            }
            return response.json();
        });
    }

    function newMap(container, options) {
        var map = window.L.map(container, Object.assign({ scrollWheelZoom: false }, options));
        var element = container.closest("#fabriques-map");
        if (element.dataset.tileUrl) {
            window.L.tileLayer(element.dataset.tileUrl, {
                maxZoom: 18,
                attribution: element.dataset.attribution || ""
            }).addTo(map);
        }
        return map;
    }

    /* Over tiles, only the borders: the tiles show the land. */
    function drawOutline(map, features) {
        var tiled = Boolean(map.getContainer().closest("#fabriques-map").dataset.tileUrl);
        var departement = Object.assign({}, DEPARTEMENT_STYLE, tiled ? { fillOpacity: 0 } : {});
        window.L.geoJSON({ type: "FeatureCollection", features: features }, {
            style: function (feature) {
                return feature.properties.kind === "regions" ? REGION_STYLE : departement;
            }
        }).addTo(map);
    }

    function addMarkers(map, collection, bounds) {
        var inside = collection.features.filter(function (feature) {
            var c = feature.geometry.coordinates;
            return !bounds || bounds.contains([c[1], c[0]]);
        });
        window.L.geoJSON({ type: "FeatureCollection", features: inside }, {
            pointToLayer: function (feature, latlng) {
                var name = feature.properties.name;
                return window.L.marker(latlng, { title: name, alt: name });
            },
            onEachFeature: function (feature, marker) {
                var p = feature.properties;
                marker.bindPopup(popupContent(p));
            }
        }).addTo(map);
        return inside.length;
    }

    /* One small map per overseas département, framed on it, with its own markers. */
    function drawInsets(list, outline, collection) {
        outline.features.filter(function (feature) {
            return feature.properties.overseas;
        }).forEach(function (feature) {
            var item = document.createElement("li");
            item.className = "fabriques-map__inset";
            item.dataset.code = feature.properties.code;
            var frame = document.createElement("div");
            frame.className = "fabriques-map__inset-map";
            var caption = document.createElement("span");
            caption.className = "fabriques-map__inset-name";
            caption.textContent = feature.properties.name;
            item.appendChild(frame);
            item.appendChild(caption);
            list.appendChild(item);
            var map = newMap(frame, { zoomControl: false, attributionControl: false, keyboard: false });
            var bounds = window.L.geoJSON(feature).getBounds();
            map.fitBounds(bounds, { padding: [4, 4] });
            drawOutline(map, [feature]);
            var count = addMarkers(map, collection, bounds.pad(0.2));
            item.classList.toggle("fabriques-map__inset--empty", count === 0);
        });
    }

    function init() {
        var element = document.getElementById("fabriques-map");
        if (!element || typeof window.L === "undefined" || !window.fetch) {
            return;
        }
        element.hidden = false;
        if (!element.dataset.tileUrl) {
            element.classList.add("fabriques-map--no-tiles");
        }
        /* Both boxes are in place before Leaflet measures the main one. */
        var insets = document.createElement("ul");
        insets.className = "fabriques-map__insets";
        var main = document.createElement("div");
        main.className = "fabriques-map__main";
        element.appendChild(insets);
        element.appendChild(main);
        var map = newMap(main, { zoomSnap: 0.25 });
        map.fitBounds(MAINLAND, MAINLAND_PADDING);

        Promise.all([
            getJson(element.dataset.outlineUrl, "application/geo+json"),
            getJson(element.dataset.geojsonUrl, "application/geo+json")
        ]).then(function (answers) {
            var outline = answers[0];
            var collection = answers[1];
            drawOutline(map, outline.features);
            addMarkers(map, collection, null);
            drawInsets(insets, outline, collection);
            map.invalidateSize();
            map.fitBounds(MAINLAND, MAINLAND_PADDING);
        }).catch(function () {
            element.hidden = true;
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
