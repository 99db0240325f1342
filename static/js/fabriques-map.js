/* Map of the Fabriques directory: an enhancement over the list, which stays the reference.
   Reads its settings from data attributes; draws markers linking to each profile. */
(function () {
    "use strict";

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

    /* Overseas Fabriques would zoom the map out to the whole world: frame mainland
       France and Corsica when there are Fabriques there; the others stay one drag away. */
    function mainlandBounds(features) {
        var mainland = features.filter(function (feature) {
            var lon = feature.geometry.coordinates[0];
            var lat = feature.geometry.coordinates[1];
            return lon > -6 && lon < 10 && lat > 41 && lat < 52;
        });
        if (!mainland.length) {
            return null;
        }
        return window.L.geoJSON({ type: "FeatureCollection", features: mainland }).getBounds();
    }

    function init() {
        var element = document.getElementById("fabriques-map");
        if (!element || typeof window.L === "undefined" || !window.fetch) {
            return;
        }
        element.hidden = false;
        var map = window.L.map(element, { scrollWheelZoom: false });
        var tileUrl = element.dataset.tileUrl;
        if (tileUrl) {
            window.L.tileLayer(tileUrl, {
                maxZoom: 18,
                attribution: element.dataset.attribution || ""
            }).addTo(map);
        } else {
            element.classList.add("fabriques-map--no-tiles");
        }
        map.setView([46.6, 2.4], 5);

        fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(response.statusText);
                }
                return response.json();
            })
            .then(function (collection) {
                var layer = window.L.geoJSON(collection, {
                    pointToLayer: function (feature, latlng) {
                        var name = feature.properties.name;
                        return window.L.marker(latlng, { title: name, alt: name });
                    },
                    onEachFeature: function (feature, marker) {
                        marker.bindPopup(popupContent(feature.properties));
                    }
                }).addTo(map);
                var bounds = mainlandBounds(collection.features) || layer.getBounds();
                if (bounds.isValid()) {
                    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 10 });
                }
            })
            .catch(function () {
                element.hidden = true;
            });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
