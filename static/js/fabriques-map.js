/* Map of the Fabriques directory: an enhancement over the list, which stays the reference.
   Reads its settings from data attributes; draws markers linking to each profile. */
(function () {
    "use strict";

    function escapeHtml(text) {
        var span = document.createElement("span");
        span.textContent = text;
        return span.innerHTML;
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
                if (collection.features.length) {
                    map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 10 });
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
