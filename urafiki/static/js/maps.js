/* Urafiki maps: vector outlines only (no tile server: nothing is fetched from outside the site). */
(function () {
  "use strict";
  var NE = 'Made with <a href="https://www.naturalearthdata.com/">Natural Earth</a>';
  var OSM = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';
  var SEA = "#dbeaf3";

  function baseMap(element) {
    var map = L.map(element, { zoomSnap: 0.25, worldCopyJump: false, attributionControl: true });
    element.style.background = SEA;
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.attributionControl.addAttribution(NE);
    return map;
  }

  function getJSON(url, done) {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.onload = function () { if (request.status === 200) { done(JSON.parse(request.responseText)); } };
    request.send();
  }

  function dot(map, lat, lon) {
    L.circleMarker([lat, lon], { radius: 7, color: "#b5462f", fillColor: "#e9b44c", fillOpacity: 0.9 }).addTo(map);
  }

  function placeMap(element) {
    var map = baseMap(element);
    if (element.dataset.attribution === "osm") { map.attributionControl.addAttribution(OSM); }
    var code = element.dataset.code;
    var lat = parseFloat(element.dataset.lat), lon = parseFloat(element.dataset.lon);
    if (element.dataset.boundaries) {
      getJSON(element.dataset.boundaries, function (data) {
        var own = null;
        var layer = L.geoJSON(data, {
          style: function (f) {
            var self = f.properties.code === code;
            return { color: self ? "#b5462f" : "#6b7c85", weight: self ? 2 : 1, fillColor: self ? "#e9b44c" : "#f4f1e8", fillOpacity: self ? 0.55 : 0.8 };
          },
          onEachFeature: function (f, l) {
            if (f.properties.code === code) { own = l; } else { l.bindTooltip(f.properties.name); l.on("click", function () { window.location = f.properties.url; }); }
          }
        }).addTo(map);
        map.fitBounds((own || layer).getBounds(), { padding: [8, 8] });
        // No outline of its own (a prefecture-level city): a dot inside its parent's outline.
        if (!own && !isNaN(lat) && !isNaN(lon)) { dot(map, lat, lon); }
      });
    } else if (!isNaN(lat) && !isNaN(lon)) {
      map.setView([lat, lon], 7);
      dot(map, lat, lon);
    }
  }

  function overviewMap(element) {
    var map = baseMap(element);
    var children = null;
    map.setView([10, 60], 2.5);
    getJSON(element.dataset.countries, function (data) {
      var layer = L.geoJSON(data, {
        style: function () { return { color: "#6b7c85", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1 }; },
        onEachFeature: function (f, l) {
          l.bindTooltip(f.properties.name);
          l.on("click", function () {
            getJSON(element.dataset.childrenUrl.replace("CODE", f.properties.code), function (sub) {
              if (children) { map.removeLayer(children); }
              if (f.properties.code === "KE") { map.attributionControl.addAttribution(OSM); }
              children = L.geoJSON(sub, {
                filter: function (g) { return g.properties.level > 0; },
                style: function () { return { color: "#b5462f", weight: 1, fillColor: "#e9b44c", fillOpacity: 0.35 }; },
                onEachFeature: function (g, gl) {
                  gl.bindTooltip(g.properties.name);
                  gl.on("click", function () { window.location = g.properties.url; });
                }
              }).addTo(map);
              map.fitBounds(l.getBounds(), { padding: [8, 8] });
            });
          });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
      var Reset = L.Control.extend({
        onAdd: function () {
          var button = L.DomUtil.create("button", "map-reset");
          button.type = "button";
          button.textContent = element.dataset.resetLabel;
          L.DomEvent.on(button, "click", function (event) {
            L.DomEvent.stop(event);
            if (children) { map.removeLayer(children); children = null; }
            map.fitBounds(layer.getBounds());
          });
          return button;
        }
      });
      new Reset({ position: "topright" }).addTo(map);
    });
  }

  var place = document.getElementById("place-map");
  if (place) { placeMap(place); }
  var overview = document.getElementById("overview-map");
  if (overview) { overviewMap(overview); }
})();
