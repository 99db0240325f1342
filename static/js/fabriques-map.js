/* Map of the Fabriques directory: an enhancement over the list, which stays the reference.
   Reads its settings from data attributes; draws markers linking to each profile. */
(function () {
    "use strict";

    function escapeHtml(text) {
        var span = document.createElement("span");
        span.textContent = text;
        return span.innerHTML;
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
                        var p = feature.properties;
                        marker.bindPopup(
                            '<a href="' + escapeHtml(p.url) + '">' + escapeHtml(p.name) + "</a><br>" +
                            escapeHtml(p.commune) + " (" + escapeHtml(p.departement_code) + ")"
                        );
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
