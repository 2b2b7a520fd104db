// Maps of the web pages, drawn with Leaflet (served from its WebJar) on the boundaries themselves:
// no tile server. Three uses:
//  - the dataset page's choropleth of one slice (#choropleth), coloured from /maps/choropleth.json,
//    with a legend, hover and keyboard focus, links to area pages and a table of the same figures;
//  - an area page's locator map (#locator) from /maps/locator/{code}.geojson;
//  - the table builder's locality map (#locality-builder): select or lasso data zones, kept in step
//    with the tick-list (the lasso's polygon goes to /maps/areas-within; no geometry is done here).
// Values, classes, colours and patterns all come from the server; this script only draws them.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var SVG_NS = 'http://www.w3.org/2000/svg';

  /** GET a URL; resolves {status, json, text} whatever the status. */
  function get(url) {
    return fetch(url).then(function (r) {  // plain, so it matches the page's <link rel="preload"> of the boundaries
      return r.text().then(function (t) {
        var json = null;
        if (r.ok) { try { json = JSON.parse(t); } catch (e) { json = null; } }
        return { status: r.status, json: json, text: t };
      });
    });
  }

  function number(v) {
    return typeof v === 'number' ? v.toLocaleString('en-GB', { maximumFractionDigits: 2 }) : String(v);
  }

  // ---- Fill patterns (so no class or state is told by colour alone) ---------------------------
  // One hidden SVG holds a <pattern> per (pattern, colour); map paths and legend swatches refer to it.
  var patternDefs = null;
  var patternIds = {};
  function fill(colour, pattern) {
    if (!pattern || pattern === 'solid' || pattern === 'none') { return colour; }
    var key = pattern + colour;
    if (patternIds[key]) { return 'url(#' + patternIds[key] + ')'; }
    if (!patternDefs) {
      var svg = document.createElementNS(SVG_NS, 'svg');
      svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('focusable', 'false');
      svg.setAttribute('width', '0'); svg.setAttribute('height', '0'); svg.style.position = 'absolute';
      patternDefs = document.createElementNS(SVG_NS, 'defs');
      svg.appendChild(patternDefs); document.body.appendChild(svg);
    }
    var id = 'cairn-pattern-' + Object.keys(patternIds).length;
    var p = document.createElementNS(SVG_NS, 'pattern');
    p.setAttribute('id', id); p.setAttribute('patternUnits', 'userSpaceOnUse');
    p.setAttribute('width', '8'); p.setAttribute('height', '8');
    p.setAttribute('data-pattern', pattern);
    var bg = document.createElementNS(SVG_NS, 'rect');
    bg.setAttribute('width', '8'); bg.setAttribute('height', '8'); bg.setAttribute('fill', colour);
    p.appendChild(bg);
    var ink = '#0b0c0c';
    function line(d) {
      var l = document.createElementNS(SVG_NS, 'path');
      l.setAttribute('d', d); l.setAttribute('stroke', ink); l.setAttribute('stroke-width', '1.2'); p.appendChild(l);
    }
    if (pattern === 'hatch' || pattern === 'diagonal') { line('M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4'); }
    else if (pattern === 'cross' || pattern === 'crosshatch') { line('M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4'); }
    else if (pattern === 'horizontal') { line('M0,4 h8'); }
    else if (pattern === 'vertical') { line('M4,0 v8'); }
    else {
      // dots, and any pattern name this script does not know: dots (still not colour alone)
      var c = document.createElementNS(SVG_NS, 'circle');
      c.setAttribute('cx', '4'); c.setAttribute('cy', '4'); c.setAttribute('r', '1.6'); c.setAttribute('fill', ink); p.appendChild(c);
    }
    patternDefs.appendChild(p);
    patternIds[key] = id;
    return 'url(#' + id + ')';
  }

  function swatch(colour, pattern) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('width', '28'); svg.setAttribute('height', '18'); svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false'); svg.setAttribute('class', 'swatch');
    var r = document.createElementNS(SVG_NS, 'rect');
    r.setAttribute('x', '0.5'); r.setAttribute('y', '0.5'); r.setAttribute('width', '27'); r.setAttribute('height', '17');
    r.setAttribute('fill', fill(colour, pattern)); r.setAttribute('stroke', '#0b0c0c');
    svg.appendChild(r);
    return svg;
  }

  /** A Leaflet map on the boundaries only: no tiles, no attribution prefix, our own keyboard handling. */
  function baseMap(el, options) {
    var o = { zoomSnap: 0.25, attributionControl: false, keyboard: false, preferCanvas: false, zoomControl: true };
    Object.keys(options || {}).forEach(function (k) { o[k] = options[k]; });
    var map = L.map(el, o);
    // Leaflet gives the container its own tabindex; keep ours (or none) as the page set it.
    if (!el.hasAttribute('data-focusable')) { el.removeAttribute('tabindex'); }
    return map;
  }

  // ?renderer=canvas on the page's address draws with Canvas (compared in docs/BENCHMARKS.md, "Map page");
  // SVG is the default: it draws the patterns, and each area is an element (counted by the tests).
  var CANVAS = new URLSearchParams(window.location.search).get('renderer') === 'canvas';
  function rendererFor() {
    return CANVAS ? L.canvas({ padding: 0.1 }) : L.svg({ padding: 0.1 });
  }
  /** The fill of a map area: patterned with SVG; Canvas takes a plain colour only. */
  function areaFill(colour, pattern) {
    return CANVAS ? colour : fill(colour, pattern);
  }

  // ---- Keyboard movement between areas -------------------------------------------------------
  /**
   * Arrow keys move a highlight to the nearest area in that direction (by the centres of their
   * bounding boxes on screen), Enter opens or toggles it, +/- zoom; onFocusArea(layer) is told.
   */
  function keyboardAreas(map, el, layers, onFocusArea, onEnter) {
    var current = null;
    function centre(layer) { return map.latLngToLayerPoint(layer.getBounds().getCenter()); }
    function nearestTo(point) {
      var best = null, bestD = Infinity;
      layers().forEach(function (l) { var c = centre(l); var d = c.distanceTo(point); if (d < bestD) { bestD = d; best = l; } });
      return best;
    }
    function move(dx, dy) {
      if (!current) { return nearestTo(map.latLngToLayerPoint(map.getCenter())); }
      var from = centre(current), best = null, bestScore = Infinity;
      layers().forEach(function (l) {
        if (l === current) { return; }
        var c = centre(l), ax = c.x - from.x, ay = c.y - from.y;
        var along = ax * dx + ay * dy, across = Math.abs(ax * dy - ay * dx);
        if (along <= 0 || across > along * 2) { return; }
        var score = along + 2 * across;
        if (score < bestScore) { bestScore = score; best = l; }
      });
      return best || current;
    }
    function focusArea(l) {
      if (!l) { return; }
      current = l;
      var c = l.getBounds().getCenter();
      if (!map.getBounds().contains(c)) { map.panTo(c); }
      onFocusArea(l);
    }
    el.addEventListener('keydown', function (e) {
      var k = e.key, target = null;
      if (k === 'ArrowRight') { target = move(1, 0); }
      else if (k === 'ArrowLeft') { target = move(-1, 0); }
      else if (k === 'ArrowDown') { target = move(0, 1); }
      else if (k === 'ArrowUp') { target = move(0, -1); }
      else if (k === 'Enter' || k === ' ') { if (current) { e.preventDefault(); onEnter(current); } return; }
      else if (k === '+' || k === '=') { map.zoomIn(); e.preventDefault(); return; }
      else if (k === '-' || k === '_') { map.zoomOut(); e.preventDefault(); return; }
      else if (k === 'Escape') { current = null; onFocusArea(null); return; }
      else { return; }
      e.preventDefault();
      focusArea(target);
    });
    // Focus from the keyboard picks the area nearest the middle; focus from a click leaves that to the click.
    var byPointer = false;
    el.addEventListener('mousedown', function () { byPointer = document.activeElement !== el; });
    el.addEventListener('focus', function () {
      if (byPointer) { byPointer = false; return; }
      if (!current) { focusArea(move(0, 0)); } else { onFocusArea(current); }
    });
    return { current: function () { return current; }, reset: function () { current = null; } };
  }

  // ---- The dataset page's choropleth ---------------------------------------------------------
  function choropleth(box) {
    var mapEl = $('choropleth-map'), status = $('map-status'), info = $('map-info'), legendEl = $('map-legend');
    var layout = box.querySelector('.map-layout'), actions = box.querySelector('.map-actions');
    var form = $('map-form'), tableBox = $('map-table-box'), toggle = $('map-table-toggle');
    var map = null, layer = null, boundaryLevel = null, answer = null, highlighted = null, keys = null;
    var boundaries = {};  // level -> GeoJSON, fetched once per page
    mapEl.setAttribute('data-focusable', 'true');

    function query() {
      var p = ['dataset=' + encodeURIComponent(box.getAttribute('data-dataset'))];
      form.querySelectorAll('select[data-param]').forEach(function (s) {
        p.push(encodeURIComponent(s.getAttribute('data-param')) + '=' + encodeURIComponent(s.value));
      });
      return p.join('&');
    }
    function level() { return form.querySelector('select[data-param=level]').value; }
    // The larger area whose areas are mapped ("" for all of Scotland); only its areas' boundaries are fetched.
    function within() { var w = form.querySelector('select[data-param=within]'); return w ? w.value : ''; }

    function describe(code) {
      var a = answer.areas[code] || {};
      var name = (a.name || code) + ' (' + code + ')';
      if (a.status === 'suppressed') { return name + ': ' + answer.suppressed.label.toLowerCase() + ' (no figure published)'; }
      if (a.value === null || a.value === undefined) { return name + ': ' + answer.noData.label.toLowerCase(); }
      var cls = answer.classes[a['class']];
      return name + ': ' + number(a.value) + (answer.unit ? ' ' + answer.unit : '') + (cls ? ' (class ' + (a['class'] + 1) + ' of ' + answer.classes.length + ': ' + cls.label + ')' : '');
    }

    function style(feature) {
      var a = (answer && answer.areas[feature.id]) || { status: 'no-data' };
      var f;
      if (a.status === 'suppressed') { f = areaFill(answer.suppressed.colour, answer.suppressed.pattern); }
      else if (a['class'] === null || a['class'] === undefined || !answer.classes[a['class']]) { f = areaFill(answer.noData.colour, answer.noData.pattern); }
      else { var c = answer.classes[a['class']]; f = areaFill(c.colour, c.pattern); }
      return { fillColor: f, fillOpacity: 1, color: '#505a5f', weight: 0.5, opacity: 1 };
    }

    function state(feature) {
      var a = answer.areas[feature.id] || {};
      return a.status === 'suppressed' ? 'suppressed' : (a['class'] === null || a['class'] === undefined ? 'no-data' : 'class-' + a['class']);
    }

    function highlight(l) {
      if (highlighted && highlighted !== l) { layer.resetStyle(highlighted); }
      highlighted = l;
      if (!l) { info.textContent = 'Hover over or focus an area to see its value.'; return; }
      l.setStyle({ color: '#0b0c0c', weight: 3 });
      l.bringToFront();
      info.textContent = describe(l.feature.id);
    }

    function drawLegend() {
      legendEl.innerHTML = '';
      var h = document.createElement('h3');
      h.textContent = answer.measureLabel + (answer.unit && answer.unit !== answer.measureLabel ? ' (' + answer.unit + ')' : '') + ', ' + answer.periodLabel;
      legendEl.appendChild(h);
      var method = document.createElement('p'); method.className = 'legend-method';
      method.textContent = 'Classes: ' + answer.method + ' (' + answer.classes.length + ' class' + (answer.classes.length === 1 ? '' : 'es') + ')';
      legendEl.appendChild(method);
      var ul = document.createElement('ul');
      function item(colour, pattern, label, kind) {
        var li = document.createElement('li'); li.setAttribute('data-kind', kind);
        li.appendChild(swatch(colour, pattern));
        var s = document.createElement('span'); s.textContent = label; li.appendChild(s); ul.appendChild(li);
      }
      answer.classes.forEach(function (c, i) { item(c.colour, c.pattern, c.label, 'class-' + i); });
      item(answer.noData.colour, answer.noData.pattern, answer.noData.label, 'no-data');
      item(answer.suppressed.colour, answer.suppressed.pattern, answer.suppressed.label, 'suppressed');
      legendEl.appendChild(ul);
      [[answer.source, 'Source: '], [answer.licence, 'Licence: '], [answer.boundaries, 'Boundaries: ']].forEach(function (x) {
        if (!x[0]) { return; }
        var p = document.createElement('p'); p.className = 'legend-source';
        p.textContent = /^(Source|Licence|Boundaries)\b/i.test(x[0]) ? x[0] : x[1] + x[0];
        legendEl.appendChild(p);
      });
    }

    function drawTable() {
      tableBox.innerHTML = '';
      var t = document.createElement('table'); t.className = 'data'; t.id = 'map-table';
      var cap = document.createElement('caption'); cap.textContent = answer.title; t.appendChild(cap);
      var head = t.createTHead().insertRow();
      ['Area', 'Code', 'Value', 'Class'].forEach(function (x, i) {
        var th = document.createElement('th'); th.scope = 'col'; th.textContent = x; if (i === 2) { th.className = 'num'; } head.appendChild(th);
      });
      var body = t.createTBody();
      Object.keys(answer.areas).map(function (code) { return [code, answer.areas[code]]; })
        .sort(function (a, b) { var x = (a[1].name || a[0]), y = (b[1].name || b[0]); return x < y ? -1 : x > y ? 1 : a[0] < b[0] ? -1 : 1; })
        .forEach(function (e) {
          var code = e[0], a = e[1], tr = body.insertRow();
          var link = document.createElement('a'); link.href = '/areas/' + encodeURIComponent(code); link.textContent = a.name || code;
          tr.insertCell().appendChild(link);
          tr.insertCell().textContent = code;
          var v = tr.insertCell(); v.className = 'num';
          var cls = tr.insertCell();
          if (a.status === 'suppressed') { v.textContent = '\u2715 ' + answer.suppressed.label.toLowerCase(); cls.textContent = answer.suppressed.label; }
          else if (a.value === null || a.value === undefined) { v.textContent = 'no data'; cls.textContent = answer.noData.label; }
          else { v.textContent = number(a.value); var c = answer.classes[a['class']]; cls.textContent = c ? (a['class'] + 1) + ': ' + c.label : ''; }
        });
      tableBox.appendChild(t);
    }

    function showProblem(text) {
      status.textContent = text;
      layout.hidden = true; actions.hidden = true; tableBox.hidden = true;
      toggle.setAttribute('aria-expanded', 'false'); toggle.textContent = 'Show as table';
      box.setAttribute('data-map-state', 'unavailable');
    }

    function draw() {
      var q = query(), lvl = level(), inside = within(), key = lvl + '|' + inside;
      box.setAttribute('data-map-state', 'loading');
      status.textContent = 'Loading the map...';
      $('map-download-svg').href = '/maps/choropleth.svg?' + q;
      $('map-download-png').href = '/maps/choropleth.png?' + q;
      var geo = boundaries[key] ? Promise.resolve(boundaries[key])
        : get('/maps/boundaries/' + encodeURIComponent(lvl) + '.geojson' + (inside ? '?within=' + encodeURIComponent(inside) : ''));
      return Promise.all([geo, get('/maps/choropleth.json?' + q)]).then(function (r) {
        var g = r[0], c = r[1];
        if (g.status === 404) {
          var label = form.querySelector('select[data-param=level] option:checked').textContent.replace(/ \(no boundaries loaded\)$/, '');
          showProblem('No boundaries loaded for this level (' + label + '), so there is no map of it. The figures are in the slice above.');
          return;
        }
        if (g.status !== 200 || !g.json) { showProblem('The boundaries could not be read: ' + g.text); return; }
        boundaries[key] = g;
        if (c.status !== 200 || !c.json) { showProblem('This map cannot be drawn: ' + c.text); return; }
        answer = c.json;
        layout.hidden = false; actions.hidden = false;
        if (!map) {
          map = baseMap(mapEl, { renderer: rendererFor() });
          keys = keyboardAreas(map, mapEl, function () { return layer ? layer.getLayers() : []; },
            function (l) { highlight(l); }, function (l) { window.location.href = '/areas/' + encodeURIComponent(l.feature.id); });
        }
        if (layer && boundaryLevel !== key) { map.removeLayer(layer); layer = null; }
        highlighted = null; keys.reset();
        if (!layer) {
          layer = L.geoJSON(g.json, {
            style: style,
            smoothFactor: 1.5,
            onEachFeature: function (feature, l) {
              l.on('mouseover', function () { highlight(l); });
              l.on('mouseout', function () { if (highlighted === l) { highlight(null); } });
              l.on('click', function () { window.location.href = '/areas/' + encodeURIComponent(feature.id); });
            }
          }).addTo(map);
          boundaryLevel = key;
          map.fitBounds(layer.getBounds());
        } else {
          layer.setStyle(style);
        }
        layer.eachLayer(function (l) {
          var el = l.getElement && l.getElement();
          if (el) { el.setAttribute('data-code', l.feature.id); el.setAttribute('data-state', state(l.feature)); }
        });
        drawLegend();
        if (!tableBox.hidden) { drawTable(); }
        status.textContent = answer.title + ': ' + layer.getLayers().length.toLocaleString('en-GB') + ' areas drawn.';
        // Interactive once the browser has painted the layer: two animation frames after it was added.
        requestAnimationFrame(function () {
          requestAnimationFrame(function () {
            if (window.performance && performance.mark) { performance.mark('cairn-map-interactive'); }
            box.setAttribute('data-map-state', 'ready');
            box.setAttribute('data-areas-drawn', String(layer.getLayers().length));
          });
        });
      }).catch(function (err) { showProblem('The map could not be loaded (' + err + ').'); });
    }

    toggle.addEventListener('click', function () {
      var show = tableBox.hidden;
      if (show && answer) { drawTable(); }
      tableBox.hidden = !show;
      toggle.setAttribute('aria-expanded', String(show));
      toggle.textContent = show ? 'Hide the table' : 'Show as table';
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var params = new URLSearchParams(new FormData(form));
      history.replaceState(null, '', form.getAttribute('action') + '?' + params.toString() + '#map');
      draw();
    });
    // A map drawn while its tab was hidden has no size: redraw its frame when the tab is shown.
    document.addEventListener('cairn-tab', function (e) {
      if (map && e.detail === 'data') { map.invalidateSize(); if (layer) { map.fitBounds(layer.getBounds()); } }
    });
    if (box.getAttribute('data-has-boundaries') === 'true') { draw(); } else { box.setAttribute('data-map-state', 'unavailable'); }
  }

  // ---- An area page's locator map ------------------------------------------------------------
  function locator(box) {
    var code = box.getAttribute('data-code'), status = $('locator-status'), caption = $('locator-caption');
    get('/maps/locator/' + encodeURIComponent(code) + '.geojson').then(function (r) {
      if (r.status === 404) {
        status.textContent = 'No boundaries loaded for this level, so there is no map of this area.';
        $('locator-map').hidden = true; box.setAttribute('data-map-state', 'unavailable'); return;
      }
      if (r.status !== 200 || !r.json) { status.textContent = 'The map could not be loaded: ' + r.text; return; }
      var map = baseMap($('locator-map'), { zoomControl: false, dragging: false, scrollWheelZoom: false, doubleClickZoom: false,
        boxZoom: false, touchZoom: false, renderer: L.svg() });
      var roleStyle = {
        parent: { fillColor: '#ffffff', fillOpacity: 0, color: '#0b0c0c', weight: 3 },
        sibling: { fillColor: '#dfe1e2', fillOpacity: 1, color: '#505a5f', weight: 1 },
        area: { fillColor: fill('#1d4f91', 'hatch'), fillOpacity: 1, color: '#0b0c0c', weight: 2.5 }
      };
      var order = { parent: 0, sibling: 1, area: 2 };
      var features = r.json.features.slice().sort(function (a, b) { return order[a.properties.role] - order[b.properties.role]; });
      var parent = null, area = null, siblings = 0;
      var layer = L.geoJSON({ type: 'FeatureCollection', features: features }, {
        interactive: false,
        style: function (f) { return roleStyle[f.properties.role] || roleStyle.sibling; },
        onEachFeature: function (f) {
          if (f.properties.role === 'parent') { parent = f; } else if (f.properties.role === 'area') { area = f; } else { siblings++; }
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });  // the paths exist once the map has a view
      layer.eachLayer(function (l) {
        var el = l.getElement && l.getElement();
        if (el) { el.setAttribute('data-code', l.feature.id); el.setAttribute('data-role', l.feature.properties.role); }
      });
      var name = area ? area.properties.name : code;
      caption.textContent = '';
      caption.appendChild(document.createTextNode(name + ' is shown hatched' + (parent ? ' within ' : '.')));
      if (parent) {
        var a = document.createElement('a'); a.href = '/areas/' + encodeURIComponent(parent.id); a.textContent = parent.properties.name;
        caption.appendChild(a);
        caption.appendChild(document.createTextNode(' (thick outline)' + (siblings ? '; the ' + siblings + ' other areas of it at this level are grey.' : '.')));
      }
      if (r.json.attribution) { caption.appendChild(document.createTextNode(' Boundaries: ' + r.json.attribution + '.')); }
      status.textContent = '';
      status.hidden = true;
      box.setAttribute('data-map-state', 'ready');
    }).catch(function (err) { status.textContent = 'The map could not be loaded (' + err + ').'; });
  }

  // ---- The table builder's locality map ------------------------------------------------------
  function localityBuilder(box) {
    if (box.getAttribute('data-has-boundaries') !== 'true' || !$('builder-map')) { return; }
    var mapEl = $('builder-map'), status = $('builder-status'), lassoButton = $('lasso-toggle');
    mapEl.setAttribute('data-focusable', 'true');
    var within = box.getAttribute('data-within');
    var url = '/maps/boundaries/data-zones-2011.geojson' + (within ? '?within=' + encodeURIComponent(within) : '');
    var byCode = {};  // data zone code -> Leaflet layer
    function box0(code) { return document.getElementById('dz-' + code); }
    function chosen(code) { var c = box0(code); return !!(c && c.checked); }
    function style(f) {
      return chosen(f.id)
        ? { fillColor: areaFill('#1d4f91', 'hatch'), fillOpacity: 1, color: '#0b0c0c', weight: 2 }
        : { fillColor: '#ffffff', fillOpacity: 1, color: '#505a5f', weight: 1 };
    }
    function restyle(code) {
      var l = byCode[code];
      if (!l) { return; }
      l.setStyle(style(l.feature));
      var el = l.getElement && l.getElement();
      if (el) { el.setAttribute('data-selected', String(chosen(code))); }
    }
    function setChosen(code, on) {
      var c = box0(code);
      if (!c || c.checked === on) { return false; }
      c.checked = on;
      c.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }
    document.querySelectorAll('.dz').forEach(function (c) { c.addEventListener('change', function () { restyle(c.value); }); });
    $('clear-selection').addEventListener('click', function () {
      document.querySelectorAll('.dz:checked').forEach(function (c) { setChosen(c.value, false); });
      status.textContent = 'Selection cleared.';
    });

    // Leaflet needs the map's size: start it once the map is shown (it sits in a closed <details> at first).
    var started = false;
    function startWhenShown() {
      if (started || mapEl.offsetParent === null || mapEl.clientWidth === 0) { return; }
      started = true;
      start();
    }
    ['new-locality', 'where-locality', 'where-level'].forEach(function (id) {
      var el = $(id);
      if (el) { el.addEventListener(id === 'new-locality' ? 'toggle' : 'change', startWhenShown); }
    });
    startWhenShown();

    function start() {
    get(url).then(function (r) {
      if (r.status === 404) { status.textContent = 'No boundaries loaded for this level (data zones): tick the data zones in the list.'; mapEl.hidden = true; return; }
      if (r.status !== 200 || !r.json) { status.textContent = 'The map could not be loaded: ' + r.text; mapEl.hidden = true; return; }
      var map = baseMap(mapEl, { renderer: rendererFor() });
      if (r.json.attribution) {
        var credit = document.createElement('p'); credit.className = 'legend-source'; credit.id = 'builder-boundaries';
        credit.textContent = 'Boundaries: ' + r.json.attribution;
        mapEl.parentNode.insertBefore(credit, mapEl.nextSibling);
      }
      var lasso = false, points = null, line = null;
      var layer = L.geoJSON(r.json, {
        style: style,
        onEachFeature: function (f, l) {
          byCode[f.id] = l;
          l.on('click', function () {
            if (lasso) { return; }
            if (!box0(f.id)) { status.textContent = f.properties.name + ' is not in the list of data zones on this page.'; return; }
            setChosen(f.id, !chosen(f.id));
            status.textContent = f.properties.name + ' (' + f.id + ') ' + (chosen(f.id) ? 'added.' : 'removed.');
          });
          l.on('mouseover', function () { status.textContent = f.properties.name + ' (' + f.id + ')' + (chosen(f.id) ? ', chosen' : ''); });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());  // the paths exist once the map has a view
      layer.eachLayer(function (l) { var el = l.getElement && l.getElement(); if (el) { el.setAttribute('data-code', l.feature.id); } });
      Object.keys(byCode).forEach(restyle);
      keyboardAreas(map, mapEl, function () { return layer.getLayers(); }, function (l) {
        layer.eachLayer(function (x) { if (x !== l) { x.setStyle({ weight: chosen(x.feature.id) ? 2 : 1, color: chosen(x.feature.id) ? '#0b0c0c' : '#505a5f' }); } });
        if (l) { l.setStyle({ weight: 4, color: '#0b0c0c' }); l.bringToFront(); status.textContent = l.feature.properties.name + ' (' + l.feature.id + ')' + (chosen(l.feature.id) ? ', chosen' : ', not chosen'); }
      }, function (l) {
        setChosen(l.feature.id, !chosen(l.feature.id));
        status.textContent = l.feature.properties.name + ' (' + l.feature.id + ') ' + (chosen(l.feature.id) ? 'added.' : 'removed.');
        l.setStyle({ weight: 4, color: '#0b0c0c' });
      });

      function setLasso(on) {
        lasso = on;
        lassoButton.setAttribute('aria-pressed', String(on));
        lassoButton.textContent = on ? 'Stop drawing' : 'Draw a lasso';
        mapEl.classList.toggle('lasso', on);
        if (on) { map.dragging.disable(); status.textContent = 'Drag on the map around the data zones to add.'; } else { map.dragging.enable(); }
      }
      lassoButton.addEventListener('click', function () { setLasso(!lasso); });
      map.on('mousedown', function (e) {
        if (!lasso) { return; }
        points = [e.latlng];
        line = L.polyline(points, { color: '#0b0c0c', weight: 2, dashArray: '4 4', interactive: false }).addTo(map);
      });
      map.on('mousemove', function (e) {
        if (!lasso || !points) { return; }
        points.push(e.latlng); line.setLatLngs(points);
      });
      map.on('mouseup', function () {
        if (!lasso || !points) { return; }
        var drawn = points; points = null;
        map.removeLayer(line); line = null;
        if (drawn.length < 3) { status.textContent = 'Drag around the data zones to draw a lasso.'; return; }
        var ring = drawn.map(function (p) { return [Math.round(p.lng * 1e5) / 1e5, Math.round(p.lat * 1e5) / 1e5]; });
        ring.push(ring[0]);
        var polygon = { type: 'Polygon', coordinates: [ring] };
        box.setAttribute('data-last-lasso', JSON.stringify(polygon));
        status.textContent = 'Finding the data zones inside the lasso...';
        get('/maps/areas-within?level=data-zones-2011&polygon=' + encodeURIComponent(JSON.stringify(polygon))).then(function (a) {
          if (a.status !== 200 || !a.json) { status.textContent = 'The lasso could not be used: ' + a.text; return; }
          var added = 0, already = 0, elsewhere = 0;
          a.json.codes.forEach(function (code) {
            if (!box0(code)) { elsewhere++; } else if (chosen(code)) { already++; } else { setChosen(code, true); added++; }
          });
          status.textContent = 'The lasso added ' + added + ' data zone' + (added === 1 ? '' : 's')
            + (already ? '; ' + already + ' inside it were chosen already' : '')
            + (elsewhere ? '; ' + elsewhere + ' inside it are not in the list on this page' : '') + '.';
          box.setAttribute('data-lasso-codes', a.json.codes.join(' '));
        });
      });
      status.textContent = layer.getLayers().length + ' data zones on the map.';
      box.setAttribute('data-map-state', 'ready');
    }).catch(function (err) { status.textContent = 'The map could not be loaded (' + err + ').'; });
    }
  }

  if ($('choropleth')) { choropleth($('choropleth')); }
  if ($('locator')) { locator($('locator')); }
  if ($('locality-builder')) { localityBuilder($('locality-builder')); }
})();
